package org.colloquy.systemtests;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.colloquy.events.Topics;
import org.colloquy.platform.PlatformService;

/**
 * The promises of the platform, checked on a settled platform. Each method returns the violations it found (empty
 * when the promise holds), so that a failure lists all of them at once.
 */
final class Invariants {

    private static final PlatformService USER = PlatformService.USER;
    private static final PlatformService ARTICLE = PlatformService.ARTICLE;
    private static final PlatformService COMMENT = PlatformService.COMMENT;
    private static final PlatformService NOTIFICATION = PlatformService.NOTIFICATION;

    /** Counts of one phase's acknowledged writes against what the owners' databases hold. */
    record Effects(int acknowledged, int found, List<String> violations) {
    }

    private final PlatformState state;

    Invariants(PlatformState state) {
        this.state = state;
    }

    /** Every write acknowledged with a 2xx is in its owner's database exactly once. */
    Effects acknowledgedWritesExistOnce(Ledger ledger, String phase) {
        List<String> violations = new ArrayList<>();
        int found = 0;
        List<Ledger.Article> articles = ledger.articles().stream().filter(a -> a.phase().equals(phase)).toList();
        Map<String, Long> articleCounts = counts(ARTICLE, "select title, count(*) from article where title = any(?) "
                + "group by title", articles.stream().map(Ledger.Article::title).toArray(String[]::new));
        for (Ledger.Article article : articles) {
            found += once("article '" + article.title() + "'", articleCounts.get(article.title()), violations);
        }
        List<Ledger.Comment> comments = ledger.comments().stream().filter(c -> c.phase().equals(phase)).toList();
        Map<String, Long> commentCounts = counts(COMMENT, "select body, count(*) from comment where body = any(?) "
                + "group by body", comments.stream().map(Ledger.Comment::body).toArray(String[]::new));
        Map<String, String> parents = new HashMap<>();
        state.query(COMMENT, "select body, parent_id from comment where body = any(?)",
                (Object) comments.stream().map(Ledger.Comment::body).toArray(String[]::new))
                .forEach(row -> parents.put((String) row.get(0), String.valueOf(row.get(1))));
        for (Ledger.Comment comment : comments) {
            found += once("comment " + comment.id(), commentCounts.get(comment.body()), violations);
            if (!String.valueOf(comment.parentId()).equals(parents.getOrDefault(comment.body(), "null"))) {
                violations.add("comment " + comment.id() + " has parent " + parents.get(comment.body())
                        + ", was posted as a reply to " + comment.parentId());
            }
        }
        List<Ledger.Follow> follows = ledger.follows().stream().filter(f -> f.phase().equals(phase)).toList();
        Map<String, Long> users = counts(USER, "select username, count(*) from app_user where username = any(?) "
                + "group by username", follows.stream().map(Ledger.Follow::followee).toArray(String[]::new));
        Set<String> followPairs = state.rowsAsText(USER, "select a.username, b.username from follow f "
                + "join app_user a on a.id = f.follower_id join app_user b on b.id = f.followee_id");
        for (Ledger.Follow follow : follows) {
            found += once("user " + follow.followee(), users.get(follow.followee()), violations);
            if (followPairs.contains(follow.follower() + "|" + follow.followee())) {
                found++;
            } else {
                violations.add("follow " + follow.follower() + " -> " + follow.followee() + " acknowledged, not found");
            }
        }
        return new Effects(ledger.acknowledged(phase), found, violations);
    }

