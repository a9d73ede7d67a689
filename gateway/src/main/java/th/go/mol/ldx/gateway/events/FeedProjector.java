package th.go.mol.ldx.gateway.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import th.go.mol.ldx.gateway.access.AccessPolicy;
import th.go.mol.ldx.gateway.access.RecordView;
import th.go.mol.ldx.gateway.access.RowFilter;
import th.go.mol.ldx.gateway.access.ViewTerms;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.events.ChangeLogReader.Chunk;
import th.go.mol.ldx.gateway.records.StoredRecord;

/**
 * Decides what one agency topic receives: each change as the agency's grant shows it, through the one
 * {@link AccessPolicy}. A change to a record the grant shows is an upsert of its projection; a change that takes
 * a record out of the grant's rows, or deletes one the agency held, is a delete event and then a tombstone; a
 * change to a record the agency never held sends nothing, not even its key. A back-fill chunk re-sends the records
 * of a key range under the current terms and deletes those that the topic held under earlier terms and the
 * current terms hide. No I/O: the relay reads, this decides, the relay writes.
 */
@ApplicationScoped
public class FeedProjector {

    /** A message for an agency topic: an event, or (event null) the tombstone after a delete. */
    public record Message(String key, ChangeEvent event) {
    }

    /** The messages of one step, and the feed's state after them. */
    public record Step(Feed feed, List<Message> messages) {
    }

    /** The records of key range ({@code after}, {@code upTo}] (null: unbounded) as they were at {@code position}. */
    public record PastRange(String after, String upTo, long position) {
    }

    private final AccessPolicy policy;

    FeedProjector(AccessPolicy policy) {
        this.policy = policy;
    }

    /**
     * The state the topic held before its back-fill, for the keys {@code chunk} settles: the ranges whose past
     * records the caller reads (with {@link ChangeLogReader#statesAt}) and hands to {@link #advance}.
     */
    public List<PastRange> pastRanges(Feed feed, Chunk chunk) {
        List<PastRange> ranges = new ArrayList<>();
        String lower = feed.backfill().after();
        String upper = chunk.upTo();
        String segmentLower = null;
        for (Feed.Segment segment : feed.backfill().previous()) {
            String from = later(lower, segmentLower);
            String to = earlier(upper, segment.upTo());
            if (to == null || from == null || RowFilter.compareCodePoints(from, to) < 0) {
                ranges.add(new PastRange(from, to, segment.position()));
            }
            if (segment.upTo() == null || upper != null && RowFilter.compareCodePoints(segment.upTo(), upper) >= 0) {
                break;
            }
            segmentLower = segment.upTo();
        }
        return ranges;
    }

    /**
     * The fields, and nested members as JSON pointers, that a grant's topic shows as the agency's pseudonyms, under
     * the dataset's definition now, and, when there are any, the name of the master secret they are computed from
     * ({@code key:<id>}): a topic projected under other ones, or under a secret replaced since, is sent again.
     */
    public Set<String> pseudonymised(ViewTerms terms, Dataset dataset) {
        Set<String> members = policy.viewOf(terms, dataset).pseudonymisedMembers();
        if (members.isEmpty()) {
            return members;
        }
        Set<String> underKey = new TreeSet<>(members);
        underKey.add("key:" + policy.pseudonymKeyId());
        return underKey;
    }

    /**
     * One step of a feed: the changes of {@code batch} after the feed's position (complete: no change follows
     * them yet), and the back-fill chunk if one is running, placed exactly where its snapshot falls among the
     * changes. {@code past} holds the records of the chunk's key range as {@link #pastRanges} asked.
     */
    public Step advance(Feed feed, Dataset dataset, List<PendingChange> batch, boolean complete, Chunk chunk,
            Map<String, JsonNode> past) {
        RecordView view = policy.viewOf(feed.terms(), dataset);
        List<Message> out = new ArrayList<>();
        Feed current = feed;
        boolean chunkPending = chunk != null;
        for (PendingChange change : batch) {
            if (change.seq() <= current.position()) {
                continue;
            }
            if (chunkPending && change.seq() > chunk.snapshot()) {
                current = backfill(current, view, dataset, chunk, past, out);
                chunkPending = false;
            }
            if (current.covers(change.key())) {
                project(current, view, change, out);
            }
            current = current.at(change.seq());
        }
        if (chunkPending && (complete || current.position() >= chunk.snapshot())) {
            current = backfill(current, view, dataset, chunk, past, out);
        }
        return new Step(current, out);
    }

