package th.go.mol.ldx.gateway.access;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.Size;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The master secret every agency's pseudonym key derives from ({@code security.Pseudonymiser}), given once: as a
 * file (production: a mounted Kubernetes secret, never a value in git) or inline (development and tests).
 */
@ConfigMapping(prefix = "ldx.pseudonym")
public interface PseudonymConfig {

    /** The master secret as text, at least 32 characters; not together with {@link #keyFile}. */
    Optional<@Size(min = 32) String> key();

    /** A file holding the master secret (its bytes, a final line break dropped): what production gives. */
    Optional<Path> keyFile();
}
