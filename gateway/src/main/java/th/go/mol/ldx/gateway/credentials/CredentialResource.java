package th.go.mol.ldx.gateway.credentials;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.audit.AuditEntry;
import th.go.mol.ldx.gateway.audit.Audited;

/**
 * Administrators rotate, disable, enable and delete credentials (issued and listed under their organisation, see
 * {@link OrganisationResource}).
 */
@Path("/v1/admin/credentials")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "credentials")
public class CredentialResource {

    private final CredentialService credentials;

    CredentialResource(CredentialService credentials) {
        this.credentials = credentials;
    }

    @GET
    @Path("/{clientId}")
    public Credential get(@PathParam("clientId") @Size(max = 120) String clientId) {
        return credentials.get(clientId);
    }

    /** A new secret, in this answer only; the old secret and the tokens it obtained are refused from now on. */
    @POST
    @Path("/{clientId}/rotate")
    @Audited(kind = AuditEntry.Kind.ADMIN, action = "credential.rotate")
    public Credential.Issued rotate(@PathParam("clientId") @Size(max = 120) String clientId) {
        return credentials.rotate(clientId);
    }

    @POST
    @Path("/{clientId}/disable")
    @Audited(kind = AuditEntry.Kind.ADMIN, action = "credential.disable")
    public Credential disable(@PathParam("clientId") @Size(max = 120) String clientId) {
        return credentials.disable(clientId);
    }

    @POST
    @Path("/{clientId}/enable")
    @Audited(kind = AuditEntry.Kind.ADMIN, action = "credential.enable")
    public Credential enable(@PathParam("clientId") @Size(max = 120) String clientId) {
        return credentials.enable(clientId);
    }

    @DELETE
    @Path("/{clientId}")
    @Audited(kind = AuditEntry.Kind.ADMIN, action = "credential.delete")
    public RestResponse<Void> delete(@PathParam("clientId") @Size(max = 120) String clientId) {
        credentials.delete(clientId);
        return RestResponse.noContent();
    }
}
