package org.colloquy.events;

import static java.util.Map.entry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.colloquy.events.article.ArticleDeleted;
import org.colloquy.events.article.ArticlePublished;
import org.colloquy.events.article.ArticleUnpublished;
import org.colloquy.events.article.ArticleUpdated;
import org.colloquy.events.comment.CommentDeleted;
import org.colloquy.events.comment.CommentEdited;
import org.colloquy.events.comment.CommentPosted;
import org.colloquy.events.moderation.CommentApproved;
import org.colloquy.events.moderation.CommentFlagged;
import org.colloquy.events.moderation.CommentHeldForReview;
import org.colloquy.events.moderation.CommentRejected;
import org.colloquy.events.moderation.UserBannedFromCommenting;
import org.colloquy.events.user.UserFollowed;
import org.colloquy.events.user.UserProfileUpdated;
import org.colloquy.events.user.UserRegistered;
import org.colloquy.events.user.UserSessionsRevoked;
import org.colloquy.events.user.UserUnfollowed;

/**
 * One realistic sample per payload record: {@link #full} sets every field, {@link #minimal} only the required ones
 * (optional fields null, lists empty). A new event type needs an entry in both maps, or the tests fail.
 */
final class SampleEvents {

    static final String ANNA = "3f6c1a52-8d0e-4b7e-9a1f-5c2d8e4b7a10";
    static final String JOERG = "9b2e7d41-0c3a-4f8e-b6d5-1a7c3e9f2b84";
    static final String MODERATOR = "c4d8e2f6-1b3a-4c5d-8e7f-0a9b1c2d3e4f";
    static final String ARTICLE = "7a1e5c9d-2b4f-4e6a-8c0d-3f5b7e9a1c2d";
    static final String SLUG = "ueber-die-waermepumpe";
    static final Instant AT = Instant.parse("2025-03-14T09:26:53.589793Z");

    private static final Map<Class<? extends DomainEvent>, DomainEvent> FULL = Map.ofEntries(
            entry(UserRegistered.class, new UserRegistered(ANNA, "anna.müller", "Schreibt über Energie & Häuser",
                    "https://img.colloquy.org/u/anna.png", AT)),
            entry(UserProfileUpdated.class, new UserProfileUpdated(ANNA, "anna.müller",
                    "Ingenieurin, schreibt über Wärmepumpen und Dämmung", "https://img.colloquy.org/u/anna-2.png")),
            entry(UserFollowed.class, new UserFollowed(JOERG, "jörg", ANNA, "anna.müller")),
            entry(UserUnfollowed.class, new UserUnfollowed(JOERG, ANNA)),
            entry(UserSessionsRevoked.class, new UserSessionsRevoked(ANNA, 3, AT)),
            entry(ArticlePublished.class, new ArticlePublished(ARTICLE, SLUG, "Über die Wärmepumpe",
                    "Was sie kostet, was sie spart – und wann sie sich lohnt", ANNA, "anna.müller",
                    List.of("energie", "heizung", "wärmepumpe"), "de", AT)),
            entry(ArticleUpdated.class, new ArticleUpdated(ARTICLE, "ueber-die-waermepumpe-im-altbau",
                    SLUG, "Über die Wärmepumpe im Altbau", "Was sie kostet, was sie spart – und wann sie sich lohnt",
                    List.of("energie", "altbau"), "de", AT)),
            entry(ArticleUnpublished.class, new ArticleUnpublished(ARTICLE, SLUG, AT)),
            entry(ArticleDeleted.class, new ArticleDeleted(ARTICLE, SLUG, AT)),
            entry(CommentPosted.class, new CommentPosted(4711L, ARTICLE, SLUG, ANNA, 4700L, ANNA, JOERG, "jörg",
                    "@anna.müller Die Jahresarbeitszahl hängt stark von der Vorlauftemperatur ab…",
                    List.of("anna.müller"), AT)),
            entry(CommentEdited.class, new CommentEdited(4711L, ARTICLE,
                    "@anna.müller Die Jahresarbeitszahl hängt vor allem von der Vorlauftemperatur ab…", AT)),
            entry(CommentDeleted.class, new CommentDeleted(4711L, ARTICLE, true, AT)),
            entry(CommentHeldForReview.class, new CommentHeldForReview(4712L, ARTICLE, JOERG, "suspect-word",
                    "enthält „Abzocke“", AT)),
            entry(CommentFlagged.class, new CommentFlagged(4711L, ARTICLE, ANNA, "off-topic",
                    "Hat nichts mit Wärmepumpen zu tun", 2, AT)),
            entry(CommentApproved.class, new CommentApproved(4712L, ARTICLE, JOERG, MODERATOR, AT)),
            entry(CommentRejected.class, new CommentRejected(4712L, ARTICLE, JOERG, MODERATOR,
                    "Beleidigende Äußerung", AT)),
            entry(UserBannedFromCommenting.class, new UserBannedFromCommenting(JOERG, "jörg", MODERATOR,
                    "Wiederholte Beleidigungen", Instant.parse("2025-04-14T00:00:00Z"), AT)));

