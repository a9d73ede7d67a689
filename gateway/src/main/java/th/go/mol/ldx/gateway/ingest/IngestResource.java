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
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.audit.AuditEntry;
import th.go.mol.ldx.gateway.audit.Audited;

/** The owner department of a dataset writes and deletes its records, one at a time. */
@Path("/v1/datasets/{datasetId}/records/{key}")
@RolesAllowed(Roles.OWNER)
@Tag(name = "ingest")
public class IngestResource {

    private final IngestService ingest;
    private final SecurityIdentity identity;

    IngestResource(IngestService ingest, SecurityIdentity identity) {
        this.ingest = ingest;
        this.identity = identity;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(kind = AuditEntry.Kind.ACCESS, action = "records.put")
    public RestResponse<ChangeReceipt> put(@PathParam("datasetId") String datasetId,
            @PathParam("key") @Size(max = RecordChange.MAX_KEY_LENGTH) String key, @NotNull ObjectNode data) {
        ChangeReceipt receipt = ingest.put(Caller.of(identity), datasetId, key, data);
        Response.Status status = receipt.outcome() == ChangeReceipt.Outcome.CREATED ? Response.Status.CREATED : Response.Status.OK;
        return RestResponse.status(status, receipt);
    }

    @DELETE
    @Audited(kind = AuditEntry.Kind.ACCESS, action = "records.delete")
    public ChangeReceipt delete(@PathParam("datasetId") String datasetId,
            @PathParam("key") @Size(max = RecordChange.MAX_KEY_LENGTH) String key) {
        return ingest.delete(Caller.of(identity), datasetId, key);
    }
}
