package th.go.mol.ldx.gateway.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import th.go.mol.ldx.connector.RecordChange;
import th.go.mol.ldx.gateway.db.Sql;
import th.go.mol.ldx.gateway.events.ChangeSignal;
import th.go.mol.ldx.gateway.ingest.ChangeReceipt.Outcome;

/**
 * Applies changes to the current records and appends them to the dataset's change log in one transaction.
 * The change log is the transactional outbox that the relay publishes to Kafka. A batch costs a fixed number of
 * statements whatever its size: the arrays of keys, data and sequences travel as {@code unnest} parameters.
 */
@ApplicationScoped
public class ChangeLog {

    private final Sql sql;
    private final ObjectMapper json;

    ChangeLog(Sql sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json;
    }

    /**
     * Takes the dataset's write lock until the transaction ends and answers its change sequence. The row lock orders
     * the writers of a dataset: sequence order is commit order, so the relay never skips one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long lock(String datasetId) {
        return sql.one("SELECT change_seq FROM dataset WHERE id = ? FOR UPDATE", rs -> rs.getLong(1), datasetId)
                .orElseThrow(() -> new IllegalStateException("dataset " + datasetId + " vanished during a change"));
    }

    /**
     * Applies changes to distinct records in their order; answers a receipt per change. An upsert of a record
     * exactly as stored is {@code unchanged} and a delete of a missing record {@code absent}: neither writes a change.
     */
    @Transactional
    public List<ChangeReceipt> apply(String datasetId, List<RecordChange> changes, String changedBy) {
        long seq = lock(datasetId);
        String[] keys = new String[changes.size()];
        String[] data = new String[changes.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = changes.get(i).key();
            data[i] = changes.get(i) instanceof RecordChange.Upsert upsert ? text(upsert) : null;
        }
        Map<String, Stored> stored = stored(datasetId, keys, data);

        Instant now = Sql.stored(Instant.now());
        Writes writes = new Writes();
        List<ChangeReceipt> receipts = new ArrayList<>(keys.length);
        for (int i = 0; i < keys.length; i++) {
            Stored current = stored.get(keys[i]);
            boolean upsert = data[i] != null;
            if (upsert && current != null && current.same()) {
                receipts.add(new ChangeReceipt(keys[i], Outcome.UNCHANGED, current.version(), null));
            } else if (!upsert && current == null) {
                receipts.add(new ChangeReceipt(keys[i], Outcome.ABSENT, 0, null));
            } else {
                UUID eventId = writes.add(keys[i], data[i], ++seq);
                Outcome outcome = !upsert ? Outcome.DELETED : current == null ? Outcome.CREATED : Outcome.UPDATED;
                receipts.add(new ChangeReceipt(keys[i], outcome, seq, eventId));
            }
        }
        if (!writes.isEmpty()) {
            writes.apply(datasetId, seq, now, changedBy);
        }
        return receipts;
    }

    /** A record as stored: its version, and whether it equals the upsert's data ({@code jsonb} equality). */
    private record Stored(boolean same, long version) {
    }

    private Map<String, Stored> stored(String datasetId, String[] keys, String[] data) {
        return sql.list("""
                SELECT i.k, r.data = i.d::jsonb, r.change_seq
                FROM unnest(?::text[], ?::text[]) AS i(k, d)
                JOIN record r ON r.dataset_id = ? AND r.record_key = i.k
                """, rs -> Map.entry(rs.getString(1), new Stored(rs.getBoolean(2), rs.getLong(3))), keys, data, datasetId)
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** The rows a batch writes, gathered so that each table takes one statement. */
    private final class Writes {

        private final List<String> keys = new ArrayList<>();
        private final List<String> data = new ArrayList<>();
        private final List<Long> sequences = new ArrayList<>();
        private final List<UUID> eventIds = new ArrayList<>();

        UUID add(String key, String recordData, long seq) {
            UUID eventId = UUID.randomUUID();
            keys.add(key);
            data.add(recordData);
            sequences.add(seq);
            eventIds.add(eventId);
            return eventId;
        }

        boolean isEmpty() {
            return keys.isEmpty();
        }

        void apply(String datasetId, long lastSeq, Instant now, String changedBy) {
            List<String> deleteKeys = new ArrayList<>();
            String[] operations = new String[keys.size()];
            for (int i = 0; i < keys.size(); i++) {
                operations[i] = data.get(i) == null ? "delete" : "upsert";
                if (data.get(i) == null) {
                    deleteKeys.add(keys.get(i));
                }
            }
            if (!deleteKeys.isEmpty()) {
                sql.update("DELETE FROM record WHERE dataset_id = ? AND record_key = ANY(?::text[])", datasetId,
                        deleteKeys.toArray(String[]::new));
            }
            // One statement writes the change log and the records from it: each record's JSON is parsed once for both.
            sql.list("""
                    WITH changes AS (
                        INSERT INTO record_change (dataset_id, seq, event_id, record_key, operation, data, changed_at, changed_by)
                        SELECT ?, s, e, k, o, d::jsonb, ?, ?
                        FROM unnest(?::bigint[], ?::uuid[], ?::text[], ?::text[], ?::text[]) AS t(s, e, k, o, d)
                        RETURNING dataset_id, record_key, data, seq, changed_at, operation)
                    INSERT INTO record (dataset_id, record_key, data, change_seq, updated_at)
                    SELECT dataset_id, record_key, data, seq, changed_at FROM changes WHERE operation = 'upsert'
                    ON CONFLICT (dataset_id, record_key)
                    DO UPDATE SET data = EXCLUDED.data, change_seq = EXCLUDED.change_seq, updated_at = EXCLUDED.updated_at
                    RETURNING 1
                    """, rs -> null, datasetId, now, changedBy, sequences.toArray(Long[]::new),
                    eventIds.toArray(UUID[]::new), keys.toArray(String[]::new), operations, data.toArray(String[]::new));
            sql.update("UPDATE dataset SET change_seq = ? WHERE id = ?", lastSeq, datasetId);
            // Delivered at commit (once per transaction and dataset), it wakes the relay of every gateway.
            sql.list("SELECT pg_notify('" + ChangeSignal.CHANNEL + "', ?)", rs -> null, datasetId);
        }
    }

    private String text(RecordChange.Upsert upsert) {
        try {
            return json.writeValueAsString(upsert.data());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record always serialises", e);
        }
    }
}