    private void project(Feed feed, RecordView view, PendingChange change, List<Message> out) {
        eventOf(view, feed.grantId(), change).ifPresent(event -> {
            out.add(new Message(change.key(), event));
            if (event.data() == null) {
                out.add(new Message(change.key(), null));
            }
        });
    }

    /**
     * A change as one grant's view shows it, on its topic and in its change feed alike: an upsert of the record's
     * projection, a delete of a record the view held before and does not show now, or nothing. {@code change}
     * carries its record as a tree and, when the view filters rows, the record before it.
     */
    public static Optional<ChangeEvent> eventOf(RecordView view, UUID grant, PendingChange change) {
        if (!change.delete() && view.admits(change.data())) {
            return Optional.of(new ChangeEvent(change.eventId(), change.datasetId(), change.key(), change.seq(),
                    change.changedAt(), view.project((ObjectNode) change.data()), grant, change.schemaVersion(),
                    view.pseudonymKey()));
        }
        if (heldBefore(view, change)) {
            return Optional.of(new ChangeEvent(change.eventId(), change.datasetId(), change.key(), change.seq(),
                    change.changedAt(), null, grant, 0, null));
        }
        return Optional.empty();
    }

    /** Whether the agency held the record just before this change, which did not leave it visible. */
    private static boolean heldBefore(RecordView view, PendingChange change) {
        if (view.rows().conditions().isEmpty()) {
            // Every row is shown: the record was held if it existed, and a delete is logged only for one that did.
            return change.delete();
        }
        return change.previous() != null && view.admits(change.previous());
    }

    private Feed backfill(Feed feed, RecordView view, Dataset dataset, Chunk chunk, Map<String, JsonNode> past,
            List<Message> out) {
        Map<ViewTerms, RecordView> pastViews = new HashMap<>();
        Set<String> present = new HashSet<>();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        for (StoredRecord row : chunk.rows()) {
            present.add(row.key());
            if (view.admits(row.data())) {
                out.add(new Message(row.key(), new ChangeEvent(snapshotId(feed, row.key()), dataset.id(), row.key(),
                        row.version(), OffsetDateTime.ofInstant(row.updatedAt(), ZoneOffset.UTC), view.project(row.data()),
                        feed.grantId(), row.schemaVersion(), view.pseudonymKey())));
            } else if (heldInPast(feed, dataset, row.key(), past, pastViews)) {
                drop(feed, snapshotId(feed, row.key()), row.key(), row.version(), now, out);
            }
        }
        for (String key : past.keySet()) {
            if (!present.contains(key) && heldInPast(feed, dataset, key, past, pastViews)) {
                // Deleted since: the snapshot's sequence is at or after its deletion, and before any re-creation.
                drop(feed, snapshotId(feed, key), key, chunk.snapshot(), now, out);
            }
        }
        return feed.backfilledTo(chunk.upTo(), Math.max(feed.position(), chunk.snapshot()));
    }

    /** Whether the topic held a key not back-filled yet: the terms of its past segment showed its past record. */
    private boolean heldInPast(Feed feed, Dataset dataset, String key, Map<String, JsonNode> past,
            Map<ViewTerms, RecordView> pastViews) {
        Feed.Segment segment = feed.previousOf(key);
        JsonNode record = past.get(key);
        return segment != null && record != null
                && pastViews.computeIfAbsent(segment.terms(), terms -> policy.viewOf(terms, dataset)).admits(record);
    }

    private void drop(Feed feed, UUID id, String key, long sequence, OffsetDateTime time, List<Message> out) {
        out.add(new Message(key, new ChangeEvent(id, feed.datasetId(), key, sequence, time, null, feed.grantId(), 0,
                null)));
        out.add(new Message(key, null));
    }

    /** A back-fill sends one event per key, so the back-fill and the key name it, the same on every retry. */
    private static UUID snapshotId(Feed feed, String key) {
        return UUID.nameUUIDFromBytes((feed.backfill().id() + "/" + key).getBytes(StandardCharsets.UTF_8));
    }

    private static String later(String a, String b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return RowFilter.compareCodePoints(a, b) >= 0 ? a : b;
    }

    private static String earlier(String a, String b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return RowFilter.compareCodePoints(a, b) <= 0 ? a : b;
    }
}
