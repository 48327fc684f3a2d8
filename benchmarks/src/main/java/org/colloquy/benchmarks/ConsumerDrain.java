package org.colloquy.benchmarks;

import static org.colloquy.benchmarks.Figures.pct;
import static org.colloquy.benchmarks.Figures.perSecond;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.colloquy.events.Topics;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.comment.CommentPosted;
import org.colloquy.events.user.UserRegistered;
import org.colloquy.platform.PlatformService;

/**
 * Scenario 3, the consumer drain: notification-service is stopped, a backlog of CommentPosted events is published,
 * and the service is started again; the rate at which it turns the backlog into notifications is measured in its
 * database. The baselines: pgbench writing the same rows, and Kafka's ConsumerPerformance reading the same topic.
 */
final class ConsumerDrain extends Scenario {

    /** Comment ids of the drain's synthetic events start here, far above what the scenarios before it create. */
    private static final long DRAIN_COMMENT_IDS = 1_000_000_000L;

    /** The recipients (article authors), commenters and articles the backlog's comments are about. */
    private record Parties(List<UUID> recipients, List<UUID> commenters, List<UUID> articles) {
    }

    /** How many notifications the drain wrote and at what rate (first to last). */
    private record Drained(long notifications, double rate) {
    }

    ConsumerDrain(ScenarioContext context) {
        super(context);
    }

    @Override
    void run() throws Exception {
        int events = settings.drainEvents();
        String notificationDb = context.platform().config().database(PlatformService.NOTIFICATION);
        try (Connection poll = context.platform().databases().connect(notificationDb)) {
            Parties parties = announce(events);
            Drained drained = drain(events, parties, poll);
            compareWithBaselines(events, drained);
        }
    }

    /**
     * In a real backlog every comment's author registered and its article was published before it: announced first
     * (and consumed while the service runs), so that the drain measures the handler's usual path and not the one
     * for parties a replica does not know yet.
     */
    private Parties announce(int events) throws Exception {
        BenchmarkPlatform platform = context.platform();
        List<UUID> recipients = randomIds(1000);
        List<UUID> commenters = randomIds(1000);
        List<UUID> articles = randomIds((events + 99) / 100);
        long partiesStart = System.nanoTime();
        try (EventPublisher publisher = new EventPublisher(platform.config().bootstrapServers())) {
            Instant now = Instant.now();
            for (int i = 0; i < commenters.size(); i++) {
                publisher.send(Topics.USER_EVENTS, new UserRegistered(commenters.get(i).toString(),
                        drainCommenter(i), null, null, now));
            }
            for (int i = 0; i < articles.size(); i++) {
                publisher.send(Topics.ARTICLE_EVENTS, new ArticlePublished(articles.get(i).toString(),
                        "drain-" + i, "Drain " + i, "An article of the drain backlog",
                        recipients.get(i % recipients.size()).toString(), "drain-author", List.of(), "en", now));
            }
            publisher.flush();
        }
        platform.awaitNoLag("notification-service", Topics.USER_EVENTS, Duration.ofSeconds(120));
        platform.awaitNoLag("notification-service", Topics.ARTICLE_EVENTS, Duration.ofSeconds(120));
        results.note(String.format(Locale.ROOT, "drain: %d commenters registered and %d articles published first, "
                + "consumed by notification-service in %.1f s", commenters.size(), articles.size(),
                (System.nanoTime() - partiesStart) / 1e9));
        return new Parties(recipients, commenters, articles);
    }

