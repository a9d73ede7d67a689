package th.go.mol.ldx.gateway.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import th.go.mol.ldx.connector.RecordChange;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.db.Sql;
import th.go.mol.ldx.gateway.events.ChangeSignal;
import th.go.mol.ldx.gateway.ingest.ChangeReceipt.Outcome;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * Applies changes to the current records and appends them to the dataset's change log in one transaction.
 * The change log is the transactional outbox that the relay publishes to Kafka. A batch costs the same statements
 * whatever its size. Before the dataset's write lock, its records are parsed into a temporary table of the
 * transaction ({@link #stage}: keys and data travel as {@code unnest} arrays, each record's JSON is parsed once).
 * Under the lock: the lock, the plan setting, one statement that compares every change with the stored record and
 * writes the change log and the records, and the notification that wakes the relays. Parsing was a fifth of the
 * time a batch held the lock, and the lock is what a dataset's publishers queue for (ADR 011).
 */
@ApplicationScoped
public class ChangeLog {

    /**
     * Per change, in order: compare with the stored record (an upsert equal to it, by {@code jsonb} equality, and a
     * delete of a missing record change nothing), give every real change the next sequence, write it to the change
     * log, delete or upsert the record, and move the dataset's sequence, record count and last change time. The
     * data-modifying parts all read the same {@code changed} rows; each runs once, to completion. Stored records are
     * reached by their key only (a lateral lookup, a key array), never by a join the planner may turn around: for a
     * dataset newer than PostgreSQL's statistics it expected one record, read every record of the dataset for each
     * batch, and a batch into a dataset of 100,000 records took seconds under its write lock.
     */
    private static final String WRITE = """
            WITH compared AS (
                SELECT i.n, i.k, i.j, r.change_seq IS NOT NULL AS existed, r.change_seq AS version,
                       coalesce(r.data = i.j, false) AS same
                FROM change_batch i
                LEFT JOIN LATERAL (SELECT change_seq, data FROM record
                                   WHERE dataset_id = ? AND record_key = i.k LIMIT 1) r ON true),
            changed AS MATERIALIZED (
                SELECT n, k, j, existed, gen_random_uuid() AS event_id, ?::bigint + row_number() OVER (ORDER BY n) AS seq
                FROM compared WHERE CASE WHEN j IS NULL THEN existed ELSE NOT same END),
            logged AS (
                INSERT INTO record_change
                    (dataset_id, seq, event_id, record_key, operation, data, changed_at, changed_by, schema_version)
                SELECT ?, seq, event_id, k, CASE WHEN j IS NULL THEN 'delete' ELSE 'upsert' END, j, ?, ?,
                       CASE WHEN j IS NULL THEN NULL ELSE ?::integer END FROM changed),
            removed AS (
                DELETE FROM record
                WHERE dataset_id = ? AND record_key = ANY (ARRAY(SELECT k FROM changed WHERE j IS NULL))),
            upserted AS (
                INSERT INTO record (dataset_id, record_key, data, change_seq, updated_at, schema_version)
                SELECT ?, k, j, seq, ?, ?::integer FROM changed WHERE j IS NOT NULL
                ON CONFLICT (dataset_id, record_key)
                DO UPDATE SET data = EXCLUDED.data, change_seq = EXCLUDED.change_seq, updated_at = EXCLUDED.updated_at,
                    schema_version = EXCLUDED.schema_version),
            bumped AS (
                UPDATE dataset SET change_seq = change_seq + (SELECT count(*) FROM changed),
                    record_count = record_count + (SELECT count(*) FILTER (WHERE j IS NOT NULL AND NOT existed)
                                                          - count(*) FILTER (WHERE j IS NULL) FROM changed),
                    last_change_at = ?
                WHERE id = ? AND EXISTS (SELECT 1 FROM changed))
            SELECT c.n, c.existed, c.version, ch.seq, ch.event_id
            FROM compared c LEFT JOIN changed ch ON ch.n = c.n
            ORDER BY c.n
            """;

    private final Sql sql;
    private final ObjectMapper json;

    ChangeLog(Sql sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json;
    }

    /**
     * A change as the change log writes it: the record's key and, for an upsert, the record as JSON text in UTF-8
     * (null: a delete). The batch API hands over each record's text as it was sent, so a record is not written out
     * again between its request and PostgreSQL.
     */
    public record Write(String key, byte[] json) {
    }

    /**
     * Takes the dataset's write lock until the transaction ends and answers its change sequence. The row lock orders
     * the writers of a dataset: sequence order is commit order, so the relay never skips one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long lock(String datasetId) {
        return head(datasetId).seq();
    }

    /**
     * Parses the records of changes into this transaction's {@code change_batch}, for {@link #writeStaged}; takes no
     * lock. The table is the connection's and emptied at every commit; staging again in the same transaction
     * replaces what was staged before, so a second write of one transaction never writes the first one's changes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void stage(List<Write> changes) {
        String[] keys = new String[changes.size()];
        byte[][] data = new byte[changes.size()][];
        Set<String> distinct = new HashSet<>(keys.length * 4 / 3 + 1);
        for (int i = 0; i < keys.length; i++) {
            keys[i] = changes.get(i).key();
            data[i] = changes.get(i).json();
            if (!distinct.add(keys[i])) {
                // One statement writes them all: two changes of one record would leave it undefined.
                throw new IllegalArgumentException("the changes of one write are to distinct records");
            }
        }
        sql.update("""
                CREATE TEMPORARY TABLE IF NOT EXISTS change_batch (n bigint, k text, j jsonb) ON COMMIT DELETE ROWS
                """);
        sql.update("""
                WITH replaced AS (DELETE FROM change_batch)
                INSERT INTO change_batch (n, k, j)
                SELECT n, k, convert_from(d, 'UTF8')::jsonb
                FROM unnest(?::text[], ?::bytea[]) WITH ORDINALITY AS t(k, d, n)
                """, keys, data);
    }

    /** The dataset's sequence and schema version, under its write lock. */
    private record Head(long seq, int schemaVersion, JsonNode personalDataFields) {
    }

    private Head head(String datasetId) {
        return sql.one("SELECT change_seq, schema_version, personal_data_fields FROM dataset WHERE id = ? FOR UPDATE",
                        rs -> new Head(rs.getLong(1), rs.getInt(2), sql.json(rs, "personal_data_fields")), datasetId)
                .orElseThrow(() -> new IllegalStateException("dataset " + datasetId + " vanished during a change"));
    }

    /**
     * Applies changes to distinct records in their order; answers a receipt per change. An upsert of a record
     * exactly as stored is {@code unchanged} and a delete of a missing record {@code absent}: neither writes a change.
     */
    @Transactional
    public List<ChangeReceipt> apply(Dataset dataset, List<RecordChange> changes, String changedBy) {
        return write(dataset, changes.stream().map(this::write).toList(), changedBy);
    }

    /**
     * As {@link #apply}, for changes whose records are JSON text already. The records were checked against the
     * schema version that {@code dataset} holds: if the dataset has another by the time the lock is taken, nothing is
     * written and the caller is told to retry (the records are logged with the version they were checked against).
     */
    @Transactional
    public List<ChangeReceipt> write(Dataset dataset, List<Write> changes, String changedBy) {
        stage(changes);
        return writeStaged(dataset, changes, changedBy);
    }

    /** As {@link #write}, for changes that this transaction has {@link #stage staged}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ChangeReceipt> writeStaged(Dataset dataset, List<Write> changes, String changedBy) {
        String datasetId = dataset.id();
        Head head = head(datasetId);
        // Records are checked for national IDs where none is declared against the declarations read with the
        // definition: a redefinition committed since may have taken one away, whose place these records fill.
        if (head.schemaVersion() != dataset.schemaVersion()
                || !head.personalDataFields().equals(json.valueToTree(dataset.personalDataFields()))) {
            throw new ProblemException(ProblemType.SCHEMA_CHANGED, "Dataset '" + datasetId + "' was redefined (schema "
                    + "version " + head.schemaVersion() + ", checked against " + dataset.schemaVersion() + ", or its "
                    + "personal-data declarations) while these records were checked; nothing was written: send them "
                    + "again.");
        }
        long seq = head.seq();
        Instant now = Sql.stored(Instant.now());
        // Planned for this batch, never from the plan cache: a generic plan would keep the size of the staged batch
        // it was first made for. A guard, not the measured fix (that is the key-only reach above): the slow plan
        // auto_explain showed was a custom one.
        sql.update("SET LOCAL plan_cache_mode = force_custom_plan");
        List<ChangeReceipt> receipts = sql.list(WRITE, rs -> {
            Write change = changes.get(rs.getInt("n") - 1);
            String key = change.key();
            boolean upsert = change.json() != null;
            long written = rs.getLong("seq");
            if (rs.wasNull()) {
                return upsert ? new ChangeReceipt(key, Outcome.UNCHANGED, rs.getLong("version"), null)
                        : new ChangeReceipt(key, Outcome.ABSENT, 0, null);
            }
            Outcome outcome = !upsert ? Outcome.DELETED : rs.getBoolean("existed") ? Outcome.UPDATED : Outcome.CREATED;
            return new ChangeReceipt(key, outcome, written, rs.getObject("event_id", UUID.class));
        }, datasetId, seq, datasetId, now, changedBy, head.schemaVersion(), datasetId, datasetId, now,
                head.schemaVersion(), now, datasetId);
        if (receipts.stream().anyMatch(receipt -> receipt.eventId() != null)) {
            // Delivered at commit (once per transaction and dataset), it wakes the relay of every gateway.
            sql.list("SELECT pg_notify('" + ChangeSignal.CHANNEL + "', ?)", rs -> null, datasetId);
        }
        return receipts;
    }

    private Write write(RecordChange change) {
        try {
            return new Write(change.key(),
                    change instanceof RecordChange.Upsert upsert ? json.writeValueAsBytes(upsert.data()) : null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record always serialises", e);
        }
    }
}
