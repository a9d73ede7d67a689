package th.go.mol.ldx.gateway.records;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.catalog.DatasetCatalog;
import th.go.mol.ldx.gateway.grants.AccessPolicy;
import th.go.mol.ldx.gateway.grants.RecordView;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/** Partner agencies and owner departments read records, a page at a time in key order. */
@Path("/v1/datasets/{datasetId}/records")
@RolesAllowed({Roles.PARTNER, Roles.OWNER})
@Tag(name = "records")
public class RecordsResource {

    private final DatasetCatalog catalog;
    private final RecordStore records;
    private final AccessPolicy policy;
    private final SecurityIdentity identity;

    RecordsResource(DatasetCatalog catalog, RecordStore records, AccessPolicy policy, SecurityIdentity identity) {
        this.catalog = catalog;
        this.records = records;
        this.policy = policy;
        this.identity = identity;
    }

    @GET
    public RestResponse<RecordPage> page(@PathParam("datasetId") String datasetId,
            @QueryParam("after") String after,
            // A String, so that "limit=abc" is a 400 with a reason rather than the 404 JAX-RS gives a failed conversion.
            @Parameter(description = "Records per page", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "1000", defaultValue = "100"))
            @QueryParam("limit") @DefaultValue("100") @Pattern(regexp = "[0-9]{1,9}", message = "must be a whole number")
            @Min(1) @Max(1000) String limit,
            UriInfo uri) {
        Dataset dataset = catalog.require(datasetId);
        RecordView view = policy.readView(Caller.of(identity), dataset);
        RecordPage stored = records.page(datasetId, after == null ? null : PageCursor.keyOf(after), Integer.parseInt(limit));
        RecordPage shown = new RecordPage(stored.items().stream().map(r -> r.withData(view.apply(r.data()))).toList(),
                stored.next());
        RestResponse.ResponseBuilder<RecordPage> response = RestResponse.ResponseBuilder.ok(shown);
        if (shown.next() != null) {
            response.header("Link", "<" + uri.getRequestUriBuilder().replaceQueryParam("after", shown.next()).build()
                    + ">; rel=\"next\"");
        }
        return response.build();
    }

    @GET
    @Path("/{key}")
    public StoredRecord get(@PathParam("datasetId") String datasetId, @PathParam("key") String key) {
        Dataset dataset = catalog.require(datasetId);
        RecordView view = policy.readView(Caller.of(identity), dataset);
        StoredRecord record = records.find(datasetId, key).orElseThrow(() -> new ProblemException(
                ProblemType.RECORD_NOT_FOUND, "Dataset '" + datasetId + "' has no record '" + key + "'."));
        return record.withData(view.apply(record.data()));
    }
}
