package org.colloquy.notification.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CommentRecipientsTest {

    private final UUID commenter = UUID.randomUUID();
    private final UUID author = UUID.randomUUID();
    private final UUID parentAuthor = UUID.randomUUID();
    private final UUID mentioned = UUID.randomUUID();

    @Test
    void eachPartyIsToldOnceForTheMostSpecificReason() {
        assertThat(CommentRecipients.of(commenter, parentAuthor, List.of(mentioned), author)).containsExactly(
                entry(parentAuthor, NotificationType.REPLY), entry(mentioned, NotificationType.MENTION),
                entry(author, NotificationType.COMMENT));
    }

    @Test
    void theArticlesAuthorRepliedToAndMentionedHearsOfTheReplyOnly() {
        assertThat(CommentRecipients.of(commenter, author, List.of(author, mentioned, mentioned), author))
                .containsExactly(entry(author, NotificationType.REPLY), entry(mentioned, NotificationType.MENTION));
    }

    @Test
    void aMentionedArticleAuthorHearsOfTheMention() {
        assertThat(CommentRecipients.of(commenter, null, List.of(author), author))
                .containsExactly(entry(author, NotificationType.MENTION));
    }

    @Test
    void nobodyIsToldOfTheirOwnComment() {
        assertThat(CommentRecipients.of(author, author, List.of(author), author)).isEmpty();
        assertThat(CommentRecipients.of(commenter, commenter, List.of(commenter), author))
                .containsExactly(entry(author, NotificationType.COMMENT));
    }

    @Test
    void anUnknownArticleAuthorIsSkipped() {
        assertThat(CommentRecipients.of(commenter, null, List.of(), null)).isEmpty();
    }
}
