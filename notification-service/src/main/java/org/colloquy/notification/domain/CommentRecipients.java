package org.colloquy.notification.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Who is told of a visible comment, and as what: each person once, for the most specific reason that applies to
 * them. The author of the comment replied to hears of a {@link NotificationType#REPLY}, each user mentioned of a
 * {@link NotificationType#MENTION}, the article's author of a {@link NotificationType#COMMENT}; nobody hears of their
 * own comment. (Whether a person wants to hear of it at all is their preference, applied where it is stored.)
 */
public final class CommentRecipients {

    private CommentRecipients() {
    }

    /**
     * In the order above; {@code parentAuthor} is null for a top-level comment, {@code articleAuthor} null when it
     * is not known.
     */
    public static Map<UUID, NotificationType> of(UUID commenter, UUID parentAuthor, List<UUID> mentioned,
            UUID articleAuthor) {
        Map<UUID, NotificationType> recipients = new LinkedHashMap<>();
        tell(recipients, commenter, parentAuthor, NotificationType.REPLY);
        mentioned.forEach(user -> tell(recipients, commenter, user, NotificationType.MENTION));
        tell(recipients, commenter, articleAuthor, NotificationType.COMMENT);
        return recipients;
    }

    private static void tell(Map<UUID, NotificationType> recipients, UUID commenter, UUID user,
            NotificationType type) {
        if (user != null && !user.equals(commenter)) {
            recipients.putIfAbsent(user, type);
        }
    }
}
