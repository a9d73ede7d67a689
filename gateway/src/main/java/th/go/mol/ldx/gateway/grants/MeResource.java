package th.go.mol.ldx.gateway.grants;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.catalog.DatasetCatalog;

/** Who the caller is to LDX: its roles, its own grants and their states, the datasets it owns. */
@Path("/v1/me")
@Tag(name = "grants")
public class MeResource {

    /**
     * The caller's view of itself; for an agency, {@code pseudonymKey} is the version of the key its pseudonyms are
     * computed with now (each rotation the next one: its copies from before no longer link to what it reads).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Me(String clientId, String organisation, List<String> roles, List<Grant> grants,
            List<String> ownedDatasets, Integer pseudonymKey) {
    }

    private final GrantService grants;
    private final DatasetCatalog catalog;
    private final SecurityIdentity identity;

    MeResource(GrantService grants, DatasetCatalog catalog, SecurityIdentity identity) {
        this.grants = grants;
        this.catalog = catalog;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.PARTNER, Roles.OWNER, Roles.ADMIN})
    public Me me() {
        Caller caller = Caller.of(identity);
        List<Grant> own = grants.list(caller, caller.organisation(), null, null);
        List<String> owned = catalog.all().stream().filter(d -> d.ownedBy(caller.organisation())).map(Dataset::id).toList();
        return new Me(caller.clientId(), caller.organisation(), caller.roles(), own, owned,
                caller.partner() ? grants.pseudonymKeyOf(caller.organisation()) : null);
    }
}
