package th.go.mol.ldx.gateway.records;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import th.go.mol.ldx.gateway.access.Fixtures;
import th.go.mol.ldx.gateway.access.RecordView;
import th.go.mol.ldx.gateway.access.RowFilter;

/** A page is the JSON of {@code RecordPage}, each record's time written exactly as {@link Instant#toString} would. */
class RecordPagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-12-07T04:05:06.123456Z");

    /** Rows as PostgreSQL answers them, keys that JSON must escape among them. */
    private static final List<RecordStore.StoredRow> ROWS = List.of(
            row("K-1", "{\"id\": \"K-1\", \"status\": \"active\", \"amount\": 1}", 7),
            row("K\"2\\", "{\"id\": \"K\\\"2\\\\\", \"status\": \"closed\", \"amount\": 2.50}", 8),
            row("K\u00013 ก", "{\"id\": \"K\\u00013 ก\", \"status\": \"active\", \"amount\": null}", 9));

    private static RecordStore.StoredRow row(String key, String json, long version) {
        return new RecordStore.StoredRow(key, json.getBytes(StandardCharsets.UTF_8), version, AT, 2);
    }

    /** Pages over {@code rows}, whatever is asked: the store's SQL is not what is tested here. */
    private static RecordPages pagesOf(List<RecordStore.StoredRow> rows, String next) {
        return new RecordPages(new RecordStore(null, JSON) {
            @Override
            public RowPage page(String datasetId, String afterKey, int limit, RowFilter filter) {
                return new RowPage(rows, next);
            }
        }, JSON);
    }

    private static JsonNode read(RecordPages.Page page) throws Exception {
        return JSON.readTree(page.json());
    }

    @Test
    void everyRecordIsWrittenWithItsKeyVersionTimeAndSchemaVersionAndTheNextCursor() throws Exception {
        RecordPages.Page page = pagesOf(ROWS, "S1wz").read(Fixtures.dataset(false), RecordView.whole(), null, 3);

        JsonNode json = read(page);
        assertEquals(3, page.records());
        assertEquals("S1wz", json.get("next").textValue());
        for (int i = 0; i < ROWS.size(); i++) {
            JsonNode item = json.get("items").get(i);
            assertEquals(ROWS.get(i).key(), item.get("key").textValue());
            assertEquals(JSON.readTree(ROWS.get(i).json()), item.get("data"));
            assertEquals(ROWS.get(i).version(), item.get("version").longValue());
            assertEquals("2026-12-07T04:05:06.123456Z", item.get("updatedAt").textValue());
            assertEquals(2, item.get("schemaVersion").intValue());
            assertEquals(List.of("key", "data", "version", "updatedAt", "schemaVersion"),
                    item.properties().stream().map(Map.Entry::getKey).toList());
        }
    }

    @Test
    void aPartnersRecordsAreProjectedAndARowOutsideItsFilterLeavesNoGap() throws Exception {
        RecordView amounts = RecordView.whole().narrowed(Set.of("id", "amount"), RowFilter.ALL);
        RecordView active = RecordView.whole().narrowed(Set.of("id", "amount"),
                RowFilter.ofStored(JSON.readTree("{\"status\":{\"in\":[\"active\"]}}")));

        JsonNode projected = read(pagesOf(ROWS, null).read(Fixtures.dataset(false), amounts, null, 3));
        RecordPages.Page filtered = pagesOf(ROWS, null).read(Fixtures.dataset(false), active, null, 3);

        assertEquals(JSON.readTree("{\"id\":\"K\\\"2\\\\\",\"amount\":2.50}"),
                projected.get("items").get(1).get("data"));
        assertEquals(3, projected.get("items").size());
        assertEquals(2, filtered.records());
        assertEquals(List.of("K-1", "K\u00013 ก"), read(filtered).get("items").findValuesAsText("key"));
        assertEquals(JSON.readTree("{\"id\":\"K-1\",\"amount\":1}"),
                read(filtered).get("items").get(0).get("data"));
    }

    @Test
    void aPageWithoutRecordsIsAnEmptyListAndTheLastHasNoNextCursor() throws Exception {
        RecordPages.Page page = pagesOf(List.of(), null).read(Fixtures.dataset(false), RecordView.whole(), null, 10);

        assertEquals(JSON.readTree("{\"items\":[],\"next\":null}"), read(page));
        assertEquals(0, page.records());
    }

    @Test
    void randomInstantsAtEveryPrecisionAreWrittenAsInstantWritesThem() {
        Random random = new Random(20261207);
        long latest = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        for (int n = 0; n < 200_000; n++) {
            long second = Math.floorMod(random.nextLong(), latest);
            int nano = switch (n % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(second, nano);
            assertEquals(instant.toString(), RecordPages.text(instant));
        }
    }

    @Test
    void theEdgesOfTheCalendarAndOfTheFractionAreWrittenAsInstantWritesThem() {
        List.of("1970-01-01T00:00:00Z", "2024-02-29T23:59:59.999999999Z", "2000-01-01T00:00:00.000001Z",
                "2000-01-01T00:00:00.100Z", "2000-01-01T00:00:00.000000100Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999Z", "-0001-12-31T00:00:00Z", "+10000-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z")
                .forEach(text -> {
                    Instant instant = Instant.parse(text);
                    assertEquals(instant.toString(), RecordPages.text(instant), text);
                });
    }
}