    /** Publishes the backlog while the service is stopped, starts it and polls its notifications until done. */
    private Drained drain(int events, Parties parties, Connection poll) throws Exception {
        BenchmarkPlatform platform = context.platform();
        platform.launcher().stop(PlatformService.NOTIFICATION);
        long publishStart = System.nanoTime();
        try (EventPublisher publisher = new EventPublisher(platform.config().bootstrapServers())) {
            for (int i = 0; i < events; i++) {
                int article = i / 100;
                int commenter = i % parties.commenters().size();
                publisher.send(Topics.COMMENT_EVENTS, new CommentPosted(DRAIN_COMMENT_IDS + i,
                        parties.articles().get(article).toString(), "drain-" + article,
                        parties.recipients().get(article % parties.recipients().size()).toString(), null, null,
                        parties.commenters().get(commenter).toString(), drainCommenter(commenter),
                        "A comment of the drain backlog.", List.of(), Instant.now()));
            }
            publisher.flush();
        }
        results.note(String.format(Locale.ROOT, "drain: published %d CommentPosted events in %.1f s while "
                + "notification-service was stopped", events, (System.nanoTime() - publishStart) / 1e9));
        long restart = System.nanoTime();
        platform.launcher().restart(PlatformService.NOTIFICATION, List.of());
        String count = "select count(*), coalesce(floor(extract(epoch from min(created_at)) * 1000), 0), "
                + "coalesce(floor(extract(epoch from max(created_at)) * 1000), 0) from notification "
                + "where comment_id >= " + DRAIN_COMMENT_IDS;
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        long[] progress = Databases.longs(poll, count);
        while (progress[0] < events && System.nanoTime() < deadline) {
            Thread.sleep(1000); // polling the service's progress in its database, with a deadline
            progress = Databases.longs(poll, count);
        }
        double seconds = Math.max(0.001, (progress[2] - progress[1]) / 1000.0);
        double rate = progress[0] / seconds;
        results.note(String.format(Locale.ROOT, "drain: %d of %d notifications in %.1f s (first to last), %.1f s "
                + "after the restart began", progress[0], events, seconds, (System.nanoTime() - restart) / 1e9));
        return new Drained(progress[0], rate);
    }

    private void compareWithBaselines(int events, Drained drained) {
        Pgbench pgbench = context.pgbench();
        String scratch = context.scratchDatabase("pgbench_notification",
                "notification-service/src/main/resources/db/migration/V1__notifications.sql");
        String script = pgbench.script("notification", """
                BEGIN;
                INSERT INTO processed_event (consumer, event_id) VALUES ('notification-service/comment-events',
                    gen_random_uuid()::text);
                INSERT INTO notification (recipient_id, type, event_id, actor_id, actor_username, article_id,
                    article_slug, comment_id, comment_excerpt, created_at)
                  VALUES (gen_random_uuid(), 'comment', gen_random_uuid()::text, gen_random_uuid(), 'drain-commenter',
                    gen_random_uuid(), 'drain-1', 1, 'A comment of the drain backlog.', now());
                END;
                """.replace("\n    ", " ")).toString();
        int clients = 2;
        double pgRate = pgbench.saturation(scratch, script, clients, settings.step().multipliedBy(2));
        double consumerPerformance = context.kafkaTools().consumerPerformance(Topics.COMMENT_EVENTS, events);
        results.note(String.format(Locale.ROOT, "drain baselines: pgbench %.0f tx/s (%d clients for %d s, "
                + "notification + processed_event per transaction); ConsumerPerformance %.0f records/s reading %d "
                + "records of %s", pgRate, clients, settings.step().multipliedBy(2).toSeconds(), consumerPerformance,
                events, Topics.COMMENT_EVENTS));
        double rate = drained.rate();
        double ratio = rate / pgRate;
        boolean complete = drained.notifications() >= events;
        results.row("3. Consumer drain", "notification-service drains " + events + " CommentPosted",
                perSecond(rate) + (complete ? "" : " (rate of the first " + drained.notifications() + ", cut off "
                        + "after " + settings.drainTimeout().toSeconds() + " s)"),
                perSecond(pgRate) + " (pgbench, notification + processed_event row)", pct(ratio), "≥ 50%",
                ratio >= 0.5);
        results.row("3. Consumer drain", "same backlog, Kafka alone", perSecond(rate),
                perSecond(consumerPerformance) + " (ConsumerPerformance, same topic)",
                pct(rate / consumerPerformance), "–", null);
        results.throughputs.put("drain", new double[] {rate, pgRate});
    }

    private static List<UUID> randomIds(int count) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID());
        }
        return ids;
    }

    private static String drainCommenter(int index) {
        return "drain-commenter-" + index;
    }
}
