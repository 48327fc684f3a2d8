package org.colloquy.notification.domain;

import java.util.List;

/** What a notification is about, and who gets it. */
public final class NotificationType {

    /** To the article's author, when a comment on their article becomes visible. */
    public static final String COMMENT = "comment";
    /** To the author of the comment replied to. */
    public static final String REPLY = "reply";
    /** To a user mentioned as {@code @username} in a visible comment. */
    public static final String MENTION = "mention";
    /** To each follower of an author who published an article. */
    public static final String ARTICLE = "article";
    /** To a user someone started following. */
    public static final String FOLLOWER = "follower";
    /** To a comment's author when a moderator approved or rejected it. */
    public static final String MODERATION = "moderation";

    public static final List<String> ALL = List.of(COMMENT, REPLY, MENTION, ARTICLE, FOLLOWER, MODERATION);

    private NotificationType() {
    }
}
