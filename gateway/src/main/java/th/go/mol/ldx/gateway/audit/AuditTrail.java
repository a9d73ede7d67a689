package th.go.mol.ldx.gateway.audit;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.db.Sql;

/**
 * Reads the audit log: each caller the part it may see (administrators all of it, an owner department the entries
 * on its datasets, an agency its own), and checks the whole chain against itself, its head and the latest
 * checkpoint published off-site.
 */
@ApplicationScoped
public class AuditTrail {

    private static final int VERIFY_PAGE = 5_000;

    private final Sql sql;
    private final AuditLog log;
    private final AuditCheckpoints checkpoints;

    AuditTrail(Sql sql, AuditLog log, AuditCheckpoints checkpoints) {
        this.sql = sql;
        this.log = log;
        this.checkpoints = checkpoints;
    }

    /** A page of entries, newest first; {@code before} is the sequence the previous page ended at. */
    public List<AuditEntry> page(Caller caller, String datasetId, Instant from, Instant until, Long before, int limit) {
        return sql.list("""
                SELECT * FROM audit_entry
                WHERE (? OR agency = ? OR dataset_id IN (SELECT id FROM dataset WHERE owner = ?))
                  AND (?::text IS NULL OR dataset_id = ?::text)
                  AND (?::timestamptz IS NULL OR at >= ?::timestamptz)
                  AND (?::timestamptz IS NULL OR at < ?::timestamptz)
                  AND (?::bigint IS NULL OR seq < ?::bigint)
                ORDER BY seq DESC
                LIMIT ?
                """, AuditLog::entry, caller.admin(), caller.organisation(), caller.owner() ? caller.organisation() : null,
                datasetId, datasetId, from, from, until, until, before, before, limit);
    }

    /**
     * The outcome of a verification: how far the chain holds, where it first breaks if it does, and whether it was
     * compared with an off-site checkpoint ({@code offsite}: "compared", "none published yet", or why not).
     */
    public record Verification(boolean intact, long checked, AuditLog.Head head,
            AuditCheckpoints.Checkpoint checkpoint, String offsite, Break firstBroken) {
    }

    /** The first entry that is not what the chain says it must be, and why. */
    public record Break(long seq, String reason) {
    }

    /**
     * Walks the chain from the first entry to the head read at the start, recomputing every hash and link, and
     * compares the entry of the latest off-site checkpoint with it.
     */
    public Verification verify() {
        Optional<AuditCheckpoints.Checkpoint> checkpoint;
        String offsite;
        try {
            checkpoint = checkpoints.latest();
            offsite = checkpoint.isPresent() ? "compared" : "none published yet";
        } catch (RuntimeException e) {
            // The database's own chain is still worth checking while Kafka is away.
            checkpoint = Optional.empty();
            offsite = "unavailable: " + e.getMessage();
        }
        AuditLog.Head head = log.head();
        long previousSeq = 0;
        String previousHash = AuditChain.GENESIS;
        while (previousSeq < head.seq()) {
            List<AuditEntry> entries = sql.list("SELECT * FROM audit_entry WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?",
                    AuditLog::entry, previousSeq, head.seq(), VERIFY_PAGE);
            if (entries.isEmpty()) {
                return broken(previousSeq, head, checkpoint, offsite, new Break(previousSeq + 1, "entry " + (previousSeq + 1)
                        + " is missing: the log ends at " + previousSeq + " but its head is at " + head.seq()));
            }
            for (AuditEntry entry : entries) {
                Optional<String> fault = AuditChain.breakOf(entry, previousSeq, previousHash);
                if (fault.isEmpty() && checkpoint.isPresent() && checkpoint.get().seq() == entry.seq()
                        && !checkpoint.get().hash().equals(entry.hash())) {
                    fault = Optional.of("its hash differs from the checkpoint published off-site at "
                            + checkpoint.get().at());
                }
                if (fault.isPresent()) {
                    return broken(previousSeq, head, checkpoint, offsite, new Break(Math.min(entry.seq(), previousSeq + 1),
                            fault.get()));
                }
                previousSeq = entry.seq();
                previousHash = entry.hash();
            }
        }
        if (!previousHash.equals(head.hash())) {
            return broken(previousSeq, head, checkpoint, offsite, new Break(head.seq(),
                    "its hash differs from the one the head of the chain keeps"));
        }
        if (checkpoint.isPresent() && checkpoint.get().seq() > head.seq()) {
            return broken(previousSeq, head, checkpoint, offsite, new Break(head.seq() + 1, "the checkpoint published "
                    + "off-site at " + checkpoint.get().at() + " names entry " + checkpoint.get().seq()
                    + ", which the log no longer holds"));
        }
        return new Verification(true, previousSeq, head, checkpoint.orElse(null), offsite, null);
    }

    private static Verification broken(long checked, AuditLog.Head head,
            Optional<AuditCheckpoints.Checkpoint> checkpoint, String offsite, Break at) {
        return new Verification(false, checked, head, checkpoint.orElse(null), offsite, at);
    }
}
