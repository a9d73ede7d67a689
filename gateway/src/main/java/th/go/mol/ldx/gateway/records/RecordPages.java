package th.go.mol.ldx.gateway.records;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import th.go.mol.ldx.gateway.access.RecordView;
import th.go.mol.ldx.gateway.catalog.Dataset;

/**
 * A page of records as JSON, written from the stored JSON straight into the answer: the owner's records are copied
 * as stored, a partner's are projected as they are read ({@link RecordView#writeProjected}), and only a grant that
 * filters rows makes each record a tree, to test it in Java after SQL did (whatever the two might disagree on is
 * dropped). The shape is that of {@code RecordPage} in the contract.
 */
@ApplicationScoped
public class RecordPages {

    /** The answer's bytes, how many records it shows, and the cursor of the next page (null on the last). */
    public record Page(byte[] json, int records, String next) {
    }

    private final RecordStore records;
    private final ObjectMapper json;

    RecordPages(RecordStore records, ObjectMapper json) {
        this.records = records;
        this.json = json;
    }

    public Page read(Dataset dataset, RecordView view, String afterKey, int limit) {
        RecordStore.RowPage page = records.page(dataset.id(), afterKey, limit, view.rows());
        ByteArrayBuilder out = new ByteArrayBuilder(512 + page.rows().size() * 512);
        int shown = 0;
        try (JsonGenerator generator = json.getFactory().createGenerator(out)) {
            generator.writeStartObject();
            generator.writeArrayFieldStart("items");
            for (RecordStore.StoredRow row : page.rows()) {
                Optional<ObjectNode> tested = view.filtersRows()
                        ? view.apply((ObjectNode) json.readTree(row.json())) : Optional.empty();
                if (view.filtersRows() && tested.isEmpty()) {
                    continue;
                }
                generator.writeStartObject();
                generator.writeStringField("key", row.key());
                generator.writeFieldName("data");
                if (tested.isPresent()) {
                    generator.writeTree(tested.get());
                } else if (view == RecordView.whole()) {
                    generator.writeRawValue(new String(row.json(), StandardCharsets.UTF_8));
                } else {
                    try (JsonParser stored = json.getFactory().createParser(row.json())) {
                        view.writeProjected(stored, generator);
                    }
                }
                generator.writeNumberField("version", row.version());
                generator.writeStringField("updatedAt", text(row.updatedAt()));
                generator.writeNumberField("schemaVersion", row.schemaVersion());
                generator.writeEndObject();
                shown++;
            }
            generator.writeEndArray();
            generator.writeStringField("next", page.next());
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("a page always writes to memory", e);
        }
        return new Page(out.toByteArray(), shown, page.next());
    }

    /**
     * The instant as {@link Instant#toString} writes it (ISO-8601 in UTC, the fraction in groups of three digits),
     * without its formatter, which took a twentieth of a page's time (RecordPagesTest compares the two).
     */
    static String text(Instant instant) {
        LocalDateTime utc = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (utc.getYear() < 0 || utc.getYear() > 9999) {
            return instant.toString();
        }
        StringBuilder text = new StringBuilder(30);
        digits(text, utc.getYear(), 4).append('-');
        digits(text, utc.getMonthValue(), 2).append('-');
        digits(text, utc.getDayOfMonth(), 2).append('T');
        digits(text, utc.getHour(), 2).append(':');
        digits(text, utc.getMinute(), 2).append(':');
        digits(text, utc.getSecond(), 2);
        int nano = instant.getNano();
        if (nano != 0) {
            text.append('.');
            if (nano % 1_000_000 == 0) {
                digits(text, nano / 1_000_000, 3);
            } else if (nano % 1_000 == 0) {
                digits(text, nano / 1_000, 6);
            } else {
                digits(text, nano, 9);
            }
        }
        return text.append('Z').toString();
    }

    /** {@code value} in {@code width} digits, zeros first. */
    private static StringBuilder digits(StringBuilder text, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            text.append('0');
        }
        return text.append(digits);
    }
}