    private static final Map<Class<? extends DomainEvent>, DomainEvent> MINIMAL = Map.ofEntries(
            entry(UserRegistered.class, new UserRegistered(ANNA, "anna", null, null, AT)),
            entry(UserProfileUpdated.class, new UserProfileUpdated(ANNA, "anna", null, null)),
            entry(UserFollowed.class, new UserFollowed(JOERG, "joerg", ANNA, "anna")),
            entry(UserUnfollowed.class, new UserUnfollowed(JOERG, ANNA)),
            entry(UserSessionsRevoked.class, new UserSessionsRevoked(ANNA, 0, AT)),
            entry(ArticlePublished.class, new ArticlePublished(ARTICLE, SLUG, "Über die Wärmepumpe", null, ANNA,
                    "anna", null, null, AT)),
            entry(ArticleUpdated.class, new ArticleUpdated(ARTICLE, SLUG, null, "Über die Wärmepumpe", null, null,
                    null, AT)),
            entry(ArticleUnpublished.class, new ArticleUnpublished(ARTICLE, SLUG, AT)),
            entry(ArticleDeleted.class, new ArticleDeleted(ARTICLE, SLUG, AT)),
            entry(CommentPosted.class, new CommentPosted(4711L, ARTICLE, null, null, null, null, JOERG, "joerg", null,
                    null, AT)),
            entry(CommentEdited.class, new CommentEdited(4711L, ARTICLE, null, AT)),
            entry(CommentDeleted.class, new CommentDeleted(4711L, ARTICLE, false, AT)),
            entry(CommentHeldForReview.class, new CommentHeldForReview(4712L, ARTICLE, JOERG, "pre-moderation", null,
                    AT)),
            entry(CommentFlagged.class, new CommentFlagged(4711L, ARTICLE, ANNA, "spam", null, 1, AT)),
            entry(CommentApproved.class, new CommentApproved(4712L, ARTICLE, JOERG, MODERATOR, AT)),
            entry(CommentRejected.class, new CommentRejected(4712L, ARTICLE, JOERG, MODERATOR, null, AT)),
            entry(UserBannedFromCommenting.class, new UserBannedFromCommenting(JOERG, "joerg", MODERATOR, null, null,
                    AT)));

    /** The payload records that have samples. */
    static Set<Class<? extends DomainEvent>> types() {
        return FULL.keySet();
    }

    /** Every field set, with non-ASCII text where the field is free text. */
    static <T extends DomainEvent> T full(Class<T> type) {
        return sample(FULL, type);
    }

    /** Only the required fields set. */
    static <T extends DomainEvent> T minimal(Class<T> type) {
        return sample(MINIMAL, type);
    }

    private static <T extends DomainEvent> T sample(Map<Class<? extends DomainEvent>, DomainEvent> samples,
            Class<T> type) {
        DomainEvent sample = samples.get(type);
        if (sample == null) {
            throw new IllegalArgumentException("No sample for " + type.getName() + ": add one to SampleEvents");
        }
        return type.cast(sample);
    }

    private SampleEvents() {
    }
}
