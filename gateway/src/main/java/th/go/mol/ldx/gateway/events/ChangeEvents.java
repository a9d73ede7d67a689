package th.go.mol.ldx.gateway.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns changes into CloudEvents 1.0, in the structured JSON format that the AsyncAPI contract describes: the
 * change as stored for a dataset topic, or as one grant shows it for an agency topic.
 */
@ApplicationScoped
public class ChangeEvents {

    public static final String UPSERTED = "th.go.mol.ldx.record.upserted";
    public static final String DELETED = "th.go.mol.ldx.record.deleted";
    /** Extension of an agency topic's events: the grant whose terms shaped the event. */
    public static final String GRANT = "grant";

    private final EventFormat format = new JsonFormat();
    private final EventsConfig config;
    /** Each dataset's {@code source}, parsed once rather than per event. */
    private final Map<String, URI> sources = new ConcurrentHashMap<>();

    ChangeEvents(EventsConfig config) {
        this.config = config;
    }

    /** A change of the change log, whole. */
    public CloudEvent toEvent(PendingChange change) {
        return builder(change.eventId(), change.datasetId(), change.key(), change.seq(), change.changedAt(),
                change.delete() ? null : change.data()).build();
    }

    /**
     * A change, or a back-fill's copy of a record, as a grant shows it: {@code data} already projected, or null for
     * the delete that tells the agency to drop a record it may no longer see.
     */
    public CloudEvent projected(UUID id, String datasetId, String key, long sequence, OffsetDateTime time,
            JsonNode data, UUID grant) {
        return builder(id, datasetId, key, sequence, time, data).withExtension(GRANT, grant.toString()).build();
    }

    private CloudEventBuilder builder(UUID id, String datasetId, String key, long sequence, OffsetDateTime time,
            JsonNode data) {
        CloudEventBuilder event = CloudEventBuilder.v1()
                .withId(id.toString())
                .withSource(sources.computeIfAbsent(datasetId, dataset -> URI.create(config.sourcePrefix() + dataset)))
                .withType(data == null ? DELETED : UPSERTED)
                .withSubject(key)
                .withTime(time)
                .withExtension("dataset", datasetId)
                .withExtension("sequence", Long.toString(sequence));
        if (data != null) {
            event.withDataContentType("application/json").withData(JsonCloudEventData.wrap(data));
        }
        return event;
    }

    public byte[] serialize(CloudEvent event) {
        return format.serialize(event);
    }

    public String contentType() {
        return JsonFormat.CONTENT_TYPE;
    }
}
