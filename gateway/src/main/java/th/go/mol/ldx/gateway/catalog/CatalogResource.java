package th.go.mol.ldx.gateway.catalog;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.core.UriInfo;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.audit.AuditContext;
import th.go.mol.ldx.gateway.audit.AuditEntry;
import th.go.mol.ldx.gateway.audit.Audited;

/** The data catalog: every caller of LDX may read it; administrators maintain it. */
@Path("/v1")
@Tag(name = "catalog")
public class CatalogResource {

    private final DatasetCatalog catalog;
    private final DatasetDefinitions definitions;
    private final RecordValidator validator;
    private final SecurityIdentity identity;
    private final AuditContext audit;

    CatalogResource(DatasetCatalog catalog, DatasetDefinitions definitions, RecordValidator validator,
            SecurityIdentity identity, AuditContext audit) {
        this.catalog = catalog;
        this.definitions = definitions;
        this.validator = validator;
        this.identity = identity;
        this.audit = audit;
    }

    @GET
    @Path("/datasets")
    @RolesAllowed({Roles.PARTNER, Roles.OWNER, Roles.ADMIN})
    public List<Dataset> list() {
        return catalog.all();
    }

    @GET
    @Path("/datasets/{datasetId}")
    @RolesAllowed({Roles.PARTNER, Roles.OWNER, Roles.ADMIN})
    public Dataset get(@PathParam("datasetId") String datasetId) {
        return catalog.require(datasetId);
    }

    @PUT
    @Path("/admin/datasets/{datasetId}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(kind = AuditEntry.Kind.ADMIN, action = "dataset.define")
    public RestResponse<?> put(
            @PathParam("datasetId") @Pattern(regexp = "[a-z][a-z0-9-]{2,62}") String datasetId,
            @NotNull @Valid DatasetDefinition definition, UriInfo uri) {
        validator.requireUsable(definition);
        audit.concerns(datasetId);
        DatasetDefinitions.Outcome outcome = definitions.define(Caller.of(identity), datasetId, definition);
        if (outcome instanceof DatasetDefinitions.Outcome.Proposed proposed) {
            // 202: applied once the owner department approves it.
            return RestResponse.ResponseBuilder.<DeclarationChange>accepted(proposed.change())
                    .location(uri.getBaseUriBuilder().path("v1/datasets/{datasetId}/declaration-changes/{changeId}")
                            .build(datasetId, proposed.change().id()))
                    .build();
        }
        boolean created = ((DatasetDefinitions.Outcome.Applied) outcome).created();
        return RestResponse.status(created ? Response.Status.CREATED : Response.Status.OK, catalog.require(datasetId));
    }
}
