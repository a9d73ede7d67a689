package th.go.mol.ldx.gateway.records;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import th.go.mol.ldx.gateway.access.AccessHeaders;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.audit.AuditEntry;
import th.go.mol.ldx.gateway.audit.Audited;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.catalog.DatasetCatalog;

/** Counts and sums of the records the caller may see, by the dataset's declared dimensions. */
@Path("/v1/datasets/{datasetId}/stats")
@RolesAllowed({Roles.PARTNER, Roles.OWNER})
@Tag(name = "records")
public class StatsResource {

    private final DatasetCatalog catalog;
    private final ReadViews views;
    private final RecordStats stats;

    StatsResource(DatasetCatalog catalog, ReadViews views, RecordStats stats) {
        this.catalog = catalog;
        this.views = views;
        this.stats = stats;
    }

    @GET
    @Audited(kind = AuditEntry.Kind.ACCESS, action = "records.stats")
    public RecordStats.Table stats(@PathParam("datasetId") String datasetId,
            @QueryParam("groupBy") @NotNull(message = "name one or more of the dataset's dimensions")
            @Size(min = 1, max = 1000) String groupBy,
            @QueryParam("measures") @Size(min = 1, max = 1000) String measures,
            @HeaderParam(AccessHeaders.PURPOSE) String purpose) {
        Dataset dataset = catalog.definition(datasetId);
        return stats.table(dataset, views.of(dataset, purpose, null, null), groupBy, measures);
    }
}
