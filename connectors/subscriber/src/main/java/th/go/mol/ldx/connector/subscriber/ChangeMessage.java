package th.go.mol.ldx.connector.subscriber;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import java.util.UUID;

/**
 * One message of an LDX topic, as a subscriber applies it: a change event (upsert or delete, with its event id and
 * the dataset sequence that orders it), or the tombstone that follows a delete (no value) so that compaction can
 * forget the key.
 */
public sealed interface ChangeMessage {

    String key();

    /** An upsert or a delete event. {@code data} is null for a delete. */
    record Event(String key, UUID eventId, long sequence, boolean delete, JsonNode data) implements ChangeMessage {
    }

    /** The Kafka tombstone after a delete. */
    record Tombstone(String key) implements ChangeMessage {
    }

    String DELETED = "th.go.mol.ldx.record.deleted";

    /** Reads a message's key and value (CloudEvents 1.0 structured JSON; null for a tombstone). */
    static ChangeMessage of(String key, byte[] value) {
        if (value == null) {
            return new Tombstone(key);
        }
        EventFormat format = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);
        CloudEvent event = format.deserialize(value);
        Object sequence = event.getExtension("sequence");
        if (sequence == null) {
            throw new IllegalArgumentException("event " + event.getId() + " carries no sequence");
        }
        boolean delete = DELETED.equals(event.getType());
        if (!delete && event.getData() == null) {
            throw new IllegalArgumentException("upsert " + event.getId() + " carries no data");
        }
        JsonNode data = null;
        if (!delete) {
            if (!(event.getData() instanceof JsonCloudEventData json)) {
                throw new IllegalArgumentException("event " + event.getId() + " carries data that is not JSON");
            }
            data = json.getNode();
        }
        return new Event(key, UUID.fromString(event.getId()), Long.parseLong(sequence.toString()), delete, data);
    }
}
