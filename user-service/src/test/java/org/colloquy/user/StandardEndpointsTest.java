package org.colloquy.user;

import io.quarkus.test.junit.QuarkusTest;
import org.colloquy.testing.StandardEndpointsContract;

@QuarkusTest
@UserServiceTest
class StandardEndpointsTest extends StandardEndpointsContract {
}
