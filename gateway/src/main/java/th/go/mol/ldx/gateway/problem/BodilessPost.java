package th.go.mol.ldx.gateway.problem;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A POST with an empty body, sent without a Content-Type or as an empty form ({@code curl -X POST}, {@code curl -d ''}
 * and HTTP clients' defaults, e.g. to approve a grant), is read as JSON with no body: it reaches the endpoint, which
 * says what it misses, instead of a 415.
 */
public class BodilessPost {

    @ServerRequestFilter(preMatching = true)
    public void treatAsJson(ContainerRequestContext request) {
        MediaType type = request.getMediaType();
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        boolean empty = "0".equals(length) || length == null && request.getHeaderString("Transfer-Encoding") == null;
        if (HttpMethod.POST.equals(request.getMethod()) && empty
                && (type == null || type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE))) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
    }
}
