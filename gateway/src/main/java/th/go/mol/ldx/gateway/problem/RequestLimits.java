package th.go.mol.ldx.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;

/**
 * The limits on a request's size, checked by the router's first route, before anything reads the request, so that
 * a request over them gets a problem answer: a request target over 8 KiB (414), headers over 16 KiB (431), a
 * declared body over {@code ldx.http.max-body-size} (413), or for a batch of records over
 * {@code ldx.http.max-batch-body-size}. Vert.x's and Quarkus's own limits
 * ({@code quarkus.http.limits.*}) are set higher: what they refuse gets a bare status with an empty body, which
 * ADR 004 lists among the exceptions to problem+json.
 */
@ApplicationScoped
public class RequestLimits {

    /** The longest request target LDX answers (a long JSON filter fits); Vert.x's own limit is twice that. */
    public static final int MAX_TARGET = 8 * 1024;
    /** The most header bytes LDX answers (a token is about 1.5 KiB); Vert.x's own limit is four times that. */
    public static final int MAX_HEADERS = 16 * 1024;

    /** Size limits of requests. */
    @ConfigMapping(prefix = "ldx.http")
    public interface LimitsConfig {

        /** Largest request body LDX reads; a record is a few kilobytes, so this leaves room for big ones. */
        @WithDefault("1M")
        MemorySize maxBodySize();

        /** Largest batch of records ({@code POST .../records:batch}): 10,000 records of 1.6 KiB. */
        @WithDefault("16M")
        MemorySize maxBatchBodySize();
    }

    /** How the paths of batch operations end, as in {@code /v1/datasets/{id}/records:batch}. */
    private static final String BATCH_SUFFIX = ":batch";
    /** The same with the colon percent-encoded, as some clients send it (ingest.BatchPath accepts it). */
    private static final String ENCODED_BATCH_SUFFIX = "%3abatch";

    private final long maxBody;
    private final long maxBatchBody;
    private final ObjectMapper json;

    RequestLimits(LimitsConfig config, ObjectMapper json) {
        this.maxBody = config.maxBodySize().asLongValue();
        this.maxBatchBody = config.maxBatchBodySize().asLongValue();
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
            refuse(context, ProblemType.HEADERS_TOO_LARGE, "The headers take " + headerBytes + " bytes; LDX answers up to "
                    + MAX_HEADERS + ".");
            return;
        }
        String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        String path = request.path().toLowerCase(Locale.ROOT);
        long limit = path.endsWith(BATCH_SUFFIX) || path.endsWith(ENCODED_BATCH_SUFFIX) ? maxBatchBody : maxBody;
        if (declared != null && declared.chars().allMatch(Character::isDigit) && declared.length() < 19
                && Long.parseLong(declared) > limit) {
            refuse(context, ProblemType.BODY_TOO_LARGE, "LDX reads request bodies of at most " + limit + " bytes"
                    + (limit == maxBatchBody ? " in a batch." : "; publish more records at once with a batch."));
            return;
        }
        context.next();
    }

    /** Answers before routing, so without the JAX-RS mappers; the connection closes, as after a codec refusal. */
    private void refuse(RoutingContext context, ProblemType type, String detail) {
        String path = context.request().uri().length() > MAX_TARGET ? "/" : context.request().path();
        try {
            context.response().setStatusCode(type.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close")
                    .end(json.writeValueAsString(Problem.of(type, detail, path)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Problem always serialises", e);
        }
    }
}
