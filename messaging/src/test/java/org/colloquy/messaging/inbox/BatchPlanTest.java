package org.colloquy.messaging.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.colloquy.events.EventCatalog;
import org.colloquy.events.EventJson;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.article.ArticleUpdated;
import org.junit.jupiter.api.Test;

/** Which records of a poll share a transaction, and what follows a run that failed. */
class BatchPlanTest {

    private static final String TOPIC = "article.events";
    private static final String PUBLISHED = EventCatalog.of(ArticlePublished.class).type();
    private static final String UPDATED = EventCatalog.of(ArticleUpdated.class).type();
    /** This consumer handles publications and skips updates. */
    private static final EventHandlers HANDLERS = EventHandlers.builder()
            .on(ArticlePublished.class, event -> Uni.createFrom().voidItem())
            .build();

    private final List<ConsumerRecord<String, String>> poll = new ArrayList<>();

    @Test
    void consecutiveReadableRecordsShareOneRun() {
        published("a");
        published("b");
        published("a");

        assertThat(plan()).containsExactly("run 0,1,2");
    }

    @Test
    void anUnreadableRecordEndsTheRunBeforeItAndIsDeadLetteredInItsPlace() {
        published("a");
        published("a");
        add("a", UUID.randomUUID().toString(), PUBLISHED, "{not json");
        published("a");
        published("a");

        assertThat(plan()).containsExactly("run 0,1", "unreadable 2", "run 3,4");
    }

    @Test
    void aSingleReadableRecordBetweenUnreadableOnesGoesAlone() {
        add("a", null, null, "{}"); // no CloudEvents headers
        published("a");
        add("a", UUID.randomUUID().toString(), "org.colloquy.article.ArticleRated.v1", "{}");
        add("a", UUID.randomUUID().toString(), PUBLISHED, "{\"articleId\":\"x\"}"); // required fields missing
        published("a");

        assertThat(plan()).containsExactly("unreadable 0", "alone 1", "unreadable 2", "unreadable 3", "alone 4");
    }

    @Test
    void recordsWithoutAHandlerShareATransactionOnlyWithOneThatHasOne() {
        updated("a");
        updated("b");
        add("c", UUID.randomUUID().toString(), PUBLISHED, "{not json");
        updated("a");
        published("b");

        assertThat(plan()).containsExactly("alone 0", "alone 1", "unreadable 2", "run 3,4");
    }

    @Test
    void aTypeWithoutHandlerIsSkippedUnreadWhateverItsPayload() {
        add("a", UUID.randomUUID().toString(), UPDATED, "{not json");
        published("a");

        List<BatchPlan.Step> steps = BatchPlan.of(poll, HANDLERS);

        assertThat(describe(steps)).containsExactly("run 0,1");
        DecodedRecord skipped = ((BatchPlan.Run) steps.get(0)).records().get(0);
        assertThat(skipped.hasHandler()).isFalse();
        assertThat(skipped.event()).isNull();
    }

    @Test
    void pollOrderIsKeptAcrossKeysAndPartitionsAndARepeatStaysInItsRun() {
        String repeated = UUID.randomUUID().toString();
        add(1, "b", repeated, PUBLISHED, publishedJson("b"));
        add(0, "a", UUID.randomUUID().toString(), PUBLISHED, publishedJson("a"));
        add(1, "b", repeated, PUBLISHED, publishedJson("b"));
        add(0, "a", UUID.randomUUID().toString(), UPDATED, updatedJson("a"));

        List<BatchPlan.Step> steps = BatchPlan.of(poll, HANDLERS);

        assertThat(describe(steps)).containsExactly("run 0,1,2,3");
        List<DecodedRecord> run = ((BatchPlan.Run) steps.get(0)).records();
        assertThat(run).extracting(decoded -> decoded.record()).containsExactlyElementsOf(poll);
        assertThat(run).extracting(decoded -> decoded.metadata().id()).filteredOn(repeated::equals).hasSize(2);
    }

