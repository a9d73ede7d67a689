package th.go.mol.ldx.gateway.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import th.go.mol.ldx.gateway.catalog.CatalogConfig;

/**
 * Writes change events as CloudEvents 1.0 in the structured JSON format that the AsyncAPI contract describes
 * ({@code application/cloudevents+json}): the change as stored for a dataset topic, or as one grant shows it for an
 * agency topic. The relay writes up to one event per topic for every change, so the envelope is written here with a
 * Jackson generator rather than through the CloudEvents SDK's generic serialiser, and a dataset topic's event carries
 * the record's stored JSON as it came from PostgreSQL, never parsed into a tree (ADR 011). The SDK remains the
 * oracle: {@code ChangeEventsTest} reads every kind of event back with its {@code JsonFormat}.
 */
@ApplicationScoped
public class ChangeEvents {

    public static final String UPSERTED = "th.go.mol.ldx.record.upserted";
    public static final String DELETED = "th.go.mol.ldx.record.deleted";
    /** Extension of an agency topic's events: the grant whose terms shaped the event. */
    public static final String GRANT = "grant";
    /**
     * The CloudEvents extension naming the version of the agency's pseudonym key an upsert's pseudonyms were computed
     * with: a subscriber that sees it change knows every pseudonym it holds was replaced (its topic is back-filled).
     */
    public static final String PSEUDONYM_KEY = "pseudonymkey";
    /** The structured mode's media type, sent as the {@code content-type} header of every event. */
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    private static final byte[] DATA_MEMBER = ",\"data\":".getBytes(StandardCharsets.US_ASCII);
    /** Envelope and a little room: most events then fit the first buffer. */
    private static final int ENVELOPE_SIZE = 384;

    private final ObjectMapper json = new ObjectMapper();
    private final EventsConfig config;
    private final CatalogConfig catalog;
    /** Each dataset's {@code source}, made once rather than per event. */
    private final Map<String, String> sources = new ConcurrentHashMap<>();
    /** The last {@code time} written, with its text: a batch's changes, and each change's events, share one time. */
    private volatile Time lastTime = new Time(null, null);

    private record Time(OffsetDateTime time, String text) {
    }

    ChangeEvents(EventsConfig config, CatalogConfig catalog) {
        this.config = config;
        this.catalog = catalog;
    }


    /** A change of the change log, whole, for its dataset topic: the stored JSON is copied, not re-serialised. */
    public byte[] write(PendingChange change) {
        byte[] data = change.delete() ? null : change.json();
        ByteArrayBuilder out = new ByteArrayBuilder(ENVELOPE_SIZE + (data == null ? 0 : data.length));
        try (JsonGenerator generator = generator(out)) {
            envelope(generator, change.eventId(), change.datasetId(), change.key(), change.seq(), change.changedAt(),
                    null, data == null ? DELETED : UPSERTED, change.schemaVersion(), null);
            if (data == null) {
                generator.writeEndObject();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("an event always writes to memory", e);
        }
        if (data != null) {
            // The generator has written the envelope's members and nothing after them: the data follows as stored.
            out.write(DATA_MEMBER);
            out.write(data);
            out.write('}');
        }
        return out.toByteArray();
    }

    /** An agency topic's event. */
    public byte[] write(ChangeEvent event) {
        ByteArrayBuilder out = new ByteArrayBuilder(ENVELOPE_SIZE * 2);
        try (JsonGenerator generator = generator(out)) {
            envelope(generator, event.id(), event.datasetId(), event.subject(), event.sequence(), event.time(),
                    event.grant(), event.type(), event.schemaVersion(), event.pseudonymKey());
            if (event.data() != null) {
                generator.writeFieldName("data");
                generator.writeTree(event.data());
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("an event always writes to memory", e);
        }
        return out.toByteArray();
    }

    private JsonGenerator generator(ByteArrayBuilder out) throws IOException {
        // Closing writes what is buffered, but never closes the envelope by itself: write(PendingChange) appends data.
        // Numbers are written out in full, as PostgreSQL writes the stored record that a dataset topic copies.
        return json.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    }

    private String text(OffsetDateTime time) {
        Time last = lastTime;
        if (!time.equals(last.time())) {
            last = new Time(time, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
            lastTime = last;
        }
        return last.text();
    }

    /** The attributes in the order the CloudEvents SDK writes them; the object is left open for {@code data}. */
    private void envelope(JsonGenerator generator, UUID id, String datasetId, String subject, long sequence,
            OffsetDateTime time, UUID grant, String type, int schemaVersion, Integer pseudonymKey) throws IOException {
        generator.writeStartObject();
        generator.writeStringField("specversion", "1.0");
        generator.writeStringField("id", id.toString());
        generator.writeStringField("source",
                sources.computeIfAbsent(datasetId, dataset -> config.sourcePrefix() + dataset));
        generator.writeStringField("type", type);
        if (UPSERTED.equals(type)) {
            generator.writeStringField("datacontenttype", "application/json");
            // The stable URI of the schema version the record was checked against (served by the catalog API).
            generator.writeStringField("dataschema", catalog.schemaUri(datasetId, schemaVersion));
        }
        generator.writeStringField("subject", subject);
        generator.writeStringField("time", text(time));
        generator.writeStringField("dataset", datasetId);
        generator.writeStringField("sequence", Long.toString(sequence));
        if (grant != null) {
            generator.writeStringField(GRANT, grant.toString());
        }
        if (pseudonymKey != null) {
            generator.writeStringField(PSEUDONYM_KEY, pseudonymKey.toString());
        }
    }
}
