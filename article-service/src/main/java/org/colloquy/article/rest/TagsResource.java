package org.colloquy.article.rest;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.colloquy.article.repository.ArticleQueries;
import org.colloquy.article.rest.ArticleMessages.TagsResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/tags")
@Tag(name = "Tags")
public class TagsResource {

    private final ArticleQueries queries;

    public TagsResource(ArticleQueries queries) {
        this.queries = queries;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Tags of published articles, most used first (at most 200)")
    public Uni<TagsResponse> tags() {
        return queries.tags().map(TagsResponse::new);
    }
}
