package th.go.mol.ldx.gateway.records;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
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
 * as stored, a partner's are projected from their bytes ({@link RecordView#writeProjected}), and only a grant that
 * filters rows makes each record a tree, to test it in Java after SQL did (whatever the two might disagree on is
 * dropped). The page around the records is written here, byte by byte, in the shape of {@code RecordPage} in the
 * contract, so that the records' bytes go into the answer as they are, with no generator between.
 */
@ApplicationScoped
public class RecordPages {

    /** The answer's bytes, how many records it shows, and the cursor of the next page (null on the last). */
    public record Page(byte[] json, int records, String next) {
    }

    private static final int[] UNITS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private static final byte[] ITEMS = ascii("{\"items\":[");
    private static final byte[] KEY = ascii("{\"key\":");
    private static final byte[] NEXT_KEY = ascii(",{\"key\":");
    private static final byte[] DATA = ascii(",\"data\":");
    private static final byte[] VERSION = ascii(",\"version\":");
    private static final byte[] UPDATED_AT = ascii(",\"updatedAt\":\"");
    private static final byte[] SCHEMA_VERSION = ascii("\",\"schemaVersion\":");
    private static final byte[] NEXT = ascii("],\"next\":");

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
        try {
            out.write(ITEMS);
            for (RecordStore.StoredRow row : page.rows()) {
                Optional<ObjectNode> tested = view.filtersRows()
                        ? view.apply((ObjectNode) json.readTree(row.json())) : Optional.empty();
                if (view.filtersRows() && tested.isEmpty()) {
                    continue;
                }
                out.write(shown == 0 ? KEY : NEXT_KEY);
                string(out, row.key());
                out.write(DATA);
                if (tested.isPresent()) {
                    out.write(json.writeValueAsBytes(tested.get()));
                } else {
                    view.writeProjected(row.json(), out);
                }
                out.write(VERSION);
                number(out, row.version());
                out.write(UPDATED_AT);
                ascii(out, text(row.updatedAt()));
                out.write(SCHEMA_VERSION);
                number(out, row.schemaVersion());
                out.write('}');
                shown++;
            }
            out.write(NEXT);
            if (page.next() == null) {
                ascii(out, "null");
            } else {
                string(out, page.next());
            }
            out.write('}');
        } catch (IOException e) {
            throw new UncheckedIOException("a page always writes to memory", e);
        }
        return new Page(out.toByteArray(), shown, page.next());
    }

    private static void string(ByteArrayBuilder out, String text) {
        out.write('"');
        out.write(JsonStringEncoder.getInstance().quoteAsUTF8(text));
        out.write('"');
    }

    private static void ascii(ByteArrayBuilder out, String text) {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static void number(ByteArrayBuilder out, long value) {
        if (value < 0) {
            ascii(out, Long.toString(value));
            return;
        }
        byte[] digits = new byte[19];
        int at = digits.length;
        long rest = value;
        do {
            digits[--at] = (byte) ('0' + rest % 10);
            rest /= 10;
        } while (rest > 0);
        out.write(digits, at, digits.length - at);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
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

    /** {@code value} (below 10 to the {@code width}) in {@code width} digits, zeros first. */
    private static StringBuilder digits(StringBuilder text, int value, int width) {
        for (int unit = UNITS[width - 1]; unit > 0; unit /= 10) {
            text.append((char) ('0' + value / unit % 10));
        }
        return text;
    }
}
