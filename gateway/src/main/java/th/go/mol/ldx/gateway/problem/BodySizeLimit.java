package th.go.mol.ldx.gateway.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Refuses a body larger than LDX accepts with a problem+json 413 before it is read. Quarkus would answer an empty
 * 413 itself, but only at its own, larger, transport limit ({@code quarkus.http.limits.max-body-size}).
 */
@ApplicationScoped
public class BodySizeLimit {

    /** Size limits of requests. */
    @ConfigMapping(prefix = "ldx.http")
    public interface LimitsConfig {

        /** Largest request body LDX reads; a record is a few kilobytes, so this leaves room for big ones. */
        @WithDefault("1M")
        MemorySize maxBodySize();
    }

    private final long limit;
    private final ObjectMapper json;

    BodySizeLimit(LimitsConfig config, ObjectMapper json) {
        this.limit = config.maxBodySize().asLongValue();
        this.json = json;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String declared = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (declared != null && declared.chars().allMatch(Character::isDigit) && declared.length() < 19
                    && Long.parseLong(declared) > limit) {
                context.response().setStatusCode(ProblemType.BODY_TOO_LARGE.status())
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(body(context.request().path()));
                return;
            }
            context.next();
        });
    }

    private String body(String path) {
        ProblemType type = ProblemType.BODY_TOO_LARGE;
        Problem problem = new Problem(type.uri(), type.title(), type.status(),
                "LDX reads request bodies of at most " + limit + " bytes.", path, null, null);
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a Problem always serialises", e);
        }
    }
}
