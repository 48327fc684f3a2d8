package org.colloquy.notification;

import io.quarkus.test.junit.QuarkusTest;
import org.colloquy.testing.StandardEndpointsContract;

@QuarkusTest
@NotificationServiceTest
class StandardEndpointsTest extends StandardEndpointsContract {
}
