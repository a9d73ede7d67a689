package th.go.mol.ldx.gateway.grants;

import io.smallrye.config.ConfigMapping;

/** The secret behind pseudonyms. */
@ConfigMapping(prefix = "ldx.pseudonym")
public interface PseudonymConfig {

    /** HMAC key, at least 32 bytes; rotating it changes every pseudonym that every agency holds. */
    String key();
}
