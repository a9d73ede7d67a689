package th.go.mol.ldx.gateway.grants;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.audit.AuditContext;
import th.go.mol.ldx.gateway.audit.AuditEntry;
import th.go.mol.ldx.gateway.audit.Audited;
import th.go.mol.ldx.gateway.problem.Problem;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/** Agencies request access; owner departments and administrators decide; everyone reads the grants they may see. */
@Path("/v1/grants")
@Tag(name = "grants")
public class GrantResource {

    private final GrantService service;
    private final SecurityIdentity identity;
    private final AuditContext audit;

    GrantResource(GrantService service, SecurityIdentity identity, AuditContext audit) {
        this.service = service;
        this.identity = identity;
        this.audit = audit;
    }

    @POST
    @RolesAllowed(Roles.PARTNER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(kind = AuditEntry.Kind.ADMIN, action = "grant.request")
    public RestResponse<Grant> request(@NotNull @Valid GrantRequest request, UriInfo uri) {
        Grant grant = concerning(service.request(Caller.of(identity), request));
        return RestResponse.ResponseBuilder.<Grant>created(uri.getAbsolutePathBuilder().path(grant.id().toString()).build())
                .entity(grant).build();
    }

    @GET
    @RolesAllowed({Roles.PARTNER, Roles.OWNER, Roles.ADMIN})
    public List<Grant> list(@QueryParam("agency") String agency, @QueryParam("datasetId") String datasetId,
            @QueryParam("state") String state) {
        return service.list(Caller.of(identity), agency, datasetId, state == null ? null : state(state));
    }

    @GET
    @Path("/{grantId}")
    @RolesAllowed({Roles.PARTNER, Roles.OWNER, Roles.ADMIN})
    public Grant get(@PathParam("grantId") String id) {
        return service.get(Caller.of(identity), Grant.idOf(id));
    }

    @POST
    @Path("/{grantId}/approve")
    @RolesAllowed({Roles.OWNER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(kind = AuditEntry.Kind.ADMIN, action = "grant.approve")
    public Grant approve(@PathParam("grantId") String id, @Valid Decision decision) {
        return concerning(service.approve(Caller.of(identity), Grant.idOf(id), reason(decision)));
    }

    @POST
    @Path("/{grantId}/reject")
    @RolesAllowed({Roles.OWNER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(kind = AuditEntry.Kind.ADMIN, action = "grant.reject")
    public Grant reject(@PathParam("grantId") String id, @Valid Decision decision) {
        return concerning(service.reject(Caller.of(identity), Grant.idOf(id), reason(decision)));
    }

    @POST
    @Path("/{grantId}/revoke")
    @RolesAllowed({Roles.OWNER, Roles.ADMIN})
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(kind = AuditEntry.Kind.ADMIN, action = "grant.revoke")
    public Grant revoke(@PathParam("grantId") String id, @Valid Decision decision) {
        return concerning(service.revoke(Caller.of(identity), Grant.idOf(id), reason(decision)));
    }

    /** Names the grant's dataset in the audit entry of this request. */
    private Grant concerning(Grant grant) {
        audit.concerns(grant.datasetId());
        return grant;
    }

    /** A decision may come without a body. */
    private static String reason(Decision decision) {
        return decision == null ? null : decision.reason();
    }

    /** A malformed id names no grant: the same answer as an unknown one. */
    private static GrantState state(String code) {
        try {
            return GrantState.valueOf(code.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, "Unknown grant state '" + code + "'.",
                    List.of(new Problem.FieldError("state", "one of requested, rejected, scheduled, active, expired, "
                            + "revoked, superseded")));
        }
    }
}
