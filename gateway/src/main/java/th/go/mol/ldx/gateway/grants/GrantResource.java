package th.go.mol.ldx.gateway.grants;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.catalog.DatasetCatalog;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/** Administrators grant and revoke an agency's access to a dataset. */
@Path("/v1/admin/grants")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "grants")
public class GrantResource {

    private final GrantStore grants;
    private final DatasetCatalog catalog;
    private final SecurityIdentity identity;

    GrantResource(GrantStore grants, DatasetCatalog catalog, SecurityIdentity identity) {
        this.grants = grants;
        this.catalog = catalog;
        this.identity = identity;
    }

    @GET
    public List<Grant> list() {
        return grants.all();
    }

    @PUT
    @Path("/{agency}/{datasetId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public RestResponse<Grant> put(@PathParam("agency") String agency, @PathParam("datasetId") String datasetId,
            @NotNull @Valid GrantRequest request) {
        catalog.require(datasetId);
        boolean created = grants.put(agency, datasetId, request, Caller.of(identity).clientId());
        Grant grant = grants.find(agency, datasetId).orElseThrow();
        return RestResponse.status(created ? Response.Status.CREATED : Response.Status.OK, grant);
    }

    @DELETE
    @Path("/{agency}/{datasetId}")
    public void revoke(@PathParam("agency") String agency, @PathParam("datasetId") String datasetId) {
        if (!grants.revoke(agency, datasetId)) {
            throw new ProblemException(ProblemType.NOT_FOUND,
                    "Agency '" + agency + "' holds no grant on dataset '" + datasetId + "'.");
        }
    }
}
