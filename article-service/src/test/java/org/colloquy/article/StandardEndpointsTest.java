package org.colloquy.article;

import io.quarkus.test.junit.QuarkusTest;
import org.colloquy.testing.StandardEndpointsContract;

@QuarkusTest
@ArticleServiceTest
class StandardEndpointsTest extends StandardEndpointsContract {
}
