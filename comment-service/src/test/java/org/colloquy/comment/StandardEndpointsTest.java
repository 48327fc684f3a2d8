package org.colloquy.comment;

import io.quarkus.test.junit.QuarkusTest;
import org.colloquy.testing.StandardEndpointsContract;

@QuarkusTest
@CommentServiceTest
class StandardEndpointsTest extends StandardEndpointsContract {
}
