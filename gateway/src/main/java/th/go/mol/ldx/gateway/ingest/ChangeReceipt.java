package th.go.mol.ldx.gateway.ingest;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.UUID;

/**
 * What a change did: the record's version afterwards (the dataset change sequence; 0 when there is no record) and
 * the id of the event that carries it to Kafka. An unchanged upsert and a delete of an absent record write no
 * change and have no event.
 */
public record ChangeReceipt(String key, Outcome outcome, long version, UUID eventId) {

    public enum Outcome {
        CREATED, UPDATED, UNCHANGED, DELETED, ABSENT;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
