package th.go.mol.ldx.gateway.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import th.go.mol.ldx.gateway.access.GrantTerms;
import th.go.mol.ldx.gateway.access.RowFilter;
import th.go.mol.ldx.gateway.access.ViewTerms;

/**
 * What one agency topic holds, as the relay's checkpoint records it in the same Kafka transaction as the messages:
 * the projection of the dataset under {@code terms} (granted by {@code grantId}), its fields in
 * {@code pseudonymised} as the agency's pseudonyms, up to dataset sequence {@code position}. While a back-fill
 * runs, that is true of the keys up to {@code backfill.after} only; every other key still holds what
 * {@code backfill.previous} says. The pseudonymised fields follow from the terms and from the dataset's national
 * IDs, which its owner may declare later: a checkpoint written before they were recorded reads them as null,
 * not known, and the topic is back-filled again. A member this version does not know is ignored, so that a gateway
 * rolled back past a later version still reads its checkpoints (a gateway before 2026-12-07 refuses this one's).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Feed(String topic, String datasetId, UUID grantId, ViewTerms terms, Set<String> pseudonymised,
        long position, Backfill backfill) {

    public Feed {
        pseudonymised = pseudonymised == null ? null : Set.copyOf(pseudonymised);
    }

    /**
     * A back-fill in progress: the dataset re-read in key order, a chunk at a time. {@code after} is the last key
     * done (null before the first chunk); {@code id} names the back-fill and makes the ids of its events.
     */
    public record Backfill(UUID id, String after, List<Segment> previous) {

        public Backfill {
            previous = List.copyOf(previous);
        }
    }

    /**
     * Keys up to {@code upTo} (inclusive; null: every key), among those not back-filled yet, hold the projection
     * under {@code terms} at sequence {@code position}, as an earlier grant left them. Segments are in key order.
     */
    public record Segment(String upTo, ViewTerms terms, long position) {
    }

    /** A new topic for a grant: everything is back-filled, and nothing was there before. */
    static Feed start(String topic, GrantTerms grant, Set<String> pseudonymised) {
        return new Feed(topic, grant.datasetId(), grant.id(), grant.view(), pseudonymised, 0,
                new Backfill(UUID.randomUUID(), null, List.of()));
    }

    /**
     * What the topic shows changed (the grant's terms, or the fields shown as pseudonyms): back-fill again. What
     * the topic holds now becomes the previous state of every key, which decides where a record that the new terms
     * hide must be deleted.
     */
    Feed reproject(GrantTerms grant, Set<String> pseudonymised) {
        List<Segment> previous = new ArrayList<>();
        if (backfill == null) {
            previous.add(new Segment(null, terms, position));
        } else {
            if (backfill.after != null) {
                previous.add(new Segment(backfill.after, terms, position));
            }
            backfill.previous.stream().filter(s -> backfill.after == null || s.upTo == null
                    || RowFilter.compareCodePoints(s.upTo, backfill.after) > 0).forEach(previous::add);
        }
        return new Feed(topic, datasetId, grant.id(), grant.view(), pseudonymised, position,
                new Backfill(UUID.randomUUID(), null, previous));
    }

    Feed withGrant(UUID grant) {
        return new Feed(topic, datasetId, grant, terms, pseudonymised, position, backfill);
    }

    Feed at(long sequence) {
        return new Feed(topic, datasetId, grantId, terms, pseudonymised, sequence, backfill);
    }

    Feed backfilledTo(String key, long sequence) {
        return new Feed(topic, datasetId, grantId, terms, pseudonymised, sequence,
                key == null ? null : new Backfill(backfill.id, key, backfill.previous));
    }

    boolean backfilling() {
        return backfill != null;
    }

    /** Whether the topic holds this key under the current terms: it has been back-filled, or no back-fill runs. */
    boolean covers(String key) {
        return backfill == null || backfill.after != null && RowFilter.compareCodePoints(key, backfill.after) <= 0;
    }

    /** The previous state that a key not back-filled yet holds on the topic; null when the topic never held it. */
    Segment previousOf(String key) {
        if (backfill == null) {
            return null;
        }
        return backfill.previous.stream().filter(s -> s.upTo == null || RowFilter.compareCodePoints(key, s.upTo) <= 0)
                .findFirst().orElse(null);
    }
}
