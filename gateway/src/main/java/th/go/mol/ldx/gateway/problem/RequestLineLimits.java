package th.go.mol.ldx.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The limits on a request's target and headers, checked before routing so that a request over them gets a problem
 * answer. Vert.x's own limits ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are
 * set well above these: a request it rejects in the HTTP codec gets a bare status with an empty body, which ADR 004
 * lists among the exceptions to problem+json.
 */
@ApplicationScoped
public class RequestLineLimits {

    /** The longest request target LDX answers (a long JSON filter fits); Vert.x's own limit is twice that. */
    public static final int MAX_TARGET = 8 * 1024;
    /** The most header bytes LDX answers (a token is about 1.5 KiB); Vert.x's own limit is four times that. */
    public static final int MAX_HEADERS = 16 * 1024;

    private final ObjectMapper json;

    RequestLineLimits(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::check);
    }

    private void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        String target = request.uri();
        if (target.length() > MAX_TARGET) {
            refuse(context, ProblemType.URI_TOO_LONG, "The request target has " + target.length()
                    + " characters; LDX answers up to " + MAX_TARGET + ". Narrow the query (fewer fields, a shorter filter).");
            return;
        }
        int headerBytes = request.headers().entries().stream()
                .mapToInt(h -> h.getKey().length() + h.getValue().length() + 4).sum();
        if (headerBytes > MAX_HEADERS) {
            refuse(context, ProblemType.HEADERS_TOO_LARGE, "The headers take "
                    + headerBytes + " bytes; LDX answers up to " + MAX_HEADERS + ".");
            return;
        }
        context.next();
    }

    /** Answers before routing, so without the JAX-RS mappers; the connection closes, as after a codec refusal. */
    private void refuse(RoutingContext context, ProblemType type, String detail) {
        try {
            String body = json.writeValueAsString(new Problem(type.uri(), type.title(), type.status(), detail, "/",
                    null, null));
            context.response().setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close").end(body);
        } catch (JsonProcessingException e) {
            context.fail(e);
        }
    }
}
