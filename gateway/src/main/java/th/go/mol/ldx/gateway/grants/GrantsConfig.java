package th.go.mol.ldx.gateway.grants;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;

/** How long a replica holds the approved grants that every read asks for. */
@ConfigMapping(prefix = "ldx.grants")
public interface GrantsConfig {

    /**
     * How long an agency's approved grants on a dataset are held before they are read again. A grant decided on
     * another replica takes effect here within this time, and a revoked grant must be refused within 5 s: at most
     * 4 s, so that the rest of the way fits, checked when the gateway starts (a constraint of its configuration,
     * which Quarkus validates then: a check in the bean that holds the grants ran only at the first read). The
     * replica that decides a grant forgets what it held at once.
     */
    @WithDefault("1s")
    @DurationMax(seconds = 4)
    Duration cacheTtl();
}
