package org.colloquy.benchmarks;

import java.nio.file.Path;
import java.util.List;

/**
 * What every scenario works with: the run's settings and results, the platform under test, the HTTP client, the
 * users and articles of the set-up and the read data set. One value handed to each scenario, so that a scenario is
 * a class of its own and not a method reaching into the benchmark's fields.
 */
record ScenarioContext(Path root, Path workDir, Settings settings, Results results, BenchmarkPlatform platform,
        Http http, UsersAndArticles users, ReadDataSet readDataSet) {

    /** The messaging schema every service shares; a scratch database for pgbench starts with it. */
    private static final String MESSAGING_MIGRATION =
            "messaging/src/main/resources/db/migration/R__colloquy_messaging.sql";

    String gateway() {
        return platform.gateway();
    }

    /** pgbench against the platform's server, with the run's work directory for its scripts and logs. */
    Pgbench pgbench() {
        return new Pgbench(workDir, platform.config().postgresUrl(), platform.config().postgresUser(),
                platform.config().postgresPassword());
    }

    /** A scratch database with the schema of one service (its migration, relative to the project root). */
    String scratchDatabase(String name, String serviceMigration) {
        return platform.databases().createScratch(name, List.of(root.resolve(MESSAGING_MIGRATION),
                root.resolve(serviceMigration)));
    }

    /** Kafka's own tools against the platform's broker. */
    KafkaTools kafkaTools() {
        return new KafkaTools(platform.config().bootstrapServers(), workDir);
    }
}
