package th.go.mol.ldx.gateway.records;

import io.quarkus.security.identity.SecurityIdentity;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import th.go.mol.ldx.gateway.access.AccessContext;
import th.go.mol.ldx.gateway.access.AccessHeaders;
import th.go.mol.ldx.gateway.access.AccessPolicy;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.access.RecordView;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.audit.AuditContext;
import th.go.mol.ldx.gateway.audit.AuditEntry;
import th.go.mol.ldx.gateway.audit.Audited;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.catalog.DatasetCatalog;

/** A dataset's changes after a sequence, as the caller's topic carries them: the change feed for agencies without Kafka. */
@Path("/v1/datasets/{datasetId}/changes")
@RolesAllowed({Roles.PARTNER, Roles.OWNER})
@Tag(name = "records")
public class ChangeFeedResource {

    private final DatasetCatalog catalog;
    private final AccessPolicy policy;
    private final AccessContext access;
    private final SecurityIdentity identity;
    private final ChangeFeed feed;
    private final AuditContext audit;

    ChangeFeedResource(DatasetCatalog catalog, AccessPolicy policy, AccessContext access, SecurityIdentity identity,
            ChangeFeed feed, AuditContext audit) {
        this.catalog = catalog;
        this.policy = policy;
        this.access = access;
        this.identity = identity;
        this.feed = feed;
        this.audit = audit;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Audited(kind = AuditEntry.Kind.ACCESS, action = "changes.read")
    public RestResponse<byte[]> read(@PathParam("datasetId") String datasetId,
            @Parameter(description = "The sequence after which to read: 0, or the `next` of the previous answer",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0", defaultValue = "0"))
            @QueryParam("after") @DefaultValue("0") @Pattern(regexp = "[0-9]{1,18}", message = "must be a sequence")
            String after,
            @Parameter(description = "Events per answer", schema = @Schema(type = SchemaType.INTEGER, minimum = "1",
                    maximum = "1000", defaultValue = "100"))
            @QueryParam("limit") @DefaultValue("100") @Pattern(regexp = "[0-9]{1,9}", message = "must be a whole number")
            @Min(1) @Max(1000) String limit,
            @HeaderParam(AccessHeaders.PURPOSE) String purpose,
            UriInfo uri) {
        Dataset dataset = catalog.require(datasetId);
        RecordView view = policy.readView(Caller.of(identity), dataset, purpose);
        ChangeFeed.Page page = feed.read(dataset, view, access.grantId().orElse(null), Long.parseLong(after),
                Integer.parseInt(limit));
        audit.returned(page.events());
        RestResponse.ResponseBuilder<byte[]> response = RestResponse.ResponseBuilder.ok(page.json(),
                MediaType.APPLICATION_JSON_TYPE);
        if (page.more()) {
            response.header("Link", "<" + uri.getRequestUriBuilder().replaceQueryParam("after", page.next()).build()
                    + ">; rel=\"next\"");
        }
        return response.build();
    }
}
