package org.colloquy.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.arc.Arc;
import io.vertx.mutiny.sqlclient.Pool;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every service answers for operators and tooling: liveness, readiness that checks the database and Kafka,
 * the OpenAPI document and Swagger UI, and a schema that Flyway migrated. A service's test extends it as a {@code
 * @QuarkusTest} with the test
 * resources.
 */
public abstract class StandardEndpointsContract {

    @Test
    void livenessIsUp() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void readinessChecksTheDatabaseAndKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems(
                        containsString("Reactive PostgreSQL connections health check"),
                        containsString("Kafka connection health check")));
    }

    @Test
    void openApiDocumentIsServed() {
        given().accept("application/json").get("/q/openapi").then().statusCode(200)
                .body("openapi", containsString("3."));
    }

    @Test
    void flywayCreatedTheMessagingTables() {
        Pool pool = Arc.container().instance(Pool.class).get();
        for (String table : List.of("outbox_event", "processed_event", "consumer_position")) {
            pool.query("select count(*) from " + table).execute().await().atMost(Duration.ofSeconds(10));
        }
    }

    @Test
    void swaggerUiIsServed() {
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
