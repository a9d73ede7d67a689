package th.go.mol.ldx.gateway.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import th.go.mol.ldx.gateway.access.AccessContext;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.db.Sql;
import th.go.mol.ldx.gateway.problem.Problem;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * Appends the audit entry of every authenticated call to an {@link Audited} endpoint, whatever its outcome (ADR 008).
 * An admin action's answer is held until its entry is durable, else it becomes a 503 problem. An access is answered
 * at once while the gateway's entries not yet durable are younger than {@code ldx.audit.access-window}; else it is
 * refused with a 503 before it reaches any data (a write before it changes anything). Unauthenticated calls are not
 * audited: they reach no data, and anyone could otherwise fill the log.
 */
public class AuditFilter {

    /** The response header that carries the request's trace id, as the audit entry records it. */
    public static final String TRACE_ID = "LDX-Trace-Id";

    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final Annotation[] NONE = new Annotation[0];

    private final AuditLog log;
    private final AuditConfig config;
    private final AuditContext context;
    private final AccessContext access;
    private final CurrentVertxRequest http;
    private final ObjectMapper json;

    AuditFilter(AuditLog log, AuditConfig config, AuditContext context, AccessContext access, CurrentVertxRequest http,
            ObjectMapper json) {
        this.log = log;
        this.config = config;
        this.context = context;
        this.access = access;
        this.http = http;
        this.json = json;
    }

    /** Refuses an access before it runs while the audit window is used up, so that a write changes nothing. */
    @ServerRequestFilter
    public Optional<Response> window(ContainerRequestContext request, ResourceInfo resource, UriInfo uri) {
        Audited audited = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(Audited.class);
        if (!config.enabled() || audited == null || audited.kind() != AuditEntry.Kind.ACCESS
                || config.accessWindow().isZero() || log.withinWindow()) {
            return Optional.empty();
        }
        return Optional.of(Response.status(ProblemType.AUDIT_UNAVAILABLE.status()).type(Problem.MEDIA_TYPE)
                .entity(unavailable(uri)).build());
    }

    @ServerResponseFilter
    public Uni<Void> audit(ContainerRequestContext request, ContainerResponseContext response, ResourceInfo resource,
            UriInfo uri) {
        Audited audited = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(Audited.class);
        SecurityIdentity identity = http.getCurrent() != null && http.getCurrent().user() instanceof QuarkusHttpUser user
                ? user.getSecurityIdentity() : null;
        if (!config.enabled() || audited == null || identity == null || identity.isAnonymous()) {
            return Uni.createFrom().voidItem();
        }
        String traceId = traceId(request.getHeaderString("traceparent"));
        response.getHeaders().putSingle(TRACE_ID, traceId);
        Caller caller = Caller.of(identity);
        String datasetId = uri.getPathParameters().getFirst("datasetId");
        AuditEntry entry = new AuditEntry(0, Sql.stored(Instant.now()), audited.kind(), audited.action(),
                caller.clientId(), caller.organisation(), datasetId != null ? datasetId : context.datasetId().orElse(null),
                access.purpose().orElse(null), access.grantId().orElse(null), detail(request, uri),
                context.records().orElse(null), response.getStatus(), traceId, null, null);
        if (entry.kind() == AuditEntry.Kind.ACCESS && !config.accessWindow().isZero()) {
            if (!HttpMethod.GET.equals(request.getMethod())) {
                // A write was let through by the request filter and has committed: its entry is queued, come what may.
                log.appendAnswered(entry);
            } else if (!log.appendWithinWindow(entry)) {
                refuse(response, uri, traceId);
            } else {
                auditEnd(response, entry);
            }
            return Uni.createFrom().voidItem();
        }
        // The answer goes on on a worker thread: the audit writer only hands over, it never serialises responses.
        return Uni.createFrom().completionStage(log.append(entry).orTimeout(config.writeTimeout().toMillis(),
                        TimeUnit.MILLISECONDS))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .invoke(appended -> auditEnd(response, entry))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    refuse(response, uri, traceId);
                    return null;
                });
    }

    /** A streamed answer gets a second entry once it is written, with the records it carried. */
    private void auditEnd(ContainerResponseContext response, AuditEntry entry) {
        if (response.getEntity() instanceof StreamedRecords stream) {
            stream.whenWritten((records, whole) -> log.appendAnswered(entry.streamed(records, whole)));
        }
    }

    private static void refuse(ContainerResponseContext response, UriInfo uri, String traceId) {
        response.getHeaders().clear();
        response.getHeaders().putSingle(TRACE_ID, traceId);
        response.setStatus(ProblemType.AUDIT_UNAVAILABLE.status());
        response.setEntity(unavailable(uri), NONE, MediaType.valueOf(Problem.MEDIA_TYPE));
    }

    private static Problem unavailable(UriInfo uri) {
        return Problem.of(ProblemType.AUDIT_UNAVAILABLE, "The audit log could not record this request in time, so it "
                + "is not answered. Retry later; a write that was accepted is not applied twice.", uri.getPath());
    }

    /** The request's own terms: method, path and query parameters, in a fixed order. */
    private String detail(ContainerRequestContext request, UriInfo uri) {
        Map<String, Object> detail = new LinkedHashMap<>(4);
        detail.put("method", request.getMethod());
        detail.put("path", uri.getPath());
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        if (!query.isEmpty()) {
            detail.put("query", new TreeMap<>(query));
        }
        try {
            return json.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the detail of an audit entry does not serialise", e);
        }
    }

    /** The W3C trace id the caller sent in {@code traceparent}, or a new one. */
    private static String traceId(String traceparent) {
        if (traceparent != null) {
            Matcher matcher = TRACEPARENT.matcher(traceparent.strip());
            if (matcher.matches() && !matcher.group(1).equals("0".repeat(32))) {
                return matcher.group(1);
            }
        }
        byte[] random = new byte[16];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
