package th.go.mol.ldx.gateway.access;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import th.go.mol.ldx.security.PseudonymSecret;
import th.go.mol.ldx.security.Pseudonymiser;

/**
 * The pseudonyms of every agency, from the master secret read once at start: a gateway whose secret is missing,
 * given twice or guessable does not start, and says which setting to fix. Only development mode
 * ({@code quarkus:dev}, whose default key is a placeholder) skips the strength check; no setting turns it off.
 */
@Singleton
@Startup
public class PseudonymKeys {

    private final Pseudonymiser pseudonymiser;

    PseudonymKeys(PseudonymConfig config) {
        PseudonymSecret secret = secretOf(config);
        if (LaunchMode.current() != LaunchMode.DEVELOPMENT) {
            secret.weakness().ifPresent(weakness -> {
                throw new IllegalStateException("ldx.pseudonym: the master secret is not fit to protect national IDs: "
                        + weakness + "; give " + (config.keyFile().isPresent() ? "ldx.pseudonym.key-file" : "ldx.pseudonym.key")
                        + " a fresh secret (for example: openssl rand -base64 48)");
            });
        }
        this.pseudonymiser = new Pseudonymiser(secret.bytes());
    }

    Pseudonymiser pseudonymiser() {
        return pseudonymiser;
    }

    private static PseudonymSecret secretOf(PseudonymConfig config) {
        if (config.key().isPresent() == config.keyFile().isPresent()) {
            throw new IllegalStateException("ldx.pseudonym: give the master secret once, as ldx.pseudonym.key-file "
                    + "(LDX_PSEUDONYM_KEY_FILE) or as ldx.pseudonym.key (LDX_PSEUDONYM_KEY)");
        }
        if (config.key().isPresent()) {
            return PseudonymSecret.of(config.key().get());
        }
        try {
            byte[] bytes = Files.readAllBytes(config.keyFile().get());
            int end = bytes.length;
            while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
                end--;
            }
            PseudonymSecret secret = PseudonymSecret.of(Arrays.copyOf(bytes, end));
            Arrays.fill(bytes, (byte) 0);
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("ldx.pseudonym.key-file: cannot read " + config.keyFile().get(), e);
        }
    }
}
