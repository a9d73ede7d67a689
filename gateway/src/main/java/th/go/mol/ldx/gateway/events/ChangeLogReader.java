package th.go.mol.ldx.gateway.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import th.go.mol.ldx.gateway.db.Sql;
import th.go.mol.ldx.gateway.records.RecordStore;
import th.go.mol.ldx.gateway.records.StoredRecord;

/**
 * The relay's view of the change log and the records: how far each dataset has got, the changes after a given
 * sequence, and the records a back-fill reads a chunk at a time.
 */
@ApplicationScoped
public class ChangeLogReader {

    /**
     * Records in key order after a key, read in one statement together with the dataset's sequence: the rows are
     * exactly the dataset as of {@code snapshot} (writers bump the sequence in the transaction that changes a row).
     * {@code last} when no record follows them.
     */
    public record Chunk(long snapshot, List<StoredRecord> rows, boolean last) {

        /** The last key this chunk settles: its last row's, or none (every key) when it is the last chunk. */
        public String upTo() {
            return last ? null : rows.get(rows.size() - 1).key();
        }
    }

    /** A record's data at some sequence; null when it had been deleted by then. */
    private record StoredState(String key, JsonNode data) {
    }

    /** A row of a chunk's statement: the dataset's sequence, and a record (none when no record follows). */
    private record SnapshotRow(long snapshot, StoredRecord row) {
    }

    private final Sql sql;

    ChangeLogReader(Sql sql) {
        this.sql = sql;
    }

    /** Latest change sequence of every dataset. */
    public Map<String, Long> heads() {
        Map<String, Long> heads = new LinkedHashMap<>();
        sql.list("SELECT id, change_seq FROM dataset", rs -> Map.entry(rs.getString(1), rs.getLong(2)))
                .forEach(head -> heads.put(head.getKey(), head.getValue()));
        return heads;
    }

    /**
     * Up to {@code limit} changes after sequence {@code seq}, in order, each with the record's JSON as stored; with
     * {@code trees}, also as a tree, and with {@code previous}, each with the record's data before it (null when the
     * record did not exist).
     */
    public List<PendingChange> after(String datasetId, long seq, int limit, boolean trees, boolean previous) {
        String before = previous ? """
                (SELECT p.data FROM record_change p WHERE p.dataset_id = c.dataset_id AND p.record_key = c.record_key
                 AND p.seq < c.seq ORDER BY p.seq DESC LIMIT 1)""" : "NULL::jsonb";
        return sql.list("SELECT c.seq, c.event_id, c.record_key, c.operation, c.data::text AS data, c.changed_at, "
                + "c.schema_version, "
                + before + " AS previous FROM record_change c WHERE c.dataset_id = ? AND c.seq > ?"
                + " ORDER BY c.seq LIMIT ?",
                rs -> {
                    byte[] json = rs.getBytes("data");
                    return new PendingChange(datasetId, rs.getLong("seq"), rs.getObject("event_id", UUID.class),
                            rs.getString("record_key"), "delete".equals(rs.getString("operation")), json,
                            trees && json != null ? sql.json(json) : null,
                            rs.getObject("changed_at", OffsetDateTime.class), sql.json(rs, "previous"),
                            RecordStore.versionOf(rs.getObject("schema_version", Integer.class)));
                },
                datasetId, seq, limit);
    }

    /** Up to {@code limit} records after key {@code after} (null: from the first), as of one dataset sequence. */
    public Chunk chunk(String datasetId, String after, int limit) {
        List<SnapshotRow> read = sql.list("""
                SELECT d.change_seq AS snapshot, r.record_key, r.data, r.change_seq, r.updated_at, r.schema_version
                FROM dataset d
                LEFT JOIN LATERAL (SELECT * FROM record WHERE dataset_id = d.id AND (?::text IS NULL OR record_key > ?)
                                   ORDER BY record_key LIMIT ?) r ON true
                WHERE d.id = ?
                """, rs -> new SnapshotRow(rs.getLong("snapshot"), rs.getString("record_key") == null ? null
                        : new StoredRecord(rs.getString("record_key"), (ObjectNode) sql.json(rs, "data"),
                                rs.getLong("change_seq"), Sql.instant(rs, "updated_at"),
                                RecordStore.versionOf(rs.getObject("schema_version", Integer.class)))),
                after, after, limit, datasetId);
        if (read.isEmpty()) {
            throw new IllegalStateException("dataset " + datasetId + " vanished during a back-fill");
        }
        List<StoredRecord> rows = read.stream().map(SnapshotRow::row).filter(Objects::nonNull).toList();
        return new Chunk(read.get(0).snapshot(), rows, rows.size() < limit);
    }

    /**
     * The data of every record whose key is after {@code after} and up to {@code upTo} (null: no bound), as it was
     * at sequence {@code position}; records that did not exist then are left out.
     */
    public Map<String, JsonNode> statesAt(String datasetId, String after, String upTo, long position) {
        Map<String, JsonNode> states = new HashMap<>();
        sql.list("""
                SELECT DISTINCT ON (record_key) record_key, data FROM record_change
                WHERE dataset_id = ? AND (?::text IS NULL OR record_key > ?) AND (?::text IS NULL OR record_key <= ?)
                  AND seq <= ?
                ORDER BY record_key, seq DESC
                """, rs -> new StoredState(rs.getString("record_key"), sql.json(rs, "data")),
                datasetId, after, after, upTo, upTo, position).stream()
                .filter(state -> state.data() != null).forEach(state -> states.put(state.key(), state.data()));
        return states;
    }
}
