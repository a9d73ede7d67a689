package th.go.mol.ldx.gateway.credentials;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Locale;
import th.go.mol.ldx.gateway.access.Roles;
import th.go.mol.ldx.gateway.catalog.LocalizedText;

/**
 * A party LDX gives credentials to: a partner agency that reads, or an owner department of the ministry that
 * publishes. Its id is the name its credentials and Kafka topics carry.
 */
public record Organisation(String id, Kind kind, LocalizedText name, Contact contact, Instant registeredAt,
        Instant updatedAt, PseudonymKey pseudonymKey) {

    /**
     * The version of the key the organisation's pseudonyms derive from, and when it was last rotated (null: never).
     * A rotation gives it new pseudonyms of everyone, unrelated to those it held.
     */
    public record PseudonymKey(int version, Instant rotatedAt) {
    }

    /**
     * A partner agency (reads what it is granted), an owner department (publishes its datasets), or LDX's own
     * administration (catalog, grants, credentials, audit). The kind decides the role of its credentials.
     */
    public enum Kind {
        AGENCY(Roles.PARTNER), DEPARTMENT(Roles.OWNER), ADMINISTRATION(Roles.ADMIN);

        private final String role;

        Kind(String role) {
            this.role = role;
        }

        /** The realm role the credentials of an organisation of this kind carry. */
        public String role() {
            return role;
        }

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind ofCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    /** Whom the ministry calls about this party's access: a person or a desk, with an e-mail and a phone. */
    public record Contact(@NotBlank @Size(max = 200) String name, @NotBlank @Email @Size(max = 320) String email,
            @Size(max = 40) @Pattern(regexp = "[0-9+() -]*", message = "must be a phone number") String phone) {
    }

    /** What an administrator registers; the id is in the path. */
    public record Registration(@NotNull Kind kind, @NotNull @Valid LocalizedText name, @NotNull @Valid Contact contact) {
    }
}
