package org.colloquy.systemtests;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the load generator was told: every write the platform acknowledged with a 2xx, and how many it refused or
 * never answered. Only acknowledged writes are promised; a write without an answer may or may not have happened.
 */
final class Ledger {

    record Article(String phase, String author, String title, String slug) {
    }

    record Comment(String phase, String author, String articleSlug, long id, String body, Long parentId) {
    }

    record Follow(String phase, String follower, String followee) {
    }

    private final List<Article> articles = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();
    private final List<Follow> follows = new ArrayList<>();
    private final Map<String, Integer> failures = new TreeMap<>();

    synchronized void article(Article article) {
        articles.add(article);
    }

    synchronized void comment(Comment comment) {
        comments.add(comment);
    }

    synchronized void follow(Follow follow) {
        follows.add(follow);
    }

    /** A write that was refused or not answered, by why (HTTP status or exception). */
    synchronized void failed(String why) {
        failures.merge(why, 1, Integer::sum);
    }

    synchronized Optional<Article> anyArticle() {
        return articles.isEmpty() ? Optional.empty()
                : Optional.of(articles.get(ThreadLocalRandom.current().nextInt(articles.size())));
    }

    synchronized Optional<Comment> anyComment() {
        return comments.isEmpty() ? Optional.empty()
                : Optional.of(comments.get(ThreadLocalRandom.current().nextInt(comments.size())));
    }

    synchronized List<Article> articles() {
        return List.copyOf(articles);
    }

    synchronized List<Comment> comments() {
        return List.copyOf(comments);
    }

    synchronized List<Follow> follows() {
        return List.copyOf(follows);
    }

    synchronized Map<String, Integer> failures() {
        return new TreeMap<>(failures);
    }

    /** Acknowledged writes of one phase: articles, comments and replies, registrations, follows. */
    synchronized int acknowledged(String phase) {
        return (int) (articles.stream().filter(a -> a.phase().equals(phase)).count()
                + comments.stream().filter(c -> c.phase().equals(phase)).count()
                + follows.stream().filter(f -> f.phase().equals(phase)).count() * 2); // a fresh user and the follow
    }
}
