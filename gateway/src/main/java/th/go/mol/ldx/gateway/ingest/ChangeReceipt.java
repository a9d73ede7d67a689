package th.go.mol.ldx.gateway.ingest;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.UUID;

/**
 * What a change did: the record's version afterwards (the dataset change sequence) and the id of the event that
 * carries it to Kafka. An unchanged upsert writes no change and has no event.
 */
public record ChangeReceipt(String key, Outcome outcome, long version, UUID eventId) {

    public enum Outcome {
        CREATED, UPDATED, UNCHANGED, DELETED;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
