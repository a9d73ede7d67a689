package th.go.mol.ldx.gateway.ingest;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Accepts {@code records%3Abatch} for {@code records:batch}: some HTTP clients (REST Assured among them) encode the
 * colon of a path segment, and the two spell the same operation for a data owner.
 */
public class BatchPath {

    private static final String ENCODED = "/records%3Abatch";

    /** Looks at the path as sent, which costs nothing; only a batch's encoded path is parsed as a URI. */
    @ServerRequestFilter(preMatching = true)
    public void decodeColon(ContainerRequestContext request, HttpServerRequest sent) {
        String path = sent.path();
        if (path.regionMatches(true, path.length() - ENCODED.length(), ENCODED, 0, ENCODED.length())) {
            URI uri = request.getUriInfo().getRequestUri();
            String rawPath = uri.getRawPath();
            String decoded = rawPath.substring(0, rawPath.length() - ENCODED.length()) + "/records:batch";
            request.setRequestUri(UriBuilder.fromUri(uri).replacePath(decoded).build());
        }
    }
}
