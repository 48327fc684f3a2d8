package org.colloquy.comment.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.colloquy.api.ErrorBody;
import org.colloquy.domain.NotAllowed;
import org.colloquy.domain.NotFound;
import org.colloquy.messaging.catchup.NotCaughtUp;
import org.junit.jupiter.api.Test;

class ReplicaMissTest {

    @Test
    void anUnconfirmedMissIsA503ToRetryKeyedLikeTheMiss() {
        Response answer = new ReplicaMiss().notCaughtUp(new NotCaughtUp("comment-service", List.of("article.events"),
                new NotFound("article")));
        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(((ErrorBody) answer.getEntity()).errors()).containsOnlyKeys("article");
    }

    @Test
    void onlyTheThingLookedForNotFoundIsAMiss() {
        assertThat(ReplicaMiss.ARTICLE.test(new NotFound("article"))).isTrue();
        assertThat(ReplicaMiss.ARTICLE.test(new NotFound("comment"))).isFalse();
        assertThat(ReplicaMiss.PROFILE.test(new NotFound("profile"))).isTrue();
        assertThat(ReplicaMiss.ARTICLE.test(new NotAllowed("article"))).isFalse();
    }
}
