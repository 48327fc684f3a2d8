package org.colloquy.article.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import org.colloquy.article.repository.ArticleView;
import org.colloquy.domain.Patch;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the article endpoints, in the RealWorld shapes plus the documented extensions. */
public final class ArticleMessages {

    public record NewArticleRequest(NewArticle article) {
    }

    /** {@code status} ("draft" or "published", default published), {@code publishAt} and {@code language} extend it. */
    public record NewArticle(String title, String description, String body, List<String> tagList, String status,
            Instant publishAt, String language) {
    }

    public record UpdateArticleRequest(ArticleUpdate article) {
    }

    /**
     * Omitted fields stay as they are (so do title, description, body and language sent as null); an omitted
     * {@code tagList} keeps the tags, {@code []} clears them, {@code null} is refused.
     */
    public record ArticleUpdate(@Schema(implementation = String.class) Patch<String> title,
            @Schema(implementation = String.class) Patch<String> description,
            @Schema(implementation = String.class) Patch<String> body,
            @Schema(type = SchemaType.ARRAY, implementation = String.class) Patch<List<String>> tagList,
            @Schema(implementation = String.class, description = "BCP 47 language tag") Patch<String> language) {
    }

    public record ArticleResponse(ArticleBody article) {
        public static ArticleResponse from(ArticleView view) {
            return new ArticleResponse(ArticleBody.from(view));
        }
    }

    public record ArticlesResponse(List<ArticleBody> articles, long articlesCount) {
    }

    /** {@code body} is left out of list items; {@code publishAt} is there only for scheduled articles. */
    public record ArticleBody(String slug, String title, String description,
            @JsonInclude(JsonInclude.Include.NON_NULL) String body, List<String> tagList, Instant createdAt,
            Instant updatedAt, boolean favorited, int favoritesCount, AuthorBody author, int commentsCount,
            String status, @JsonInclude(JsonInclude.Include.NON_NULL) Instant publishAt, String language) {

        public static ArticleBody from(ArticleView view) {
            return new ArticleBody(view.slug(), view.title(), view.description(), view.body(), view.tagList(),
                    view.createdAt(), view.updatedAt(), view.favorited(), view.favoritesCount(),
                    new AuthorBody(view.authorUsername(), view.authorBio(), view.authorImage(), view.following()),
                    view.commentsCount(), view.status().value(), view.publishAt(), view.language());
        }
    }

    public record AuthorBody(String username, String bio, String image, boolean following) {
    }

    public record TagsResponse(List<String> tags) {
    }

    private ArticleMessages() {
    }
}
