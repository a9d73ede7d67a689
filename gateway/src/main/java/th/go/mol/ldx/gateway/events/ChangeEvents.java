package th.go.mol.ldx.gateway.events;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;

/** Turns change-log rows into CloudEvents 1.0, in the structured JSON format that the AsyncAPI contract describes. */
@ApplicationScoped
public class ChangeEvents {

    public static final String UPSERTED = "th.go.mol.ldx.record.upserted";
    public static final String DELETED = "th.go.mol.ldx.record.deleted";

    private final EventFormat format = new JsonFormat();
    private final EventsConfig config;

    ChangeEvents(EventsConfig config) {
        this.config = config;
    }

    public CloudEvent toEvent(PendingChange change) {
        CloudEventBuilder event = CloudEventBuilder.v1()
                .withId(change.eventId().toString())
                .withSource(URI.create(config.sourcePrefix() + change.datasetId()))
                .withType(change.delete() ? DELETED : UPSERTED)
                .withSubject(change.key())
                .withTime(change.changedAt())
                .withExtension("dataset", change.datasetId())
                .withExtension("sequence", Long.toString(change.seq()));
        if (!change.delete()) {
            event.withDataContentType("application/json").withData(JsonCloudEventData.wrap(change.data()));
        }
        return event.build();
    }

    public byte[] serialize(CloudEvent event) {
        return format.serialize(event);
    }

    public String contentType() {
        return JsonFormat.CONTENT_TYPE;
    }
}
