package th.go.mol.ldx.gateway.catalog;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.audit.AuditContext;
import th.go.mol.ldx.gateway.audit.AuditEntry;
import th.go.mol.ldx.gateway.audit.Audited;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/** Four eyes on personal-data declarations: the owner department decides what an administrator proposed. */
@Path("/v1/datasets/{datasetId}/declaration-changes")
@Tag(name = "catalog")
public class DeclarationChangeResource {

    private final DatasetDefinitions definitions;
    private final SecurityIdentity identity;
    private final AuditContext audit;

    DeclarationChangeResource(DatasetDefinitions definitions, SecurityIdentity identity, AuditContext audit) {
        this.definitions = definitions;
        this.identity = identity;
        this.audit = audit;
    }

    @GET
    @RolesAllowed({Roles.OWNER, Roles.ADMIN})
    public List<DeclarationChange> list(@PathParam("datasetId") String datasetId) {
        return definitions.list(Caller.of(identity), datasetId);
    }

    @GET
    @Path("/{changeId}")
    @RolesAllowed({Roles.OWNER, Roles.ADMIN})
    public DeclarationChange get(@PathParam("datasetId") String datasetId, @PathParam("changeId") String changeId) {
        return definitions.get(Caller.of(identity), datasetId, idOf(datasetId, changeId))
                .orElseThrow(() -> notFound(datasetId, changeId));
    }

    @POST
    @Path("/{changeId}/approve")
    @RolesAllowed(Roles.OWNER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(kind = AuditEntry.Kind.ADMIN, action = "dataset.declarations.approve")
    public DeclarationChange approve(@PathParam("datasetId") String datasetId, @PathParam("changeId") String changeId,
            @Valid DeclarationDecision decision) {
        audit.concerns(datasetId);
        return definitions.approve(Caller.of(identity), datasetId, idOf(datasetId, changeId), reason(decision));
    }

    @POST
    @Path("/{changeId}/reject")
    @RolesAllowed(Roles.OWNER)
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(kind = AuditEntry.Kind.ADMIN, action = "dataset.declarations.reject")
    public DeclarationChange reject(@PathParam("datasetId") String datasetId, @PathParam("changeId") String changeId,
            @Valid DeclarationDecision decision) {
        audit.concerns(datasetId);
        return definitions.reject(Caller.of(identity), datasetId, idOf(datasetId, changeId), reason(decision));
    }

    private static String reason(DeclarationDecision decision) {
        return decision == null ? null : decision.reason();
    }

    /** A malformed id names no change: the same answer as an unknown one. */
    private static UUID idOf(String datasetId, String changeId) {
        try {
            return UUID.fromString(changeId);
        } catch (IllegalArgumentException e) {
            throw notFound(datasetId, changeId);
        }
    }

    private static ProblemException notFound(String datasetId, String changeId) {
        return new ProblemException(ProblemType.DECLARATION_CHANGE_NOT_FOUND,
                "There is no declaration change " + changeId + " of dataset '" + datasetId + "'.");
    }
}
