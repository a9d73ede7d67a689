package th.go.mol.ldx.gateway.connectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.audit.AuditEntry;
import th.go.mol.ldx.gateway.audit.Audited;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * Admins inspect the connectors (state, offset, last run, rows read, accepted and rejected, lag, last rejects) and
 * pause, resume or reset them. Requests take effect before the runner's next round, on whichever process runs it.
 */
@Path("/v1/admin/connectors")
@RolesAllowed(Roles.ADMIN)
@Tag(name = "connectors")
public class ConnectorResource {

    private final ConnectorStore store;
    private final ConnectorHost host;

    ConnectorResource(ConnectorStore store, ConnectorHost host) {
        this.store = store;
        this.host = host;
    }

    @GET
    public List<ConnectorState> list() {
        return store.all(host.stoppedAfter());
    }

    @GET
    @Path("/{name}")
    public ConnectorState get(@PathParam("name") @Size(max = 63) String name) {
        return require(name);
    }

    @GET
    @Path("/{name}/rejects")
    public List<ConnectorReject> rejects(@PathParam("name") @Size(max = 63) String name,
            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(ConnectorStore.KEPT_REJECTS) int limit) {
        require(name);
        return store.rejects(name, limit);
    }

    @POST
    @Path("/{name}/pause")
    @Audited(kind = AuditEntry.Kind.ADMIN, action = "connector.pause")
    public ConnectorState pause(@PathParam("name") @Size(max = 63) String name) {
        found(store.setPaused(name, true), name);
        return require(name);
    }

    @POST
    @Path("/{name}/resume")
    @Audited(kind = AuditEntry.Kind.ADMIN, action = "connector.resume")
    public ConnectorState resume(@PathParam("name") @Size(max = 63) String name) {
        found(store.setPaused(name, false), name);
        return require(name);
    }

    /** Forgets the offset: the connector reads its whole source again; only what differs is published. */
    @POST
    @Path("/{name}/reset")
    @Audited(kind = AuditEntry.Kind.ADMIN, action = "connector.reset")
    public ConnectorState reset(@PathParam("name") @Size(max = 63) String name) {
        found(store.requestReset(name), name);
        return require(name);
    }

    private ConnectorState require(String name) {
        return store.find(name, host.stoppedAfter()).orElseThrow(() -> notFound(name));
    }

    private static void found(boolean found, String name) {
        if (!found) {
            throw notFound(name);
        }
    }

    private static ProblemException notFound(String name) {
        return new ProblemException(ProblemType.CONNECTOR_NOT_FOUND, "No connector is named '" + name + "'.");
    }
}
