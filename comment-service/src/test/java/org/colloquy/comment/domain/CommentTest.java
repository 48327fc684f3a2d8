package org.colloquy.comment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.colloquy.domain.NotAllowed;
import org.colloquy.domain.NotFound;
import org.junit.jupiter.api.Test;

class CommentTest {

    private static final UUID ARTICLE = UUID.randomUUID();
    private static final UUID AUTHOR = UUID.randomUUID();
    private static final Instant WRITTEN = Instant.parse("2026-12-03T08:00:00Z");
    private static final Instant LATER = WRITTEN.plusSeconds(60);

    @Test
    void aCommentWithoutAHoldIsPublicAndAnnouncedAtOnce() {
        Comment comment = Comment.write(ARTICLE, null, AUTHOR, "Guter Punkt.", null, WRITTEN);
        assertThat(comment.status).isEqualTo(CommentStatus.VISIBLE);
        assertThat(comment.postedAt).isEqualTo(WRITTEN);
        assertThat(comment.isAnnounced()).isTrue();
        assertThat(comment.heldRule).isNull();
    }

    @Test
    void aHeldCommentWaitsUnannouncedAndItsFirstApprovalAnnouncesIt() {
        Comment comment = Comment.write(ARTICLE, 7L, AUTHOR, "Siehe https://example.org", HoldRule.LINKS, WRITTEN);
        assertThat(comment.status).isEqualTo(CommentStatus.PENDING);
        assertThat(comment.heldRule).isEqualTo(HoldRule.LINKS);
        assertThat(comment.isAnnounced()).isFalse();

        assertThat(comment.approve(LATER)).as("first approval announces").isTrue();
        assertThat(comment.status).isEqualTo(CommentStatus.VISIBLE);
        assertThat(comment.postedAt).isEqualTo(LATER);
        assertThat(comment.heldRule).isNull();
        assertThat(comment.updatedAt).isEqualTo(LATER);
        assertThat(comment.approve(LATER.plusSeconds(1))).as("already announced").isFalse();
    }

    @Test
    void anApprovalClearsTheReportsAndKeepsTheFirstPostingTime() {
        Comment comment = Comment.write(ARTICLE, null, AUTHOR, "Unsinn", null, WRITTEN);
        assertThat(comment.reported(true, 2)).isFalse();
        assertThat(comment.reported(false, 2)).as("a report that does not count").isFalse();
        assertThat(comment.reported(true, 2)).isTrue();
        assertThat(comment.flagCount).isEqualTo(3);
        comment.hold(HoldRule.REPORTS);
        assertThat(comment.isAnnounced()).as("a held comment stays announced").isTrue();

        assertThat(comment.approve(LATER)).isFalse();
        assertThat(comment.flagCount).isZero();
        assertThat(comment.countedFlags).isZero();
        assertThat(comment.postedAt).isEqualTo(WRITTEN);
    }

    @Test
    void aRejectionOfAnAnnouncedCommentMustBeToldAndApprovingItLaterAnnouncesItAgain() {
        Comment comment = Comment.write(ARTICLE, null, AUTHOR, "Beleidigung", null, WRITTEN);
        assertThat(comment.reject("insult", LATER)).as("was announced").isTrue();
        assertThat(comment.status).isEqualTo(CommentStatus.REJECTED);
        assertThat(comment.rejectReason).isEqualTo("insult");
        assertThat(comment.postedAt).isNull();
        assertThat(comment.isAnnounced()).isFalse();
        assertThat(comment.reject("insult", LATER)).as("rejected twice").isFalse();

        assertThat(comment.approve(LATER.plusSeconds(5))).isTrue();
        assertThat(comment.rejectReason).isNull();
    }

    @Test
    void aDeletedCommentBecomesAMarkerAndIsNotFoundAnyMore() {
        Comment comment = Comment.write(ARTICLE, null, AUTHOR, "Doch nicht.", null, WRITTEN);
        assertThat(comment.delete(LATER)).isTrue();
        assertThat(comment.body).isEqualTo(Comment.DELETED_MARKER);
        assertThat(comment.status).isEqualTo(CommentStatus.DELETED);
        assertThatThrownBy(() -> Comment.existing(comment)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> Comment.existing(null)).isInstanceOf(NotFound.class);

        Comment held = Comment.write(ARTICLE, null, AUTHOR, "Spam", HoldRule.SUSPECT_WORD, WRITTEN);
        assertThat(held.delete(LATER)).as("never announced").isFalse();
    }

    @Test
    void aCommentOfAnotherArticleIsNotFoundThereAndOnlyItsAuthorMayChangeIt() {
        Comment comment = Comment.write(ARTICLE, null, AUTHOR, "Danke!", null, WRITTEN);
        assertThat(Comment.existingIn(comment, ARTICLE)).isSameAs(comment);
        assertThatThrownBy(() -> Comment.existingIn(comment, UUID.randomUUID())).isInstanceOf(NotFound.class);
        comment.ensureAuthor(AUTHOR);
        assertThatThrownBy(() -> comment.ensureAuthor(UUID.randomUUID())).isInstanceOf(NotAllowed.class);
    }

    @Test
    void statesAreStoredAndShownInLowerCase() {
        for (CommentStatus status : CommentStatus.values()) {
            assertThat(status.value()).isEqualTo(status.name().toLowerCase());
            assertThat(CommentStatus.of(status.value())).isEqualTo(status);
        }
        for (HoldRule rule : HoldRule.values()) {
            assertThat(HoldRule.of(rule.value())).isEqualTo(rule);
        }
        assertThat(HoldRule.PRE_MODERATION.value()).isEqualTo("pre-moderation");
        assertThat(HoldRule.of("first-comment")).isEqualTo(HoldRule.FIRST_COMMENT);
        assertThat(ModerationQueue.NAMES).containsExactly("pending", "flagged", "rejected");
        assertThat(ModerationQueue.named("flagged")).contains(ModerationQueue.FLAGGED);
        assertThat(ModerationQueue.named("all")).isEmpty();
    }
}
