package th.go.mol.ldx.gateway.credentials;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Locale;

/**
 * A credential LDX issued to an organisation: a Keycloak client for the client-credentials grant, one per system
 * of the organisation. Its client id is {@code <organisation>.<name>}. The secret is never kept by LDX: it is
 * shown once, when issued or rotated. Tokens issued before {@code tokensValidFrom} are refused by every replica.
 */
public record Credential(String clientId, String organisationId, String name, String description, String tier,
        Status status, Instant createdAt, String createdBy, Instant secretRotatedAt, Instant statusChangedAt,
        Instant lastUsedAt, Instant tokensValidFrom, @JsonIgnore String keycloakId) {

    public enum Status {
        ACTIVE, DISABLED, DELETED;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status ofCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    /** What an administrator asks for: the system the credential is for, and for an agency its limits tier. */
    public record Request(
            @NotNull @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,39}", message = "must be 1 to 40 lower-case letters, digits "
                    + "and hyphens") String name,
            @Size(max = 500) String description,
            @Pattern(regexp = "[a-z0-9-]{1,40}") String tier) {
    }

    /**
     * A credential with its secret, the only time LDX shows it: at issue and at rotation. The agency's systems use
     * it at {@code tokenUrl}; an agency also uses it for Kafka, asking for the scope {@code kafkaScope}.
     */
    public record Issued(Credential credential, String clientSecret, String tokenUrl, String kafkaScope) {
    }

    public boolean deleted() {
        return status == Status.DELETED;
    }
}
