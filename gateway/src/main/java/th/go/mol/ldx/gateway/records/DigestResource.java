package th.go.mol.ldx.gateway.records;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import th.go.mol.ldx.gateway.access.AccessHeaders;
import th.go.mol.ldx.gateway.access.AccessPolicy;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.access.RecordView;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.audit.AuditEntry;
import th.go.mol.ldx.gateway.audit.Audited;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.catalog.DatasetCatalog;

/** A reader proves its copy is in sync: the digest of exactly the records its grant lets it see. */
@Path("/v1/datasets/{datasetId}/digest")
@RolesAllowed({Roles.PARTNER, Roles.OWNER})
@Tag(name = "records")
public class DigestResource {

    private final DatasetCatalog catalog;
    private final RecordStore records;
    private final AccessPolicy policy;
    private final SecurityIdentity identity;

    DigestResource(DatasetCatalog catalog, RecordStore records, AccessPolicy policy, SecurityIdentity identity) {
        this.catalog = catalog;
        this.records = records;
        this.policy = policy;
        this.identity = identity;
    }

    @GET
    @Audited(kind = AuditEntry.Kind.ACCESS, action = "records.digest")
    public DatasetDigest digest(@PathParam("datasetId") String datasetId, @HeaderParam(AccessHeaders.PURPOSE) String purpose) {
        Dataset dataset = catalog.require(datasetId);
        RecordView view = policy.readView(Caller.of(identity), dataset, purpose);
        return records.digest(datasetId, view.rows());
    }
}
