package org.colloquy.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A NUL (decoded from {@code %00}) in a path segment or a query parameter is a 422 on that parameter, before any
 * query reaches PostgreSQL (which cannot store or compare it). Bodies: {@link NulCharacters}.
 */
public class NulParameters {

    @ServerRequestFilter
    public Response refuseNul(ContainerRequestContext request) {
        String parameter = firstWithNul(request.getUriInfo().getPathParameters());
        if (parameter == null) {
            parameter = firstWithNul(request.getUriInfo().getQueryParameters());
        }
        if (parameter == null && NulCharacters.in(request.getUriInfo().getPath())) {
            parameter = "path";
        }
        return parameter == null ? null : Response.status(422).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorBody.of(parameter, NulCharacters.MESSAGE)).build();
    }

    private static String firstWithNul(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (NulCharacters.in(parameter.getKey())) {
                return "query";
            }
            if (parameter.getValue().stream().anyMatch(NulCharacters::in)) {
                return parameter.getKey();
            }
        }
        return null;
    }
}
