package th.go.mol.ldx.gateway.records;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import th.go.mol.ldx.gateway.access.RecordView;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.events.ChangeEvents;
import th.go.mol.ldx.gateway.events.ChangeLogReader;
import th.go.mol.ldx.gateway.events.FeedProjector;
import th.go.mol.ldx.gateway.events.PendingChange;
import th.go.mol.ldx.gateway.problem.Problem.FieldError;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * The change feed over HTTP, for agencies without Kafka: the changes of a dataset after a sequence, as the
 * caller's view shows them, made by the same projection as the caller's topic ({@link FeedProjector#eventOf}) and
 * written by the same writer, so an event here is the event there. The owner department reads the dataset topic's
 * events (the records whole); a partner reads its agency topic's, without the tombstones that only compaction needs.
 */
@ApplicationScoped
public class ChangeFeed {

    /**
     * The most changes one request reads for a grant that shows few of them: a page may hold fewer events than
     * asked, and then says where the next one starts, so no request scans the log without bound.
     */
    static final int SCAN_LIMIT = 10_000;

    /** Events after a sequence; {@code next} is the sequence to ask after next, {@code more} whether changes follow. */
    public record Page(byte[] json, int events, long next, boolean more) {
    }

    private final ChangeLogReader changes;
    private final ChangeEvents events;

    ChangeFeed(ChangeLogReader changes, ChangeEvents events) {
        this.changes = changes;
        this.events = events;
    }

    /** Up to {@code limit} events after sequence {@code after}; {@code grant} is null for the owner's whole view. */
    public Page read(Dataset dataset, RecordView view, UUID grant, long after, int limit) {
        if (after < view.historyAfter()) {
            // A grant's history begins at its approval: what came before reaches it as a snapshot, never as the
            // changes (the data of records deleted since among them) that an earlier grant, or none, was shown.
            throw new ProblemException(ProblemType.HISTORY_BEFORE_GRANT, "Your grant on '" + dataset.id() + "' was "
                    + "approved at sequence " + view.historyAfter() + ": its change feed begins after it. Start from "
                    + "a snapshot (the export, whose LDX-Sequence says where to follow, or your topic's back-fill), "
                    + "then read after=" + view.historyAfter() + " or later.", List.of(new FieldError("after",
                    "must be at least " + view.historyAfter())));
        }
        if (after > dataset.changeSeq()) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, "Dataset '" + dataset.id() + "' has changes up to "
                    + "sequence " + dataset.changeSeq() + " only.", List.of(new FieldError("after",
                    "must be a sequence this dataset has reached (at most " + dataset.changeSeq() + ")")));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(512 * limit);
        out.writeBytes("{\"items\":[".getBytes(StandardCharsets.US_ASCII));
        boolean whole = grant == null;
        boolean previous = !view.rows().conditions().isEmpty();
        int written = 0;
        int scanned = 0;
        long position = after;
        boolean caughtUp = false;
        while (written < limit && scanned < SCAN_LIMIT && !caughtUp) {
            int asked = whole ? limit - written : Math.min(SCAN_LIMIT - scanned, Math.max(limit, 500));
            List<PendingChange> read = changes.after(dataset.id(), position, asked, !whole, previous);
            for (PendingChange change : read) {
                if (written == limit) {
                    break;
                }
                byte[] event = whole ? events.write(change)
                        : FeedProjector.eventOf(view, grant, change).map(events::write).orElse(null);
                if (event != null) {
                    if (written++ > 0) {
                        out.write(',');
                    }
                    out.writeBytes(event);
                }
                position = change.seq();
                scanned++;
            }
            caughtUp = read.size() < asked;
        }
        out.writeBytes(("],\"next\":" + position + "}").getBytes(StandardCharsets.US_ASCII));
        return new Page(out.toByteArray(), written, position, position < dataset.changeSeq());
    }
}
