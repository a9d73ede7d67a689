package th.go.mol.ldx.gateway.grants;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import th.go.mol.ldx.gateway.access.GrantTerms;
import th.go.mol.ldx.gateway.access.RowFilter;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * An agency's access to a dataset, with its whole history: the fields it sees (the record key always), the rows
 * ({@code {}} is every row), the purposes it may read for, whether national IDs reach it identified, its validity
 * ({@code validFrom} inclusive, {@code validUntil} exclusive) and its state. Once approved, {@code historyAfter} is
 * the dataset's sequence at its approval: its change feed begins after it.
 */
public record Grant(UUID id, String agency, String datasetId, List<String> fields, RowFilter rows, List<String> purposes,
        boolean identified, Instant validFrom, Instant validUntil, GrantState state, List<GrantEvent> history,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long historyAfter) {

    /** The id in a path; text that is no UUID names no grant. */
    public static UUID idOf(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.GRANT_NOT_FOUND, "There is no grant " + id + " that you may see.");
        }
    }

    /** Decisions after which a grant serves no more. */
    private static final Set<String> ENDINGS = Set.of("revoked", "superseded");

    /**
     * A stored grant and its stored events, read at {@code now}: the clock's steps join the history. A grant
     * approved before its validity becomes active at {@code validFrom} (unless a decision ended it before); an
     * approved grant expires at {@code validUntil}.
     */
    static Grant of(Stored stored, List<GrantEvent> events, Instant now) {
        GrantState state = GrantState.of(stored.status(), stored.validFrom(), stored.validUntil(), now);
        List<GrantEvent> history = new ArrayList<>(events);
        Instant approvedAt = events.stream().filter(e -> e.action().equals("approved")).map(GrantEvent::at)
                .findFirst().orElse(null);
        Instant endedAt = events.stream().filter(e -> ENDINGS.contains(e.action())).map(GrantEvent::at)
                .findFirst().orElse(Instant.MAX);
        Instant from = stored.validFrom();
        if (approvedAt != null && from.isAfter(approvedAt) && !now.isBefore(from) && endedAt.isAfter(from)) {
            history.add(new GrantEvent("activated", GrantEvent.CLOCK, from, null));
        }
        if (state == GrantState.EXPIRED) {
            history.add(new GrantEvent("expired", GrantEvent.CLOCK, stored.validUntil(), null));
        }
        history.sort(Comparator.comparing(GrantEvent::at));
        return new Grant(stored.id(), stored.agency(), stored.datasetId(), stored.fields(), stored.rows(),
                stored.purposes(), stored.identified(), stored.validFrom(), stored.validUntil(), state, List.copyOf(history),
                stored.historyAfter());
    }

    /** A grant as its row holds it. */
    record Stored(UUID id, String agency, String datasetId, List<String> fields, RowFilter rows, List<String> purposes,
            boolean identified, Instant validFrom, Instant validUntil, GrantState.Status status, Long historyAfter) {

        /** The terms the policy reads, its agency's pseudonyms under version {@code pseudonymKey} of its key. */
        GrantTerms terms(int pseudonymKey) {
            return terms(pseudonymKey, historyAfter == null ? 0 : historyAfter);
        }

        /** The same, its history beginning after {@code historyFrom} (as the policy's query works it out). */
        GrantTerms terms(int pseudonymKey, long historyFrom) {
            return new GrantTerms(id, agency, datasetId, new LinkedHashSet<>(fields), rows, purposes, identified,
                    validFrom, validUntil, pseudonymKey, historyFrom);
        }
    }
}
