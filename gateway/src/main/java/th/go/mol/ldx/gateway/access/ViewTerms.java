package th.go.mol.ldx.gateway.access;

import java.util.Set;

/**
 * The terms of a grant that decide what its agency sees of a record: the fields (the record key is added by the
 * policy), the rows, whether national IDs reach it identified, and, when they do not, the version of the agency's
 * pseudonym key. Purposes and validity decide whether it may look at all, not what it sees. A projection of a
 * dataset onto an agency topic changes when these change: a key rotated is a topic back-filled.
 */
public record ViewTerms(String agency, Set<String> fields, RowFilter rows, boolean identified, int pseudonymKey) {

    public ViewTerms {
        fields = Set.copyOf(fields);
        // Identified, no pseudonym is shown, so no rotation changes what the agency sees. A checkpoint written before
        // key versions existed holds none (0): its pseudonyms came from the old derivation, so the topic is back-filled.
        pseudonymKey = identified ? 1 : pseudonymKey;
    }
}
