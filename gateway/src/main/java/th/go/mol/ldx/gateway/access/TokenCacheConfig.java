package th.go.mol.ldx.gateway.access;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Duration;

/** The bearer tokens already verified that a gateway keeps ({@link VerifiedTokens}). */
@ConfigMapping(prefix = "ldx.access.token-cache")
public interface TokenCacheConfig {

    /**
     * How long a verified token is accepted again without its signature being checked, at most until it expires.
     * It bounds how long a token signed with a key the realm has since withdrawn keeps working here; a revoked
     * credential is refused whatever this says. 0 turns the cache off.
     */
    @WithDefault("60s")
    Duration ttl();

    /**
     * The most tokens kept (a few KiB of heap each): clients reuse a token for its lifetime, so a national exchange's
     * credentials need a few hundred to a few thousand.
     */
    @WithDefault("2000")
    @Min(0)
    @Max(1_000_000)
    int maxSize();
}