    /** Every replica agrees with its source. */
    List<String> replicasAgree() {
        List<String> violations = new ArrayList<>();
        Set<String> users = state.rowsAsText(USER, "select id, username from app_user");
        compare("authors in article-service", users, state.rowsAsText(ARTICLE, "select user_id, username from author"),
                violations);
        compare("authors in comment-service", users, state.rowsAsText(COMMENT, "select user_id, username from author"),
                violations);
        compare("authors in notification-service", users,
                state.rowsAsText(NOTIFICATION, "select user_id, username from author"), violations);

        Set<String> follows = state.rowsAsText(USER, "select follower_id, followee_id from follow");
        compare("follows in article-service", follows,
                state.rowsAsText(ARTICLE, "select follower_id, followee_id from author_follow"), violations);
        compare("follows in comment-service", follows,
                state.rowsAsText(COMMENT, "select follower_id, followee_id from author_follow"), violations);
        compare("follows in notification-service", follows,
                state.rowsAsText(NOTIFICATION, "select follower_id, followee_id from author_follow"), violations);

        compare("published articles in comment-service",
                state.rowsAsText(ARTICLE, "select id, slug, author_id from article where status = 'published'"),
                state.rowsAsText(COMMENT, "select article_id, slug, author_id from article_replica where published"),
                violations);
        compare("articles in notification-service",
                state.rowsAsText(ARTICLE, "select id, slug, title, author_id from article where status = 'published'"),
                state.rowsAsText(NOTIFICATION, "select article_id, slug, title, author_id from article_replica"),
                violations);
        compare("commentsCount in article-service",
                state.rowsAsText(COMMENT, "select article_id, count(*) from comment where status = 'visible' "
                        + "and posted_at is not null group by article_id"),
                state.rowsAsText(ARTICLE, "select id, comments_count from article where comments_count <> 0"),
                violations);
        return violations;
    }

    /**
     * Every expected notification exists exactly once and no other: one per follow (to the followee), one per
     * published article to each follower of its author (the load's authors only gain followers before it starts),
     * and one per visible comment to the parent comment's author (reply) and the article's author (comment), never
     * to the commenter.
     */
    List<String> notificationsExactlyOnce() {
        List<String> expected = new ArrayList<>();
        Map<Object, List<Object>> followers = new HashMap<>();
        state.query(USER, "select followee_id, follower_id from follow").forEach(row -> {
            expected.add(row.get(0) + " follower " + row.get(1));
            followers.computeIfAbsent(row.get(0), k -> new ArrayList<>()).add(row.get(1));
        });
        state.query(ARTICLE, "select id, author_id from article where status = 'published'")
                .forEach(row -> followers.getOrDefault(row.get(1), List.of())
                        .forEach(follower -> expected.add(follower + " article " + row.get(0))));
        state.query(COMMENT, "select c.id, c.author_id, p.author_id, r.author_id from comment c "
                + "left join comment p on p.id = c.parent_id join article_replica r on r.article_id = c.article_id "
                + "where c.status = 'visible' and c.posted_at is not null").forEach(row -> {
                    Object commenter = row.get(1);
                    Object parentAuthor = row.get(2);
                    Object articleAuthor = row.get(3);
                    if (parentAuthor != null && !parentAuthor.equals(commenter)) {
                        expected.add(parentAuthor + " reply " + row.get(0));
                    }
                    if (!articleAuthor.equals(commenter) && !articleAuthor.equals(parentAuthor)) {
                        expected.add(articleAuthor + " comment " + row.get(0));
                    }
                });
        List<String> actual = state.query(NOTIFICATION, "select recipient_id, type, actor_id, article_id, comment_id "
                + "from notification").stream().map(row -> row.get(0) + " " + row.get(1) + " " + switch ((String) row
                        .get(1)) {
                    case "follower" -> row.get(2);
                    case "article" -> row.get(3);
                    default -> row.get(4);
                }).toList();
        return compareMultisets("notifications", expected, actual);
    }

