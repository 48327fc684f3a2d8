package org.colloquy.article.rest;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.colloquy.api.ApiException;
import org.colloquy.api.Caller;
import org.colloquy.api.Paging;
import org.colloquy.article.domain.ArticleRules;
import org.colloquy.article.domain.ArticleStatus;
import org.colloquy.article.repository.ArticleQueries;
import org.colloquy.article.repository.ArticleQueries.Filter;
import org.colloquy.article.repository.ArticleQueries.Page;
import org.colloquy.article.rest.ArticleMessages.ArticleBody;
import org.colloquy.article.rest.ArticleMessages.ArticleResponse;
import org.colloquy.article.rest.ArticleMessages.ArticlesResponse;
import org.colloquy.article.rest.ArticleMessages.NewArticleRequest;
import org.colloquy.article.rest.ArticleMessages.UpdateArticleRequest;
import org.colloquy.article.service.ArticleService;
import org.colloquy.article.service.ArticleService.ArticleChanges;
import org.colloquy.article.service.ArticleService.Author;
import org.colloquy.article.service.ArticleService.NewArticle;
import org.colloquy.events.Topics;
import org.colloquy.messaging.catchup.CatchUp;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

/** RealWorld articles, favorites and feed, plus drafts, publication and scheduling. */
@Path("/api/articles")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Articles")
public class ArticlesResource {

    private final ArticleService articles;
    private final ArticleQueries queries;
    private final CatchUp catchUp;
    private final Caller caller;

