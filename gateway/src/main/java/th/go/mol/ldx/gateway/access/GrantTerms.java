package th.go.mol.ldx.gateway.access;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What an approved grant lets one agency see of one dataset: which fields (the record key always), which rows,
 * for which purposes, whether national IDs reach it identified (else as its pseudonyms under the version
 * {@code pseudonymKey} of its key), when, and from which change on as history ({@code historyAfter}, the dataset's
 * sequence at its approval). The policy reads nothing else of a grant.
 */
public record GrantTerms(UUID id, String agency, String datasetId, Set<String> fields, RowFilter rows,
        List<String> purposes, boolean identified, Instant validFrom, Instant validUntil, int pseudonymKey,
        long historyAfter) {

    public GrantTerms {
        fields = Set.copyOf(fields);
        purposes = List.copyOf(purposes);
    }

    public ViewTerms view() {
        return new ViewTerms(agency, fields, rows, identified, pseudonymKey);
    }

    /** In effect from {@code validFrom} (inclusive) until {@code validUntil} (exclusive). */
    public boolean inEffectAt(Instant time) {
        return !time.isBefore(validFrom) && time.isBefore(validUntil);
    }
}
