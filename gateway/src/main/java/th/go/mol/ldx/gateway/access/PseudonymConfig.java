package th.go.mol.ldx.gateway.access;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.Size;

/** The secret behind pseudonyms. */
@ConfigMapping(prefix = "ldx.pseudonym")
public interface PseudonymConfig {

    /**
     * HMAC key, at least 32 characters; the gateway refuses to start with a shorter one. Rotating it changes every
     * pseudonym that every agency holds.
     */
    @Size(min = 32)
    String key();
}
