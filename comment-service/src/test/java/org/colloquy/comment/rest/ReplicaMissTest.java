package org.colloquy.comment.rest;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.colloquy.api.ApiException;
import org.colloquy.api.ErrorBody;
import org.colloquy.messaging.catchup.NotCaughtUp;
import org.junit.jupiter.api.Test;

class ReplicaMissTest {

    @Test
    void anUnconfirmedMissIsA503ToRetryKeyedLikeTheMiss() {
        Response answer = new ReplicaMiss().notCaughtUp(new NotCaughtUp("comment-service", List.of("article.events"),
                ApiException.notFound("article")));
        assertThat(answer.getStatus()).isEqualTo(503);
        assertThat(answer.getHeaderString(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(((ErrorBody) answer.getEntity()).errors()).containsOnlyKeys("article");
    }

    @Test
    void onlyA404OfTheThingLookedForIsAMiss() {
        assertThat(ReplicaMiss.ARTICLE.test(ApiException.notFound("article"))).isTrue();
        assertThat(ReplicaMiss.ARTICLE.test(ApiException.notFound("comment"))).isFalse();
        assertThat(ReplicaMiss.PROFILE.test(ApiException.notFound("profile"))).isTrue();
        assertThat(ReplicaMiss.ARTICLE.test(ApiException.forbidden("article"))).isFalse();
    }
}
