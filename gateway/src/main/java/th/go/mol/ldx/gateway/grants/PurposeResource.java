package th.go.mol.ldx.gateway.grants;

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
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.audit.AuditEntry;
import th.go.mol.ldx.gateway.audit.Audited;

/** The purposes that grants name: every caller reads them; administrators declare them. */
@Path("/v1")
@Tag(name = "grants")
public class PurposeResource {

    private final PurposeRegistry purposes;

    PurposeResource(PurposeRegistry purposes) {
        this.purposes = purposes;
    }

    @GET
    @Path("/purposes")
    @RolesAllowed({Roles.PARTNER, Roles.OWNER, Roles.ADMIN})
    public List<Purpose> list() {
        return purposes.all();
    }

    @PUT
    @Path("/admin/purposes/{code}")
    @RolesAllowed(Roles.ADMIN)
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(kind = AuditEntry.Kind.ADMIN, action = "purpose.define")
    public RestResponse<Purpose> put(@PathParam("code") @Pattern(regexp = "[a-z][a-z0-9-]{1,62}") String code,
            @NotNull @Valid Purpose.Definition definition) {
        boolean created = purposes.put(code, definition);
        return RestResponse.status(created ? Response.Status.CREATED : Response.Status.OK, purposes.require(code));
    }
}
