package org.colloquy.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;
import org.colloquy.events.EventCatalog;
import org.colloquy.events.Topics;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.comment.CommentPosted;
import org.colloquy.events.user.UserFollowed;
import org.colloquy.platform.LocalPlatform;
import org.colloquy.platform.PlatformService;
import org.colloquy.platform.ServiceInstance;
import org.colloquy.platform.StartupFailure;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Delivery guarantees under faults. Each test drives steady write load through the gateway, injects one fault
 * mid-load, lets the platform settle and then checks every promise from the databases and the topics: each
 * acknowledged write exists exactly once, replicas agree with their sources, each expected notification exists
 * once and no other, every event was processed by every consumer in per-key order, poison records are
 * dead-lettered. Each prints one summary line. Runs in its own failsafe execution, on a platform of its own.
 */
@ExtendWith(RunningPlatform.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultInjectionIT {

    private static final int WRITERS = 5;
    private static final int WRITES_PER_WRITER = 150;
    private static final Duration INTERVAL = Duration.ofMillis(100);
    private static final Duration SETTLE_DEADLINE = Duration.ofMinutes(3);

    private static final Ledger LEDGER = new Ledger();
    private static final List<String> SUMMARY = new ArrayList<>();
    private static final Map<String, String> POISON_TOPIC_BY_ID = new ConcurrentHashMap<>();

    private static LocalPlatform platform;
    private static PlatformState state;
    private static Invariants invariants;
    private static Load load;

    @BeforeAll
    static void writersFollowEachOtherAndPublishFirstArticles() throws Exception {
        platform = RunningPlatform.platform();
        state = new PlatformState(platform);
        invariants = new Invariants(state);
        Client.as(Client.admin()).body(Map.of("settings", Map.of("mode", "off", "bannedWords", List.of(),
                "suspectWords", List.of(), "maxLinks", 3, "commentsPerMinute", 100_000, "flagsToHold", 3,
                "editWindowSeconds", 900))).put("/api/moderation/settings").then().statusCode(200);
        List<Client.User> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            writers.add(Client.register("writer"));
        }
        // Authors gain followers only here, before any article: article notifications are then exactly known.
        for (int i = 0; i < WRITERS; i++) {
            for (int step = 1; step <= 2; step++) {
                Client.as(writers.get(i)).post("/api/profiles/{u}/follow", writers.get((i + step) % WRITERS)
                        .username()).then().statusCode(200);
            }
        }
        awaitSettled();
        for (Client.User writer : writers) {
            String title = "Erster Artikel " + UUID.randomUUID();
            String slug = Client.article(writer, title, List.of("faults"));
            LEDGER.article(new Ledger.Article("setup", writer.username(), title, slug));
        }
        load = new Load(writers, LEDGER);
        awaitSettled();
    }

    @Test
    @Order(1)
    void killingCommentServiceMidLoadLosesAndDoublesNothing() throws Exception {
        phase("kill -9 comment-service, restart", () -> {
            platform.kill(PlatformService.COMMENT);
            platform.restart(PlatformService.COMMENT, List.of());
        });
    }

    @Test
    @Order(2)
    void killingNotificationServiceMidLoadLosesAndDoublesNothing() throws Exception {
        phase("kill -9 notification-service, restart", () -> {
            platform.kill(PlatformService.NOTIFICATION);
            platform.restart(PlatformService.NOTIFICATION, List.of());
        });
    }

    @Test
    @Order(3)
    void crashingArticleServiceBetweenCommitAndKafkaAckLosesAndDoublesNothing() throws Exception {
        phase("article-service halted after commit before send, then after Kafka ack before outbox delete", () -> {
            platform.kill(PlatformService.ARTICLE);
            haltArticleServiceWith("halt-before-send.btm");
            haltArticleServiceWith("halt-after-ack.btm");
            platform.restart(PlatformService.ARTICLE, List.of());
        }, 3);
    }

    @Test
    @Order(4)
    void restartingTheBrokerMidLoadLosesAndDoublesNothing() throws Exception {
        phase("kill -9 Kafka broker, 8 s down, restart", () -> {
            platform.killKafka();
            pause(Duration.ofSeconds(8));
            platform.restartKafka();
        });
    }

    @Test
    @Order(5)
    void cuttingOffCommentServiceDatabaseMidLoadLosesAndDoublesNothing() throws Exception {
        // Only this service's database: the server and every other database stay up.
        String database = state.database(PlatformService.COMMENT);
        phase("comment-service database unreachable for 8 s", () -> {
            state.onServer("alter database " + database + " allow_connections false");
            state.onServer("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + database
                    + "'");
            pause(Duration.ofSeconds(8));
            state.onServer("alter database " + database + " allow_connections true");
        });
    }

    @Test
    @Order(6)
    void duplicateDeliveriesAreSuppressedAndPoisonRecordsDeadLettered() throws Exception {
        long[] expectedDuplicates = {0};
        long suppressedBefore = state.duplicatesSuppressed();
        phase("republished records and poison records (malformed JSON, unknown type, missing fields)",
                () -> {
                    expectedDuplicates[0] = republishConsumedRecords(40);
                    injectPoison();
                });
        assertThat(state.duplicatesSuppressed() - suppressedBefore)
                .as("duplicate deliveries suppressed").isGreaterThanOrEqualTo(expectedDuplicates[0]);
    }

    /**
     * With replicas: SIGKILL to one instance of every service in turn while the other serves. The gateway takes the
     * dead instance out of its rotation, its Kafka partitions go to the other instance (a rebalance), its outbox rows
     * are the other's sweep's; a write fails only if it was in flight on the killed instance, and then with an answer
     * that tells the client to try again (502, 503 or 504), never with a 4xx or a 500.
     */
    @Test
    @Order(7)
    void killingOneInstanceOfEachServiceLosesAndDoublesNothingWhileTheOtherServes() throws Exception {
        Assumptions.assumeTrue(RunningPlatform.replicas() > 1, "needs two or more instances of each service");
        Map<String, Integer> failed = phase("kill -9 one instance of each service in turn, the other serves", () -> {
            for (PlatformService service : PlatformService.BACKENDS) {
                ServiceInstance second = new ServiceInstance(service, 1);
                platform.kill(second);
                pause(Duration.ofSeconds(3));
                platform.restart(second, List.of());
            }
        }, 2);
        assertThat(failed.keySet()).as("failed writes, by why").isSubsetOf("HTTP 502", "HTTP 503", "HTTP 504");
    }

    @AfterAll
    static void printSummary() {
        System.out.println("\n=== Fault injection summary ===");
        SUMMARY.forEach(System.out::println);
    }

    @Test
    @Order(8)
    void overallDuplicatesWereSuppressedAndNoPoisonWasSkipped() {
        assertThat(state.duplicatesSuppressed()).as("duplicate deliveries suppressed overall").isPositive();
        assertThat(invariants.poisonDeadLettered(POISON_TOPIC_BY_ID)).isEmpty();
        assertThat(POISON_TOPIC_BY_ID).isNotEmpty();
    }

    private interface Fault {
        void inject() throws Exception;
    }

    private static Map<String, Integer> phase(String name, Fault fault) throws Exception {
        return phase(name, fault, 1);
    }

    /**
     * {@code lengthFactor}: faults with several restarts need the load to go on for longer. Returns the writes of
     * the phase that were not acknowledged, counted by why.
     */
    private static Map<String, Integer> phase(String name, Fault fault, int lengthFactor) throws Exception {
        long duplicatesBefore = state.duplicatesSuppressed();
        long deadLettersBefore = state.deadLetterCount();
        Map<String, Integer> failuresBefore = LEDGER.failures();
        load.run(name, WRITES_PER_WRITER * lengthFactor, INTERVAL, 0.25 / lengthFactor, () -> {
            try {
                fault.inject();
            } catch (Exception e) {
                throw new IllegalStateException("Injecting '" + name + "' failed: " + e.getMessage(), e);
            }
        });
        awaitSettled();

        Invariants.Effects effects = invariants.acknowledgedWritesExistOnce(LEDGER, name);
        List<String> violations = new ArrayList<>(effects.violations());
        violations.addAll(invariants.replicasAgree());
        violations.addAll(invariants.notificationsExactlyOnce());
        violations.addAll(invariants.everyEventProcessedInOrder(POISON_TOPIC_BY_ID.keySet()));
        violations.addAll(invariants.poisonDeadLettered(POISON_TOPIC_BY_ID));
        Map<String, Integer> failed = new TreeMap<>(LEDGER.failures());
        failuresBefore.forEach((why, count) -> failed.merge(why, -count, Integer::sum));
        failed.values().removeIf(count -> count == 0);
        String line = String.format("FAULT %s%n  writes acknowledged %d, effects found %d, duplicates suppressed %d, "
                        + "dead-lettered %d, violations %d; writes not acknowledged %d %s", name,
                effects.acknowledged(), effects.found(), state.duplicatesSuppressed() - duplicatesBefore,
                state.deadLetterCount() - deadLettersBefore, violations.size(),
                failed.values().stream().mapToInt(Integer::intValue).sum(), failed);
        SUMMARY.add(line);
        System.out.println(line);
        assertThat(violations).as(name).isEmpty();
        assertThat(effects.found()).as("effects of acknowledged writes").isEqualTo(effects.acknowledged());
        assertThat(effects.acknowledged()).as("writes acknowledged during '" + name + "'").isPositive();
        return failed;
    }

    private static void awaitSettled() {
        await().atMost(SETTLE_DEADLINE).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(state::settled);
    }

    /**
     * Restarts article-service with a Byteman rule that halts it (like SIGKILL: no shutdown hooks, nothing
     * flushed) at one point of the outbox relay, and waits until the load's next article has made it halt there.
     * The rule is a test resource loaded by an agent: production builds contain no hook at all.
     */
    private static void haltArticleServiceWith(String rule) throws URISyntaxException {
        Path agent = Path.of(org.jboss.byteman.agent.Main.class.getProtectionDomain().getCodeSource().getLocation()
                .toURI());
        Path script = Path.of(FaultInjectionIT.class.getResource("/faults/" + rule).toURI());
        try {
            platform.restart(PlatformService.ARTICLE, List.of("-javaagent:" + agent + "=script:" + script));
        } catch (StartupFailure e) {
            // The rule may already fire while it starts: the outbox sweep publishes what the last crash left.
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> !platform.isRunning(PlatformService.ARTICLE));
        platform.kill(PlatformService.ARTICLE);
    }

    /** Publishes the last {@code perTopic} records of each topic again, unchanged; returns the expected skips. */
    private static long republishConsumedRecords(int perTopic) throws Exception {
        long expectedSkips = 0;
        try (KafkaProducer<String, String> producer = producer()) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (String topic : List.of(Topics.USER_EVENTS, Topics.ARTICLE_EVENTS, Topics.COMMENT_EVENTS)) {
                List<ConsumerRecord<String, String>> records = state.readRaw(topic);
                for (ConsumerRecord<String, String> record : records.subList(Math.max(0, records.size() - perTopic),
                        records.size())) {
                    sent.add(producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(),
                            record.headers())));
                    String type = PlatformState.header(record, "ce_type");
                    expectedSkips += Consumers.of(topic).stream()
                            .filter(consumer -> Consumers.HANDLED.get(consumer).contains(type)).count();
                }
            }
            for (Future<RecordMetadata> ack : sent) {
                ack.get();
            }
        }
        return expectedSkips;
    }

    /**
     * On each topic, for a real key: malformed JSON, an unknown type and a payload without its required fields,
     * each with a type every consumer of the topic handles, so each consumer must dead-letter each of them.
     */
    private static void injectPoison() throws Exception {
        Ledger.Article article = LEDGER.articles().get(0);
        String articleId = state.articleId(article.slug()).toString();
        String userId = state.userId(article.author()).toString();
        Map<String, String[]> topics = new HashMap<>();
        topics.put(Topics.USER_EVENTS, new String[] {userId, EventCatalog.of(UserFollowed.class).type(),
                "org.colloquy.user.UserTeleported.v1", "{\"followerId\":\"" + userId + "\"}"});
        topics.put(Topics.ARTICLE_EVENTS, new String[] {articleId, EventCatalog.of(ArticlePublished.class).type(),
                "org.colloquy.article.ArticleRated.v1", "{\"articleId\":\"" + articleId + "\"}"});
        topics.put(Topics.COMMENT_EVENTS, new String[] {articleId, EventCatalog.of(CommentPosted.class).type(),
                "org.colloquy.comment.CommentTeleported.v1", "{\"articleId\":\"" + articleId + "\"}"});
        try (KafkaProducer<String, String> producer = producer()) {
            for (Map.Entry<String, String[]> topic : topics.entrySet()) {
                String[] spec = topic.getValue();
                poison(producer, topic.getKey(), spec[0], spec[1], "{not json");
                poison(producer, topic.getKey(), spec[0], spec[2], "{}");
                poison(producer, topic.getKey(), spec[0], spec[1], spec[3]);
            }
        }
    }

    private static void poison(KafkaProducer<String, String> producer, String topic, String key, String type,
            String value) throws Exception {
        String id = UUID.randomUUID().toString();
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        record.headers().add(new RecordHeader("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_id", id.getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_type", type.getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("ce_source", "urn:colloquy:fault-injection"
                .getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("content-type", "application/json".getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get();
        POISON_TOPIC_BY_ID.put(id, topic);
    }

    private static KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.config().bootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(properties);
    }

    /** How long a fault lasts (a broker or a database away): part of the fault, not a wait for an effect. */
    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
