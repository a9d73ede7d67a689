package th.go.mol.ldx.gateway.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Arrays;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * Finding datasets: a search of the catalog, one entry, its schema, each with the caller's own access; and the
 * whole catalog as DCAT-AP JSON-LD for portals to harvest, without a token.
 */
@Path("/v1/catalog")
@Tag(name = "catalog")
public class CatalogSearchResource {

    /** The response header naming the version of the schema answered. */
    public static final String SCHEMA_VERSION = "LDX-Schema-Version";

    private static final String CATEGORIES = "public|personal|security|official-secret";

    private final CatalogSearch search;
    private final DatasetCatalog catalog;
    private final DcatCatalog dcat;
    private final SecurityIdentity identity;

    CatalogSearchResource(CatalogSearch search, DatasetCatalog catalog, DcatCatalog dcat, SecurityIdentity identity) {
        this.search = search;
        this.catalog = catalog;
        this.dcat = dcat;
        this.identity = identity;
    }

    @GET
    @Path("/datasets")
    @RolesAllowed({Roles.PARTNER, Roles.OWNER, Roles.ADMIN})
    public RestResponse<CatalogSearch.Page> search(
            @QueryParam("q") @Size(min = 1, max = 200) String text,
            @QueryParam("owner") @Size(min = 1, max = 63) String owner,
            @QueryParam("category") @Pattern(regexp = CATEGORIES, message = "must be one of " + CATEGORIES)
            String category,
            @QueryParam("keyword") @Size(min = 1, max = 100) String keyword,
            @QueryParam("after") @Pattern(regexp = "[a-z][a-z0-9-]{2,62}", message = "must be the next of a previous page")
            String after,
            @Parameter(description = "Entries per page", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "100", defaultValue = "20"))
            @QueryParam("limit") @DefaultValue("20") @Pattern(regexp = "[0-9]{1,9}", message = "must be a whole number")
            @Min(1) @Max(100) String limit,
            UriInfo uri) {
        CatalogMetadata.Category asked = category == null ? null : Arrays.stream(CatalogMetadata.Category.values())
                .filter(c -> c.code().equals(category)).findFirst().orElseThrow();
        CatalogSearch.Page page = search.search(Caller.of(identity),
                new CatalogSearch.Query(text, owner, asked, keyword, after, Integer.parseInt(limit)));
        RestResponse.ResponseBuilder<CatalogSearch.Page> response = RestResponse.ResponseBuilder.ok(page);
        if (page.next() != null) {
            response.header("Link", "<" + uri.getRequestUriBuilder().replaceQueryParam("after", page.next()).build()
                    + ">; rel=\"next\"");
        }
        return response.build();
    }

    @GET
    @Path("/datasets/{datasetId}")
    @RolesAllowed({Roles.PARTNER, Roles.OWNER, Roles.ADMIN})
    public CatalogEntry get(@PathParam("datasetId") String datasetId) {
        return search.describe(Caller.of(identity), datasetId);
    }

    /** The JSON Schema every record of the dataset is checked against now; its version in {@code LDX-Schema-Version}. */
    @GET
    @Path("/datasets/{datasetId}/schema")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PARTNER, Roles.OWNER, Roles.ADMIN})
    public RestResponse<ObjectNode> schema(@PathParam("datasetId") String datasetId) {
        Dataset dataset = catalog.require(datasetId);
        return RestResponse.ResponseBuilder.ok(dataset.schema()).header(SCHEMA_VERSION, dataset.schemaVersion())
                .build();
    }

    /** One version of the schema: what an event's {@code dataschema} names. */
    @GET
    @Path("/datasets/{datasetId}/schemas/{version}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.PARTNER, Roles.OWNER, Roles.ADMIN})
    public ObjectNode schemaVersion(@PathParam("datasetId") String datasetId,
            @PathParam("version") @Pattern(regexp = "[1-9][0-9]{0,6}", message = "must be a schema version") String version) {
        catalog.require(datasetId);
        return catalog.schema(datasetId, Integer.parseInt(version)).orElseThrow(() -> new ProblemException(
                ProblemType.NOT_FOUND, "Dataset '" + datasetId + "' has no schema version " + version + "."));
    }

    /** JSON-LD is JSON: a client that asks for JSON gets the same document, named as what it is. */
    @GET
    @Path("/dcat")
    @Produces({DcatCatalog.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @PermitAll
    public RestResponse<ObjectNode> dcat() {
        return RestResponse.ResponseBuilder.ok(dcat.document(), DcatCatalog.MEDIA_TYPE).build();
    }
}
