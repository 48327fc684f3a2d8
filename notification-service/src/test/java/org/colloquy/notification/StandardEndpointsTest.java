package org.colloquy.notification;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.colloquy.testing.KafkaResource;
import org.colloquy.testing.PostgresResource;
import org.colloquy.testing.StandardEndpointsContract;

@QuarkusTest
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
class StandardEndpointsTest extends StandardEndpointsContract {
}
