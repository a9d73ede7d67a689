package th.go.mol.ldx.gateway.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import th.go.mol.ldx.gateway.access.AccessHeaders;
import th.go.mol.ldx.gateway.access.RecordView;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.audit.AuditContext;
import th.go.mol.ldx.gateway.audit.AuditEntry;
import th.go.mol.ldx.gateway.audit.Audited;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.catalog.DatasetCatalog;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * Partner agencies and owner departments read records, a page at a time in key order, as the access policy lets
 * them see them. A record outside the reader's rows is answered exactly as a missing one.
 */
@Path("/v1/datasets/{datasetId}/records")
@RolesAllowed({Roles.PARTNER, Roles.OWNER})
@Tag(name = "records")
public class RecordsResource {

    private final DatasetCatalog catalog;
    private final RecordStore records;
    private final RecordPages pages;
    private final ReadViews views;
    private final ObjectMapper json;
    private final AuditContext audit;

    RecordsResource(DatasetCatalog catalog, RecordStore records, RecordPages pages, ReadViews views, ObjectMapper json,
            AuditContext audit) {
        this.catalog = catalog;
        this.records = records;
        this.pages = pages;
        this.views = views;
        this.json = json;
        this.audit = audit;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "A page of records",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "RecordPage")))
    @Audited(kind = AuditEntry.Kind.ACCESS, action = "records.page")
    public RestResponse<byte[]> page(@PathParam("datasetId") String datasetId,
            @QueryParam("after") String after,
            // A String, so that "limit=abc" is a 400 with a reason rather than the 404 JAX-RS gives a failed conversion.
            @Parameter(description = "Records per page", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "1000", defaultValue = "100"))
            @QueryParam("limit") @DefaultValue("100") @Pattern(regexp = "[0-9]{1,9}", message = "must be a whole number")
            @Min(1) @Max(1000) String limit,
            @QueryParam("fields") String fields,
            @QueryParam("filter") String filter,
            @HeaderParam(AccessHeaders.PURPOSE) String purpose,
            UriInfo uri) {
        Dataset dataset = catalog.definition(datasetId);
        RecordView view = views.of(dataset, purpose, fields, filter);
        RecordPages.Page page = pages.read(dataset, view, after == null ? null : PageCursor.keyOf(after),
                Integer.parseInt(limit));
        audit.returned(page.records());
        RestResponse.ResponseBuilder<byte[]> response = RestResponse.ResponseBuilder.ok(page.json(),
                MediaType.APPLICATION_JSON_TYPE);
        if (page.next() != null) {
            response.header("Link", "<" + uri.getRequestUriBuilder().replaceQueryParam("after", page.next()).build()
                    + ">; rel=\"next\"");
        }
        return response.build();
    }

    /**
     * One record, with the entity tag of what this caller is shown; a caller that names that tag in
     * {@code If-None-Match} is answered 304 without the record. The record is written out once, here: the tag is
     * the digest of exactly those bytes.
     */
    @GET
    @Path("/{key}")
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The record, as the caller may see it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = StoredRecord.class)))
    @Audited(kind = AuditEntry.Kind.ACCESS, action = "records.get")
    public RestResponse<byte[]> get(@PathParam("datasetId") String datasetId, @PathParam("key") String key,
            @QueryParam("fields") String fields, @HeaderParam(AccessHeaders.PURPOSE) String purpose,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) throws JsonProcessingException {
        Dataset dataset = catalog.definition(datasetId);
        RecordView view = views.of(dataset, purpose, fields, null);
        StoredRecord shown = records.find(datasetId, key)
                .flatMap(record -> view.apply(record.data()).map(record::withData))
                .orElseThrow(() -> new ProblemException(ProblemType.RECORD_NOT_FOUND,
                        "Dataset '" + datasetId + "' has no record '" + key + "'."));
        byte[] body = json.writeValueAsBytes(shown);
        String tag = EntityTag.of(body);
        if (EntityTag.noneMatchFails(ifNoneMatch, tag)) {
            audit.returned(0);
            return RestResponse.ResponseBuilder.<byte[]>create(RestResponse.Status.NOT_MODIFIED)
                    .header(HttpHeaders.ETAG, tag).build();
        }
        audit.returned(1);
        return RestResponse.ResponseBuilder.ok(body, MediaType.APPLICATION_JSON_TYPE).header(HttpHeaders.ETAG, tag)
                .build();
    }
}
