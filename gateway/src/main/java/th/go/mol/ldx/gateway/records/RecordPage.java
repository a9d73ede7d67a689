package th.go.mol.ldx.gateway.records;

import java.util.List;

/** One page of records in key order, and the cursor of the next page ({@code null} on the last page). */
public record RecordPage(List<StoredRecord> items, String next) {
}
