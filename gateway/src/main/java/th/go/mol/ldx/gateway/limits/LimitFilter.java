package th.go.mol.ldx.gateway.limits;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.audit.AuditContext;
import th.go.mol.ldx.gateway.problem.Problem;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * Holds partner agencies to their limits: a request over them is a 429 problem with {@code Retry-After} and the
 * IETF {@code RateLimit} and {@code RateLimit-Policy} fields (draft-ietf-httpapi-ratelimit-headers), and every
 * answer to an agency carries them. The records an answer carried count against the day. Departments and
 * administrators, the ministry itself, are not limited.
 */
public class LimitFilter {

    /** The token claim that names the agency's tier, set on its Keycloak client. */
    public static final String TIER_CLAIM = "ldx_tier";

    /** What the response filter needs from the request filter. */
    @RequestScoped
    static class Admitted {
        private String credential;
        private String agency;
        private LimitsConfig.Tier tier;
        private RateLimits.Verdict verdict;
    }

    private final RateLimits limits;
    private final LimitsConfig config;
    private final SecurityIdentity identity;
    private final Admitted admitted;
    private final AuditContext audit;

    LimitFilter(RateLimits limits, LimitsConfig config, SecurityIdentity identity, Admitted admitted,
            AuditContext audit) {
        this.limits = limits;
        this.config = config;
        this.identity = identity;
        this.admitted = admitted;
        this.audit = audit;
    }

    @ServerRequestFilter(priority = Priorities.USER)
    public Optional<Response> limit(ContainerRequestContext request) {
        if (!config.enabled() || identity.isAnonymous() || !identity.hasRole(Roles.PARTNER)) {
            return Optional.empty();
        }
        Caller caller = Caller.of(identity);
        String named = identity.getPrincipal() instanceof JsonWebToken jwt ? jwt.getClaim(TIER_CLAIM) : null;
        LimitsConfig.Tier tier = limits.tier(named);
        RateLimits.Verdict verdict = limits.admit(caller.clientId(), caller.clientId(), tier);
        if (!verdict.admitted()) {
            Response.ResponseBuilder refusal = Response.status(ProblemType.RATE_LIMITED.status())
                    .type(Problem.MEDIA_TYPE)
                    .header("Retry-After", Math.max(1, verdict.resetSeconds()))
                    .entity(new Problem(ProblemType.RATE_LIMITED.uri(), ProblemType.RATE_LIMITED.title(),
                            ProblemType.RATE_LIMITED.status(), refusal(verdict), request.getUriInfo().getPath(), null,
                            null));
            headers(tier, verdict).forEach(refusal::header);
            return Optional.of(refusal.build());
        }
        admitted.credential = caller.clientId();
        admitted.agency = caller.clientId();
        admitted.tier = tier;
        admitted.verdict = verdict;
        return Optional.empty();
    }

    @ServerResponseFilter
    public void count(ContainerResponseContext response) {
        if (admitted.verdict == null) {
            return;
        }
        MultivaluedMap<String, Object> headers = response.getHeaders();
        headers(admitted.tier, admitted.verdict).forEach(headers::putSingle);
        audit.records().filter(n -> n > 0)
                .ifPresent(n -> limits.charge(admitted.credential, admitted.agency, admitted.tier, n));
    }

    private static String refusal(RateLimits.Verdict verdict) {
        return verdict.policy().endsWith("-records")
                ? "The " + verdict.policy().replace("-records", "") + "'s records of the day (" + verdict.quota()
                        + ") are spent; more are available in " + verdict.resetSeconds() + " s."
                : "Over the " + verdict.policy() + "'s limit of " + verdict.quota() + " requests per second; retry in "
                        + Math.max(1, verdict.resetSeconds()) + " s.";
    }

    /** The RateLimit-Policy of the tier, and the RateLimit of the verdict's policy. */
    private static Map<String, String> headers(LimitsConfig.Tier tier, RateLimits.Verdict verdict) {
        String policies = Stream.of(
                        policy("credential", tier.credential().perSecond(), 1),
                        policy("agency", tier.agency().perSecond(), 1),
                        policy("credential-records", tier.credential().recordsPerDay(), 86_400),
                        policy("agency-records", tier.agency().recordsPerDay(), 86_400))
                .collect(Collectors.joining(", "));
        return Map.of("RateLimit-Policy", policies, "RateLimit", "\"" + verdict.policy() + "\";r="
                + verdict.remaining() + ";t=" + verdict.resetSeconds());
    }

    private static String policy(String name, long quota, long window) {
        return "\"" + name + "\";q=" + quota + ";w=" + window;
    }
}
