package th.go.mol.ldx.gateway.limits;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.audit.AuditContext;
import th.go.mol.ldx.gateway.audit.StreamedRecords;
import th.go.mol.ldx.gateway.problem.Problem;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * Holds partner agencies to their limits: a request over them is a 429 problem with {@code Retry-After} and the
 * IETF {@code RateLimit} and {@code RateLimit-Policy} fields (draft-ietf-httpapi-ratelimit-headers), and every
 * answer to an agency carries them. The records an answer carried count against the day. A read of a dataset
 * whose grant has limits of its own ({@link GrantLimits}) is held to those instead of the tier, in buckets of the
 * grant. Departments and administrators, the ministry itself, are not limited.
 */
public class LimitFilter {

    /** The request property that carries what the response filter needs from the request filter. */
    private static final String ADMITTED = LimitFilter.class.getName() + ".admitted";

    private record Admitted(String credential, String agency, LimitsConfig.Tier tier, RateLimits.Verdict verdict) {
    }

    private final RateLimits limits;
    private final GrantLimits grantLimits;
    private final LimitsConfig config;
    private final SecurityIdentity identity;
    private final AuditContext audit;
    /** The RateLimit-Policy field of each tier: the same on every answer, so written once. */
    private final Map<LimitsConfig.Tier, String> policies = new ConcurrentHashMap<>();

    LimitFilter(RateLimits limits, GrantLimits grantLimits, LimitsConfig config, SecurityIdentity identity,
            AuditContext audit) {
        this.limits = limits;
        this.grantLimits = grantLimits;
        this.config = config;
        this.identity = identity;
        this.audit = audit;
    }

    @ServerRequestFilter(priority = Priorities.USER)
    public Optional<Response> limit(ContainerRequestContext request) {
        if (!config.enabled() || identity.isAnonymous() || !identity.hasRole(Roles.PARTNER)) {
            return Optional.empty();
        }
        Caller caller = Caller.of(identity);
        String credential = caller.clientId();
        String agency = caller.organisation();
        String datasetId = request.getUriInfo().getPathParameters().getFirst("datasetId");
        Optional<GrantLimits.InEffect> override = datasetId == null ? Optional.empty()
                : grantLimits.of(agency, datasetId);
        LimitsConfig.Tier tier;
        if (override.isPresent()) {
            tier = override.get();
            credential += "@grant:" + override.get().grantId();
            agency += "@grant:" + override.get().grantId();
        } else {
            tier = limits.tier(caller.tier());
        }
        RateLimits.Verdict verdict = limits.admit(credential, agency, tier);
        if (!verdict.admitted()) {
            Response.ResponseBuilder refusal = Response.status(ProblemType.RATE_LIMITED.status())
                    .type(Problem.MEDIA_TYPE)
                    .header("Retry-After", Math.max(1, verdict.resetSeconds()))
                    .entity(Problem.of(ProblemType.RATE_LIMITED, refusal(verdict), request.getUriInfo().getPath()));
            headers(tier, verdict).forEach(refusal::header);
            return Optional.of(refusal.build());
        }
        request.setProperty(ADMITTED, new Admitted(credential, agency, tier, verdict));
        return Optional.empty();
    }

    /**
     * Tells an admitted agency where it stands, and counts the records its answer carried. Response filters run in
     * descending priority, so this runs after the audit filter: an answer the audit turned into a 503 carried no
     * records.
     */
    @ServerResponseFilter(priority = Priorities.USER - 100)
    public void count(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(request.getProperty(ADMITTED) instanceof Admitted admitted)) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers(admitted.tier(), admitted.verdict()).forEach(headers::putSingle);
        if (response.getStatus() < 300 && response.getEntity() instanceof StreamedRecords stream) {
            stream.whenWritten((records, whole) -> {
                if (records > 0) {
                    limits.charge(admitted.credential(), admitted.agency(), admitted.tier(), records);
                }
            });
        } else if (response.getStatus() < 300) {
            audit.records().filter(n -> n > 0)
                    .ifPresent(n -> limits.charge(admitted.credential(), admitted.agency(), admitted.tier(), n));
        }
    }

    private static String refusal(RateLimits.Verdict verdict) {
        return verdict.policy().endsWith("-records")
                ? "The " + verdict.policy().replace("-records", "") + "'s records of the day (" + verdict.quota()
                        + ") are spent; more are available in " + verdict.resetSeconds() + " s."
                : "Over the " + verdict.policy() + "'s limit of " + verdict.quota() + " requests per "
                        + verdict.windowSeconds() + " s; retry in " + Math.max(1, verdict.resetSeconds()) + " s.";
    }

    /**
     * The RateLimit-Policy of the tier and the RateLimit of the verdict's policy. A request bucket is a quota of
     * {@code burst} requests over the {@code burst / per-second} seconds it takes to refill; a records bucket a quota
     * of records (quota unit "records", an LDX unit) over a day.
     */
    private Map<String, String> headers(LimitsConfig.Tier tier, RateLimits.Verdict verdict) {
        return Map.of("RateLimit-Policy", policies.computeIfAbsent(tier, LimitFilter::policy), "RateLimit",
                "\"" + verdict.policy() + "\";r=" + verdict.remaining() + ";t=" + verdict.resetSeconds());
    }

    private static String policy(LimitsConfig.Tier tier) {
        return Stream.of(requests("credential", tier.credential()), requests("agency", tier.agency()),
                        records("credential-records", tier.credential()), records("agency-records", tier.agency()))
                .collect(Collectors.joining(", "));
    }

    private static String requests(String name, LimitsConfig.Rate rate) {
        return "\"" + name + "\";q=" + rate.burst() + ";w=" + RateLimits.refillSeconds(rate);
    }

    private static String records(String name, LimitsConfig.Rate rate) {
        return "\"" + name + "\";q=" + rate.recordsPerDay() + ";w=86400;qu=\"records\"";
    }
}
