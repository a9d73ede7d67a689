package th.go.mol.ldx.gateway.grants;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.util.Locale;

/**
 * Where a grant is in its life. {@code requested}, {@code rejected}, {@code revoked} and {@code superseded} are
 * stored; an approved grant is {@code scheduled}, {@code active} or {@code expired} by its validity against the clock,
 * so expiry needs no job and holds on every replica at once.
 */
public enum GrantState {
    REQUESTED, REJECTED, SCHEDULED, ACTIVE, EXPIRED, REVOKED, SUPERSEDED;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stored statuses. */
    enum Status {
        REQUESTED, APPROVED, REJECTED, REVOKED, SUPERSEDED;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Status ofCode(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }

    static GrantState of(Status status, Instant validFrom, Instant validUntil, Instant now) {
        return switch (status) {
            case REQUESTED -> REQUESTED;
            case REJECTED -> REJECTED;
            case REVOKED -> REVOKED;
            case SUPERSEDED -> SUPERSEDED;
            case APPROVED -> now.isBefore(validFrom) ? SCHEDULED : now.isBefore(validUntil) ? ACTIVE : EXPIRED;
        };
    }

    /** An approved grant that can still take effect or is in effect: what approval of another one supersedes. */
    boolean current() {
        return this == SCHEDULED || this == ACTIVE;
    }
}
