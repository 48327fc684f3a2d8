package org.colloquy.notification;

import io.quarkus.test.common.WithTestResource;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.colloquy.testing.JwtResource;
import org.colloquy.testing.KafkaResource;
import org.colloquy.testing.PostgresResource;

/** The resources every test of this service runs with, so that all share one application start. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@WithTestResource(KafkaResource.class)
@WithTestResource(PostgresResource.class)
@WithTestResource(JwtResource.class)
public @interface NotificationServiceTest {
}
