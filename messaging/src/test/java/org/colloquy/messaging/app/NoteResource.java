package org.colloquy.messaging.app;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.colloquy.events.Topics;
import org.colloquy.messaging.catchup.CatchUp;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

@Path("/notes")
public class NoteResource {

    private final NoteService notes;
    private final CatchUp catchUp;
    private final Pool pool;

    public NoteResource(NoteService notes, CatchUp catchUp, Pool pool) {
        this.notes = notes;
        this.catchUp = catchUp;
        this.pool = pool;
    }

    @POST
    public Uni<Response> create(@QueryParam("text") String text, @QueryParam("failAtEnd") boolean failAtEnd) {
        return notes.create(text, failAtEnd).map(id -> Response.status(201).entity(id.toString()).build());
    }

    @POST
    @Path("/{id}/touch")
    public Uni<String> touch(@PathParam("id") String id) {
        return notes.touch(id).map(Object::toString);
    }

    /** The replica read of a service: after the caller's own writes (its Colloquy-Written header) only. */
    @GET
    @Path("/{id}/seen")
    public Uni<String> seen(@PathParam("id") String id) {
        return catchUp.awaitWritten(Topics.ARTICLE_EVENTS).chain(() -> seenTitle(id))
                .onItem().ifNull().failWith(NotSeen::new);
    }

    /** The same read, with the miss-driven rule: an unknown id waits for the end of the topic and is tried again. */
    @GET
    @Path("/{id}/seen-or-miss")
    public Uni<String> seenOrMiss(@PathParam("id") String id) {
        return catchUp.retryOnMiss(NotSeen.class::isInstance,
                () -> seenTitle(id).onItem().ifNull().failWith(NotSeen::new), Topics.ARTICLE_EVENTS);
    }

    private Uni<String> seenTitle(String id) {
        return pool.preparedQuery("select title from seen_article where article_id = $1 order by title limit 1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("title"));
    }

    public static class NotSeen extends RuntimeException {
        NotSeen() {
            super("not seen", null, false, false);
        }
    }

    @ServerExceptionMapper
    public Response notSeen(NotSeen notSeen) {
        return Response.status(404).build();
    }

    @ServerExceptionMapper
    public Response refused(NoteService.Refused refused) {
        return Response.status(409).entity(refused.id.toString()).build();
    }
}
