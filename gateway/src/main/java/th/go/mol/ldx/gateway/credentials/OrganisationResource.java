package th.go.mol.ldx.gateway.credentials;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.audit.AuditEntry;
import th.go.mol.ldx.gateway.audit.Audited;
import th.go.mol.ldx.gateway.problem.Problem;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * Administrators register the agencies and departments that LDX gives credentials to, and issue and list their
 * credentials. An id is lower case letters, digits and hyphens: it becomes part of Kafka topic names
 * ({@code ldx.agency.<id>.<dataset>}).
 */
@Path("/v1/admin/organisations")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "credentials")
public class OrganisationResource {

    private final OrganisationRegistry organisations;
    private final CredentialService credentials;
    private final SecurityIdentity identity;

    OrganisationResource(OrganisationRegistry organisations, CredentialService credentials, SecurityIdentity identity) {
        this.organisations = organisations;
        this.credentials = credentials;
        this.identity = identity;
    }

    @GET
    public List<Organisation> list() {
        return organisations.all();
    }

    @GET
    @Path("/{organisationId}")
    public Organisation get(@PathParam("organisationId") String id) {
        return organisations.find(id).orElseThrow(() -> new ProblemException(ProblemType.ORGANISATION_NOT_FOUND,
                "No agency or department '" + id + "' is registered."));
    }

    @PUT
    @Path("/{organisationId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(kind = AuditEntry.Kind.ADMIN, action = "organisation.register")
    public RestResponse<Organisation> put(
            @PathParam("organisationId") @Pattern(regexp = "[a-z][a-z0-9-]{1,62}") String id,
            @NotNull @Valid Organisation.Registration registration) {
        credentials.requireKindUnchanged(id, registration.kind());
        boolean created = organisations.put(id, registration);
        return RestResponse.status(created ? Response.Status.CREATED : Response.Status.OK,
                organisations.find(id).orElseThrow());
    }

    /**
     * The agency's pseudonyms, on every dataset, under a new key: its old copies no longer link to what it reads
     * now (after a leak of its copy, or at its request).
     */
    @POST
    @Path("/{organisationId}/pseudonym-key/rotate")
    @Audited(kind = AuditEntry.Kind.ADMIN, action = "organisation.pseudonym-key.rotate")
    public Organisation rotatePseudonymKey(@PathParam("organisationId") String id) {
        Organisation organisation = get(id);
        if (organisation.kind() != Organisation.Kind.AGENCY) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, "'" + id + "' is a " + organisation.kind().code()
                    + ": only an agency is shown pseudonyms.", List.of(new Problem.FieldError("organisationId",
                    "must be an agency")));
        }
        return organisations.rotatePseudonymKey(id).orElseThrow();
    }

    @GET
    @Path("/{organisationId}/credentials")
    public List<Credential> list(@PathParam("organisationId") String organisationId) {
        return credentials.ofOrganisation(organisationId);
    }

    /** The secret is in this answer only. */
    @POST
    @Path("/{organisationId}/credentials")
    @Consumes(MediaType.APPLICATION_JSON)
    @Audited(kind = AuditEntry.Kind.ADMIN, action = "credential.issue")
    public RestResponse<Credential.Issued> issue(@PathParam("organisationId") String organisationId,
            @NotNull @Valid Credential.Request request, UriInfo uri) {
        Credential.Issued issued = credentials.issue(organisationId, request, Caller.of(identity));
        return RestResponse.ResponseBuilder.<Credential.Issued>created(uri.getBaseUriBuilder().path("v1/admin/credentials/{clientId}")
                .build(issued.credential().clientId())).entity(issued).build();
    }
}
