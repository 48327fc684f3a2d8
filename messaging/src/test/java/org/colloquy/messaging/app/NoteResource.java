package org.colloquy.messaging.app;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

@Path("/notes")
public class NoteResource {

    private final NoteService notes;

    public NoteResource(NoteService notes) {
        this.notes = notes;
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

    @ServerExceptionMapper
    public Response refused(NoteService.Refused refused) {
        return Response.status(409).entity(refused.id.toString()).build();
    }
}
