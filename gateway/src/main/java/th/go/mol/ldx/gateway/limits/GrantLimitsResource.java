package th.go.mol.ldx.gateway.limits;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.audit.AuditContext;
import th.go.mol.ldx.gateway.audit.AuditEntry;
import th.go.mol.ldx.gateway.audit.Audited;
import th.go.mol.ldx.gateway.grants.Grant;
import th.go.mol.ldx.gateway.grants.GrantService;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/** Administrators override the agency's limits tier for the reads under one grant, and take the override away. */
@Path("/v1/grants/{grantId}/limits")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "limits")
public class GrantLimitsResource {

    private final GrantLimits limits;
    private final GrantService grants;
    private final SecurityIdentity identity;
    private final AuditContext audit;

    GrantLimitsResource(GrantLimits limits, GrantService grants, SecurityIdentity identity, AuditContext audit) {
        this.limits = limits;
        this.grants = grants;
        this.identity = identity;
        this.audit = audit;
    }

    @GET
    public GrantLimits.Limit get(@PathParam("grantId") String grantId) {
        UUID id = grant(grantId).id();
        return limits.find(id).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "Grant " + id + " has no limits of its own: its agency's tier applies."));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(kind = AuditEntry.Kind.ADMIN, action = "grant.limits.set")
    public GrantLimits.Limit set(@PathParam("grantId") String grantId, @NotNull @Valid GrantLimits.Limit limit) {
        Grant grant = grant(grantId);
        limits.set(grant.id(), limit, Caller.of(identity).clientId());
        return limit;
    }

    @DELETE
    @Audited(kind = AuditEntry.Kind.ADMIN, action = "grant.limits.clear")
    public RestResponse<Void> clear(@PathParam("grantId") String grantId) {
        limits.clear(grant(grantId).id());
        return RestResponse.noContent();
    }

    private Grant grant(String grantId) {
        Grant grant = grants.get(Caller.of(identity), Grant.idOf(grantId));
        audit.concerns(grant.datasetId());
        return grant;
    }
}
