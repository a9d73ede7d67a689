package th.go.mol.ldx.gateway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import th.go.mol.ldx.gateway.catalog.CatalogConfig;

/** The relay's own CloudEvents writer, read back with the CloudEvents SDK's structured JSON format. */
class ChangeEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFormat SDK = new JsonFormat();
    private static final ChangeEvents EVENTS = new ChangeEvents(FeedProjectorTest.config(), catalogConfig());
    private static final OffsetDateTime TIME = OffsetDateTime.of(2026, 12, 4, 2, 30, 15, 123_456_000, ZoneOffset.UTC);
    /** A record as PostgreSQL writes a jsonb value: spaces after separators, Thai text, escapes. */
    private static final String STORED = "{\"id\": \"K\\\"1\", \"sex\": \"F\", \"firstNameTh\": \"สมหญิง\", "
            + "\"monthlyWage\": 15000.50, \"note\": \"line\\nbreak \\u00e9\", \"tags\": [1, null, true]}";

    @Test
    void aDatasetTopicEventCarriesTheStoredJsonAsItIs() throws Exception {
        UUID id = UUID.randomUUID();
        byte[] stored = STORED.getBytes(StandardCharsets.UTF_8);
        PendingChange change = new PendingChange("sso-insured-persons", 42, id, "K\"1 ก\\", false, stored, null, TIME, null,
                3);

        byte[] written = EVENTS.write(change);
        CloudEvent event = SDK.deserialize(written);

        assertEquals("1.0", event.getSpecVersion().toString());
        assertEquals(id.toString(), event.getId());
        assertEquals(URI.create("/ldx/datasets/sso-insured-persons"), event.getSource());
        assertEquals(ChangeEvents.UPSERTED, event.getType());
        assertEquals("application/json", event.getDataContentType());
        assertEquals(URI.create("https://ldx.mol.go.th/datasets/sso-insured-persons/schemas/3"), event.getDataSchema());
        assertEquals("K\"1 ก\\", event.getSubject());
        assertEquals(TIME, event.getTime());
        assertEquals("sso-insured-persons", event.getExtension("dataset"));
        assertEquals("42", event.getExtension("sequence"));
        assertNull(event.getExtension(ChangeEvents.GRANT));
        assertEquals(JSON.readTree(STORED), data(event));
        // Byte for byte: the record is copied, not parsed and written again.
        String text = new String(written, StandardCharsets.UTF_8);
        assertEquals(",\"data\":" + STORED + "}", text.substring(text.indexOf(",\"data\":")));
    }

    @Test
    void aDeleteHasNoDataAndNoDataContentType() {
        PendingChange change = new PendingChange("sso-insured-persons", 43, UUID.randomUUID(), "K1", true, null, null,
                TIME, null, 0);

        CloudEvent event = SDK.deserialize(EVENTS.write(change));

        assertEquals(ChangeEvents.DELETED, event.getType());
        assertNull(event.getData());
        assertNull(event.getDataContentType());
        assertNull(event.getDataSchema());
        assertEquals("43", event.getExtension("sequence"));
    }

    @Test
    void anAgencyTopicEventNamesItsGrantAndCarriesTheProjectedRecord() throws Exception {
        UUID id = UUID.randomUUID();
        UUID grant = UUID.randomUUID();
        JsonNode projected = JSON.readTree("{\"id\":\"K1\",\"firstNameTh\":\"สมหญิง\",\"nationalId\":\"ab12\"}");

        CloudEvent upsert = SDK.deserialize(EVENTS.write(new ChangeEvent(id, "doe-work-permits", "K1", 7, TIME,
                projected, grant, 2, 3)));
        CloudEvent drop = SDK.deserialize(EVENTS.write(new ChangeEvent(id, "doe-work-permits", "K1", 8, TIME, null,
                grant, 0, null)));

        assertEquals(id.toString(), upsert.getId());
        assertEquals(URI.create("/ldx/datasets/doe-work-permits"), upsert.getSource());
        assertEquals(ChangeEvents.UPSERTED, upsert.getType());
        assertEquals(grant.toString(), upsert.getExtension(ChangeEvents.GRANT));
        assertEquals("7", upsert.getExtension("sequence"));
        assertEquals(projected, data(upsert));
        assertEquals(URI.create("https://ldx.mol.go.th/datasets/doe-work-permits/schemas/2"), upsert.getDataSchema());
        assertEquals("3", upsert.getExtension(ChangeEvents.PSEUDONYM_KEY), "the agency's key version");
        assertEquals(ChangeEvents.DELETED, drop.getType());
        assertNull(drop.getExtension(ChangeEvents.PSEUDONYM_KEY), "a delete shows no pseudonym");
        assertEquals(grant.toString(), drop.getExtension(ChangeEvents.GRANT));
        assertNull(drop.getData());
    }

    private static CatalogConfig catalogConfig() {
        return (CatalogConfig) Proxy.newProxyInstance(CatalogConfig.class.getClassLoader(),
                new Class<?>[] {CatalogConfig.class}, (proxy, method, args) -> {
                    if (method.isDefault()) {
                        return InvocationHandler.invokeDefault(proxy, method, args);
                    }
                    if (method.getName().equals("uriBase")) {
                        return "https://ldx.mol.go.th";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private static JsonNode data(CloudEvent event) throws Exception {
        return event.getData() instanceof JsonCloudEventData tree ? tree.getNode() : JSON.readTree(event.getData().toBytes());
    }
}
