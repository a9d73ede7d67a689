package th.go.mol.ldx.gateway.access;

import java.util.Set;

/**
 * The terms of a grant that decide what its agency sees of a record: the fields (the record key is added by the
 * policy), the rows, and whether national IDs reach it identified. Purposes and validity decide whether it may
 * look at all, not what it sees. A projection of a dataset onto an agency topic changes when these change.
 */
public record ViewTerms(String agency, Set<String> fields, RowFilter rows, boolean identified) {

    public ViewTerms {
        fields = Set.copyOf(fields);
    }
}