    @Test
    void anEmptyPollHasNoSteps() {
        assertThat(plan()).isEmpty();
    }

    @Test
    void afterAHandlerFailedThatRecordGoesAloneAndTheOthersInRunsAgain() {
        for (int i = 0; i < 5; i++) {
            published("a");
        }
        List<DecodedRecord> run = ((BatchPlan.Run) BatchPlan.of(poll, HANDLERS).get(0)).records();

        assertThat(describe(BatchPlan.afterFailure(run, 2))).containsExactly("run 0,1", "alone 2", "run 3,4");
        assertThat(describe(BatchPlan.afterFailure(run, 0))).containsExactly("alone 0", "run 1,2,3,4");
        assertThat(describe(BatchPlan.afterFailure(run, 1))).containsExactly("alone 0", "alone 1", "run 2,3,4");
        assertThat(describe(BatchPlan.afterFailure(run, 4))).containsExactly("run 0,1,2,3", "alone 4");
    }

    @Test
    void afterTheCommitFailedEveryRecordGoesAlone() {
        published("a");
        updated("b");
        published("c");
        List<DecodedRecord> run = ((BatchPlan.Run) BatchPlan.of(poll, HANDLERS).get(0)).records();

        assertThat(describe(BatchPlan.afterFailure(run, -1))).containsExactly("alone 0", "alone 1", "alone 2");
    }

    @Test
    void afterAFailureRecordsWithoutAHandlerAreNotARunOnTheirOwn() {
        updated("a");
        updated("b");
        published("c");
        updated("d");
        updated("e");
        List<DecodedRecord> run = ((BatchPlan.Run) BatchPlan.of(poll, HANDLERS).get(0)).records();

        assertThat(describe(BatchPlan.afterFailure(run, 2))).containsExactly("alone 0", "alone 1", "alone 2",
                "alone 3", "alone 4");
        assertThat(describe(BatchPlan.afterFailure(run, 0))).containsExactly("alone 0", "run 1,2,3,4");
    }

    private List<String> plan() {
        return describe(BatchPlan.of(poll, HANDLERS));
    }

    /** Each step as its kind and the offsets of its records. */
    private static List<String> describe(List<BatchPlan.Step> steps) {
        return steps.stream().map(step -> {
            if (step instanceof BatchPlan.Run run) {
                return "run " + run.records().stream().map(decoded -> Long.toString(decoded.record().offset()))
                        .collect(Collectors.joining(","));
            }
            if (step instanceof BatchPlan.Alone alone) {
                return "alone " + alone.record().record().offset();
            }
            return "unreadable " + ((BatchPlan.Unreadable) step).record().offset();
        }).toList();
    }

    private void published(String key) {
        add(key, UUID.randomUUID().toString(), PUBLISHED, publishedJson(key));
    }

    private void updated(String key) {
        add(key, UUID.randomUUID().toString(), UPDATED, updatedJson(key));
    }

    private void add(String key, String id, String type, String value) {
        add(0, key, id, type, value);
    }

    /** The next record of the poll; its offset is its index, whatever its partition, to name it in the plan. */
    private void add(int partition, String key, String id, String type, String value) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(TOPIC, partition, poll.size(), key, value);
        if (id != null) {
            record.headers().add(CloudEventHeaders.ID, id.getBytes(StandardCharsets.UTF_8));
        }
        if (type != null) {
            record.headers().add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        }
        poll.add(record);
    }

    private static String publishedJson(String key) {
        return EventJson.write(new ArticlePublished(key, "slug-" + key, "Title", null, "author-1", "author",
                List.of(), "de", Instant.now()));
    }

    private static String updatedJson(String key) {
        return EventJson.write(new ArticleUpdated(key, "slug-" + key, null, "Title", null, List.of(), null,
                Instant.now()));
    }
}
