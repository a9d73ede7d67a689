package th.go.mol.ldx.gateway.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.db.Sql;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * Applies a batch at most once per {@code Idempotency-Key} and dataset: the receipt is stored in the batch's own
 * transaction, so a retry after a lost answer, or two copies sent at once, answer the first receipt. The dataset's
 * write lock, taken before the key is looked up, makes the second copy wait for the first to commit.
 */
@ApplicationScoped
public class IdempotencyKeys {

    /** A client's key for a request, with the hash of that request's body. */
    public record Idempotency(String key, String requestHash) {
    }

    /**
     * The receipt of a batch as the UTF-8 JSON it is answered in (a batch of 10,000 changes answers about 1.5 MB, so
     * it is written out once, and a replay answers it as stored), and whether it was applied earlier under the key.
     */
    public record Applied(byte[] receipt, boolean replayed) {
    }

    private record Earlier(String requestHash, byte[] receipt) {
    }

    private final ChangeLog changes;
    private final Sql sql;
    private final ObjectMapper json;
    private final IngestConfig config;

    IdempotencyKeys(ChangeLog changes, Sql sql, ObjectMapper json, IngestConfig config) {
        this.changes = changes;
        this.sql = sql;
        this.json = json;
        this.config = config;
    }

    /**
     * The receipt of the batch applied earlier under this key, if any, read without waiting for a writer. A retry
     * answers it without being checked again: checked against a schema version published since, the batch that was
     * applied could be refused.
     */
    @Transactional
    public Optional<Applied> earlier(String datasetId, Idempotency idempotency) {
        return find(datasetId, idempotency, Sql.stored(Instant.now()));
    }

    /**
     * Writes a batch's changes unless a batch was applied under this key: then answers that one's receipt. Its
     * records are staged before the lock (ChangeLog), the key is looked up under it.
     */
    @Transactional
    public Applied applyOnce(Dataset dataset, Idempotency idempotency, List<ChangeLog.Write> writes,
            String changedBy) {
        String datasetId = dataset.id();
        changes.stage(writes);
        changes.lock(datasetId);
        Instant now = Sql.stored(Instant.now());
        Optional<Applied> earlier = find(datasetId, idempotency, now);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        byte[] receipt = BatchReceipt.of(changes.writeStaged(dataset, writes, changedBy)).json(json);
        Instant oldestKept = now.minus(config.idempotencyRetention());
        sql.update("DELETE FROM ingest_batch WHERE dataset_id = ? AND created_at < ?", datasetId, oldestKept);
        sql.update("""
                INSERT INTO ingest_batch (dataset_id, idempotency_key, request_hash, receipt, created_at)
                VALUES (?, ?, ?, convert_from(?, 'UTF8'), ?)
                """, datasetId, idempotency.key(), idempotency.requestHash(), receipt, now);
        return new Applied(receipt, false);
    }

    private Optional<Applied> find(String datasetId, Idempotency idempotency, Instant now) {
        Optional<Earlier> earlier = sql.one("""
                SELECT request_hash, receipt FROM ingest_batch
                WHERE dataset_id = ? AND idempotency_key = ? AND created_at >= ?
                """, rs -> new Earlier(rs.getString(1), rs.getBytes(2)), datasetId, idempotency.key(),
                now.minus(config.idempotencyRetention()));
        if (earlier.isPresent() && !earlier.get().requestHash().equals(idempotency.requestHash())) {
            throw new ProblemException(ProblemType.IDEMPOTENCY_KEY_REUSED, "Idempotency-Key '" + idempotency.key()
                    + "' was used for a different batch of dataset '" + datasetId + "'; use a new key.");
        }
        return earlier.map(found -> new Applied(found.receipt(), true));
    }
}
