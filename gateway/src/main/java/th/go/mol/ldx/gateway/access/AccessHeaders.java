package th.go.mol.ldx.gateway.access;

import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Tells a reader which grant, and which of its purposes, served its answer. */
public class AccessHeaders {

    /** The request header in which a reader states the purpose of a read. */
    public static final String PURPOSE = "LDX-Purpose";
    /** The response header naming the grant that served a read. */
    public static final String GRANT = "LDX-Grant";

    private final AccessContext context;

    AccessHeaders(AccessContext context) {
        this.context = context;
    }

    @ServerResponseFilter
    public void repeat(ContainerResponseContext response) {
        context.grantId().ifPresent(id -> response.getHeaders().putSingle(GRANT, id.toString()));
        context.purpose().ifPresent(purpose -> response.getHeaders().putSingle(PURPOSE, purpose));
    }
}
