package th.go.mol.ldx.gateway.grants;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * One step in a grant's history: what happened, who did it (a client id, or {@code ldx} for what the clock did:
 * {@code activated}, {@code expired}) and when, with the decider's note.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GrantEvent(String action, String by, Instant at, String note) {

    /** The actor of what follows from time alone. */
    public static final String CLOCK = "ldx";
}
