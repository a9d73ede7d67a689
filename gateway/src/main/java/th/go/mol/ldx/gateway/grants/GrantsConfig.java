package th.go.mol.ldx.gateway.grants;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How long a replica holds the approved grants that every read asks for. */
@ConfigMapping(prefix = "ldx.grants")
public interface GrantsConfig {

    /**
     * How long an agency's approved grants on a dataset are held before they are read again. A grant decided on
     * another replica takes effect here within this time, and a revoked grant must be refused within 5 s: at most
     * 4 s, checked at start-up. The replica that decides a grant forgets what it held at once.
     */
    @WithDefault("1s")
    Duration cacheTtl();
}
