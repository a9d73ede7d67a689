package th.go.mol.ldx.gateway.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import th.go.mol.ldx.connector.RecordChange;
import th.go.mol.ldx.gateway.access.AccessPolicy;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.audit.AuditEntry;
import th.go.mol.ldx.gateway.audit.Audited;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.catalog.DatasetCatalog;
import th.go.mol.ldx.gateway.catalog.RecordValidator;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/** The owner department of a dataset writes and deletes its records, one at a time. */
@Path("/v1/datasets/{datasetId}/records/{key}")
@RolesAllowed(Roles.OWNER)
@Tag(name = "ingest")
public class IngestResource {

    private final DatasetCatalog catalog;
    private final AccessPolicy policy;
    private final RecordValidator validator;
    private final ChangeLog changes;
    private final SecurityIdentity identity;

    IngestResource(DatasetCatalog catalog, AccessPolicy policy, RecordValidator validator, ChangeLog changes,
            SecurityIdentity identity) {
        this.catalog = catalog;
        this.policy = policy;
        this.validator = validator;
        this.changes = changes;
        this.identity = identity;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(kind = AuditEntry.Kind.ACCESS, action = "records.put")
    public RestResponse<ChangeReceipt> put(@PathParam("datasetId") String datasetId,
            @PathParam("key") @Size(max = RecordChange.MAX_KEY_LENGTH) String key, @NotNull ObjectNode data) {
        Caller caller = Caller.of(identity);
        Dataset dataset = catalog.require(datasetId);
        policy.requireOwner(caller, dataset);
        validator.requireValid(dataset, key, data);
        ChangeReceipt receipt = changes.apply(datasetId, new RecordChange.Upsert(key, data), caller.organisation()).orElseThrow();
        Response.Status status = receipt.outcome() == ChangeReceipt.Outcome.CREATED ? Response.Status.CREATED : Response.Status.OK;
        return RestResponse.status(status, receipt);
    }

    @DELETE
    @Audited(kind = AuditEntry.Kind.ACCESS, action = "records.delete")
    public ChangeReceipt delete(@PathParam("datasetId") String datasetId,
            @PathParam("key") @Size(max = RecordChange.MAX_KEY_LENGTH) String key) {
        Caller caller = Caller.of(identity);
        Dataset dataset = catalog.require(datasetId);
        policy.requireOwner(caller, dataset);
        return changes.apply(datasetId, new RecordChange.Delete(key), caller.organisation())
                .orElseThrow(() -> new ProblemException(ProblemType.RECORD_NOT_FOUND,
                        "Dataset '" + datasetId + "' has no record '" + key + "'."));
    }
}