    public ArticlesResource(ArticleService articles, ArticleQueries queries, CatchUp catchUp, Caller caller) {
        this.articles = articles;
        this.queries = queries;
        this.catchUp = catchUp;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Published articles, newest first", description = "Filters tag, author, favorited (both "
            + "usernames); limit 1-100 (default 20), offset >= 0. List items have no body.")
    public Uni<ArticlesResponse> list(@QueryParam("tag") String tag, @QueryParam("author") String author,
            @QueryParam("favorited") String favorited, @QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        Paging page = page(limit, offset);
        return viewer().chain(viewer -> queries.published(new Filter(tag, author, favorited, false), viewer,
                page.limit(), page.offset())).map(ArticlesResource::page);
    }

    @GET
    @Path("/feed")
    @Authenticated
    @Operation(summary = "Articles by the authors the caller follows, newest first")
    public Uni<ArticlesResponse> feed(@QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        Paging page = page(limit, offset);
        UUID viewer = UUID.fromString(caller.id());
        return catchUp.awaitWritten(Topics.USER_EVENTS) // the caller's own follows
                .chain(() -> queries.published(new Filter(null, null, null, true), viewer, page.limit(),
                        page.offset()))
                .map(ArticlesResource::page);
    }

    @GET
    @Path("/drafts")
    @Authenticated
    @Operation(summary = "Extension: the caller's drafts and scheduled articles, most recently changed first")
    public Uni<ArticlesResponse> drafts(@QueryParam("limit") String limit,
            @QueryParam("offset") String offset) {
        Paging page = page(limit, offset);
        return queries.unpublishedOf(UUID.fromString(caller.id()), page.limit(), page.offset())
                .map(ArticlesResource::page);
    }

    @GET
    @Path("/{slug}")
    @Operation(summary = "One article by its slug (old slugs keep working)", description = "Drafts and scheduled "
            + "articles are visible to their author only (404 for everyone else).")
    public Uni<ArticleResponse> get(@PathParam("slug") String slug) {
        return viewer().chain(viewer -> queries.bySlug(slug, viewer)
                .map(view -> view.filter(v -> v.status() == ArticleStatus.PUBLISHED || v.authorId().equals(viewer))
                        .orElseThrow(() -> ApiException.notFound("article"))))
                .map(ArticleResponse::from);
    }

    @POST
    @Authenticated
    @ResponseStatus(201)
    @Operation(summary = "Create an article", description = "Extensions: \"status\": \"draft\" keeps it private; a "
            + "future \"publishAt\" schedules it; \"language\" is a BCP 47 tag.")
    public Uni<ArticleResponse> create(NewArticleRequest request) {
        if (request == null || request.article() == null) {
            throw ApiException.invalid("article", "can't be blank");
        }
        var a = request.article();
        return articles.create(author(), new NewArticle(a.title(), a.description(), a.body(), a.tagList(),
                a.language(), a.status(), a.publishAt())).chain(this::view);
    }

    @PUT
    @Path("/{slug}")
    @Authenticated
    @Operation(summary = "Update an article (its author only)", description = "Omitted fields stay; an omitted "
            + "tagList keeps the tags, [] clears them, null is a 422. A new title gives a new slug; the old one keeps "
            + "resolving.")
    public Uni<ArticleResponse> update(@PathParam("slug") String slug, UpdateArticleRequest request) {
        if (request == null || request.article() == null) {
            throw ApiException.invalid("article", "can't be blank");
        }
        var a = request.article();
        return articles.update(author(), slug, new ArticleChanges(a.title(), a.description(), a.body(), a.tagList(),
                a.language())).chain(this::view);
    }

    @DELETE
    @Path("/{slug}")
    @Authenticated
    @ResponseStatus(204)
    @Operation(summary = "Delete an article (its author only)")
    public Uni<Void> delete(@PathParam("slug") String slug) {
        return articles.delete(author(), slug);
    }

    @POST
    @Path("/{slug}/publish")
    @Authenticated
    @Operation(summary = "Extension: publish a draft or scheduled article now (its author only)")
    public Uni<ArticleResponse> publish(@PathParam("slug") String slug) {
        return articles.publish(author(), slug).chain(this::view);
    }

    @POST
    @Path("/{slug}/unpublish")
    @Authenticated
    @Operation(summary = "Extension: take a published article back to draft (its author only)")
    public Uni<ArticleResponse> unpublish(@PathParam("slug") String slug) {
        return articles.unpublish(author(), slug).chain(this::view);
    }

    @POST
    @Path("/{slug}/favorite")
    @Authenticated
    @Operation(summary = "Favorite an article (idempotent)")
    public Uni<ArticleResponse> favorite(@PathParam("slug") String slug) {
        return articles.favorite(UUID.fromString(caller.id()), slug, true).chain(this::view);
    }

    @DELETE
    @Path("/{slug}/favorite")
    @Authenticated
    @Operation(summary = "Unfavorite an article (idempotent)")
    public Uni<ArticleResponse> unfavorite(@PathParam("slug") String slug) {
        return articles.favorite(UUID.fromString(caller.id()), slug, false).chain(this::view);
    }

    /**
     * The article as the caller sees it, right after the caller's own write. The write's own events go to
     * article.events, which this replica is not fed by; what the view needs of user.events is the caller's own
     * follows (the author's row exists from the article's creation on, {@code provisionalAuthor}), so only the
     * caller's own writes there are waited for.
     */
    private Uni<ArticleResponse> view(UUID id) {
        UUID viewer = UUID.fromString(caller.id());
        return catchUp.awaitWritten(Topics.USER_EVENTS).chain(() -> queries.byId(id, viewer))
                .map(view -> ArticleResponse.from(view.orElseThrow(() -> ApiException.notFound("article"))));
    }

    /**
     * Authenticated readers see their following flags, so their own follows (their Colloquy-Written positions on
     * user.events) must be in the replica first; a reader who followed nobody lately does not wait.
     */
    private Uni<UUID> viewer() {
        return caller.idIfAuthenticated().chain(id -> id.isEmpty() ? Uni.createFrom().nullItem()
                : catchUp.awaitWritten(Topics.USER_EVENTS).replaceWith(UUID.fromString(id.get())));
    }

    private Author author() {
        return new Author(UUID.fromString(caller.id()), caller.username());
    }

    private static Paging page(String limit, String offset) {
        return Paging.of(limit, offset, ArticleRules.LIMIT_DEFAULT, ArticleRules.LIMIT_MAX);
    }

    private static ArticlesResponse page(Page page) {
        return new ArticlesResponse(page.articles().stream().map(ArticleBody::from).toList(), page.count());
    }
}
