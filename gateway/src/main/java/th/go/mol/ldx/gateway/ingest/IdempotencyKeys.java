package th.go.mol.ldx.gateway.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
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

    /** The receipt of a batch, and whether it was applied earlier under the same key. */
    public record Applied(BatchReceipt receipt, boolean replayed) {
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
        BatchReceipt receipt = BatchReceipt.of(changes.writeStaged(dataset, writes, changedBy));
        Instant oldestKept = now.minus(config.idempotencyRetention());
        sql.update("DELETE FROM ingest_batch WHERE dataset_id = ? AND created_at < ?", datasetId, oldestKept);
        sql.update("""
                INSERT INTO ingest_batch (dataset_id, idempotency_key, request_hash, receipt, created_at)
                VALUES (?, ?, ?, convert_from(?, 'UTF8'), ?)
                """, datasetId, idempotency.key(), idempotency.requestHash(), utf8(receipt), now);
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
        return earlier.map(found -> new Applied(read(found.receipt()), true));
    }

    /** The receipt as UTF-8 JSON: a batch of 10,000 changes answers about 1.5 MB, not written out as chars too. */
    private byte[] utf8(BatchReceipt receipt) {
        try {
            return json.writeValueAsBytes(receipt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a receipt always serialises", e);
        }
    }

    private BatchReceipt read(byte[] receipt) {
        try {
            return json.readValue(receipt, BatchReceipt.class);
        } catch (IOException e) {
            throw new IllegalStateException("a stored receipt is not a receipt", e);
        }
    }
}