    /**
     * Nothing lost, nothing skipped, order kept: every valid record of a type a consumer handles was processed by it,
     * and the records of one key (one article, one user) were processed in their order in the partition. Nothing
     * else was processed either: a consumer that handles a type {@link Consumers} does not give it is a violation, so
     * that list stays exactly what the services do.
     */
    List<String> everyEventProcessedInOrder(Set<String> poisonIds) {
        List<String> violations = new ArrayList<>();
        List<PlatformState.Event> events = state.read(Topics.ALL);
        for (PlatformService consumer : Consumers.TOPICS.keySet()) {
            Map<String, Timestamp> processed = state.processedAt(consumer);
            Set<String> handled = Consumers.HANDLED.get(consumer);
            Map<String, List<PlatformState.Event>> byKey = new LinkedHashMap<>();
            Set<String> seen = new HashSet<>();
            for (PlatformState.Event event : events) {
                if (processed.containsKey(event.id()) && (!Consumers.TOPICS.get(consumer).contains(event.topic())
                        || !handled.contains(event.type())) && seen.add("unlisted " + event.id())) {
                    violations.add(consumer.name() + " processed " + event + ", a type Consumers does not give it");
                }
                if (!Consumers.TOPICS.get(consumer).contains(event.topic()) || !handled.contains(event.type())
                        || poisonIds.contains(event.id()) || !seen.add(event.id())) {
                    continue; // not for this consumer, poison, or a later copy of an event
                }
                if (!processed.containsKey(event.id())) {
                    violations.add(consumer.name() + " never processed " + event);
                    continue;
                }
                byKey.computeIfAbsent(event.topic() + "/" + event.key(), k -> new ArrayList<>()).add(event);
            }
            byKey.forEach((key, ofKey) -> {
                for (int i = 1; i < ofKey.size(); i++) {
                    if (processed.get(ofKey.get(i).id()).before(processed.get(ofKey.get(i - 1).id()))) {
                        violations.add(consumer.name() + " processed " + ofKey.get(i) + " before "
                                + ofKey.get(i - 1));
                    }
                }
            });
        }
        return violations;
    }

    /** Every poison record sits in the dead-letter topic of each service that consumes its topic. */
    List<String> poisonDeadLettered(Map<String, String> poisonTopicById) {
        List<String> violations = new ArrayList<>();
        for (PlatformService service : Consumers.TOPICS.keySet()) {
            Set<String> deadLettered = new HashSet<>();
            state.read(List.of(Topics.deadLetterTopic(service.name()))).forEach(event -> deadLettered.add(event.id()));
            poisonTopicById.forEach((id, topic) -> {
                if (Consumers.TOPICS.get(service).contains(topic) && !deadLettered.contains(id)) {
                    violations.add("poison record " + id + " on " + topic + " is not in "
                            + Topics.deadLetterTopic(service.name()));
                }
            });
        }
        return violations;
    }

    private Map<String, Long> counts(PlatformService service, String sql, String[] keys) {
        Map<String, Long> counts = new HashMap<>();
        state.query(service, sql, (Object) keys)
                .forEach(row -> counts.put((String) row.get(0), ((Number) row.get(1)).longValue()));
        return counts;
    }

    private static int once(String what, Long count, List<String> violations) {
        if (count == null) {
            violations.add(what + " was acknowledged but is missing");
            return 0;
        }
        if (count > 1) {
            violations.add(what + " exists " + count + " times");
        }
        return 1;
    }

    private static void compare(String what, Set<String> source, Set<String> replica, List<String> violations) {
        if (source.equals(replica)) {
            return;
        }
        Set<String> missing = new HashSet<>(source);
        missing.removeAll(replica);
        Set<String> extra = new HashSet<>(replica);
        extra.removeAll(source);
        violations.add(what + " disagree with their source: missing " + sample(missing) + ", not in the source "
                + sample(extra));
    }

    private static List<String> compareMultisets(String what, Collection<String> expected, Collection<String> actual) {
        Map<String, Long> want = PlatformState.countBy(List.copyOf(expected), s -> s);
        Map<String, Long> have = PlatformState.countBy(List.copyOf(actual), s -> s);
        List<String> violations = new ArrayList<>();
        want.forEach((key, count) -> {
            long found = have.getOrDefault(key, 0L);
            if (found != count) {
                violations.add(what + ": expected " + count + " × [" + key + "], found " + found);
            }
        });
        have.keySet().stream().filter(key -> !want.containsKey(key))
                .forEach(key -> violations.add(what + ": unexpected [" + key + "] × " + have.get(key)));
        return violations;
    }

    private static String sample(Set<String> rows) {
        return rows.size() + " " + rows.stream().limit(5).toList();
    }
}
