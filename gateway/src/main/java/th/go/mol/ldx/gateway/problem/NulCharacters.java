package th.go.mol.ldx.gateway.problem;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * No LDX name or value holds a NUL character (U+0000, {@code %00} in a URL), and PostgreSQL stores none: a path or a
 * query that holds one is refused before it reaches a resource, as the client's mistake it is.
 */
public class NulCharacters {

    private static final char NUL = '\u0000';

    @ServerRequestFilter(preMatching = true)
    public void refuse(ContainerRequestContext request, HttpServerRequest sent) {
        String target = sent.uri();
        if (target.indexOf("%00") < 0 && target.indexOf(NUL) < 0) {
            // Decoded, a path or a query holds a NUL only where the request's target holds %00: most hold none.
            return;
        }
        if (request.getUriInfo().getPath().indexOf(NUL) >= 0) {
            throw refusal("path");
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
            if (parameter.getKey().indexOf(NUL) >= 0 || parameter.getValue().stream().anyMatch(v -> v.indexOf(NUL) >= 0)) {
                throw refusal("query parameter '" + parameter.getKey().replace(NUL, '?') + "'");
            }
        }
    }

    private static ProblemException refusal(String where) {
        return new ProblemException(ProblemType.MALFORMED_REQUEST,
                "The " + where + " holds a NUL character (%00), which no LDX name or value may contain.");
    }
}
