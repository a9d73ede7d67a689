package th.go.mol.ldx.gateway.records;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jboss.logging.Logger;
import th.go.mol.ldx.gateway.access.RecordView;
import th.go.mol.ldx.gateway.audit.StreamedRecords;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * Streams a caller's whole view of a dataset, in key order, as NDJSON (one record per line, as the view shows it)
 * or as CSV (RFC 4180: a header of the fields the view shows, in schema order; a value that is an object or an
 * array is its JSON). Records are read in keyset chunks, so memory does not grow with the dataset, and an export
 * cut off is resumed after the key of its last whole line. The owner's NDJSON copies the stored JSON as it is, and
 * a partner's is projected from it ({@link RecordView#writeProjected}) unless its grant filters rows. An export
 * outlives its request's check of the grant by minutes: every second of it, the grant is checked again, and an
 * export whose grant has ended (revoked, expired or superseded) stops there, its answer cut off as a client
 * would find any broken transfer, and a resumption is refused as any read is.
 */
@ApplicationScoped
public class RecordExport {

    /** Records per query: large enough to keep PostgreSQL busy, small enough to keep the heap flat. */
    static final int CHUNK = 2_000;
    /** How long an export goes on before its grant is checked again. */
    private static final long REGRANT_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final Logger LOG = Logger.getLogger(RecordExport.class);
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** The first characters of a cell that Excel runs as a formula. */
    private static final String FORMULA_STARTS = "=+-@\t\r";

    public enum Format {
        NDJSON("application/x-ndjson"), CSV("text/csv;charset=UTF-8");

        private final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }

        public String mediaType() {
            return mediaType;
        }
    }

    private final RecordStore records;
    private final ObjectMapper json;

    RecordExport(RecordStore records, ObjectMapper json) {
        this.records = records;
        this.json = json;
    }

    /**
     * The export of {@code view}'s records after {@code afterKey} (null: from the first) while {@code granted} says
     * the view is still the caller's; {@code bom} for CSV only.
     */
    public StreamedRecords of(Dataset dataset, RecordView view, BooleanSupplier granted, Format format, boolean bom,
            String afterKey) {
        return new Stream(dataset, view, granted, format, bom, afterKey);
    }

    private final class Stream implements StreamedRecords {

        private final Dataset dataset;
        private final RecordView view;
        private final BooleanSupplier granted;
        private final Format format;
        private final boolean bom;
        private final String afterKey;
        private final List<Listener> listeners = new ArrayList<>();
        /** Records written so far: what the audit entry and the agency's day count, however the export ends. */
        private int written;

        Stream(Dataset dataset, RecordView view, BooleanSupplier granted, Format format, boolean bom,
                String afterKey) {
            this.dataset = dataset;
            this.view = view;
            this.granted = granted;
            this.format = format;
            this.bom = bom;
            this.afterKey = afterKey;
        }

        @Override
        public void whenWritten(Listener listener) {
            listeners.add(listener);
        }

        @Override
        public void write(OutputStream out) throws IOException {
            boolean whole = false;
            try {
                if (format == Format.CSV) {
                    csv(out);
                } else {
                    ndjson(out);
                }
                whole = true;
            } finally {
                for (Listener listener : listeners) {
                    listener.written(written, whole);
                }
            }
        }

        private void ndjson(OutputStream out) throws IOException {
            if (!view.filtersRows()) {
                // Copied as stored for the owner, projected from the stored bytes for a partner: no tree either way.
                OutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
                each(record -> {
                    view.writeProjected(record.json(), buffered);
                    buffered.write('\n');
                    return true;
                }, buffered::flush);
                buffered.flush();
                return;
            }
            try (JsonGenerator generator = json.getFactory().createGenerator(out)) {
                generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                // Each line ends with its own line break; Jackson's default would put a space between records.
                generator.setRootValueSeparator(null);
                each(record -> {
                    Optional<ObjectNode> shown = shown(record);
                    if (shown.isPresent()) {
                        generator.writeTree(shown.get());
                        generator.writeRaw('\n');
                    }
                    return shown.isPresent();
                }, generator::flush);
            }
        }

        private void csv(OutputStream out) throws IOException {
            if (bom) {
                out.write(BOM);
            }
            List<String> columns = dataset.fields().stream().filter(view::shows).toList();
            Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
            try (CSVPrinter csv = new CSVPrinter(text, CSVFormat.RFC4180.builder()
                    .setHeader(columns.toArray(String[]::new)).setAutoFlush(false).build())) {
                each(record -> {
                    Optional<ObjectNode> shown = shown(record);
                    if (shown.isPresent()) {
                        for (String column : columns) {
                            csv.print(cell(shown.get().get(column), bom));
                        }
                        csv.println();
                    }
                    return shown.isPresent();
                }, csv::flush);
            }
        }

        /**
         * Hands every record of the view to {@code write}, a chunk at a time, {@code flush} after each chunk, and
         * counts those it wrote.
         */
        private void each(RecordWriter write, IoAction flush) throws IOException {
            long checked = System.nanoTime();
            for (String after = afterKey; ; ) {
                List<RecordStore.RawRecord> chunk = records.rawAfter(dataset.id(), after, view.rows(), CHUNK);
                for (RecordStore.RawRecord record : chunk) {
                    if (System.nanoTime() - checked >= REGRANT_NANOS) {
                        if (!granted.getAsBoolean()) {
                            LOG.infof("the export of %s stopped after %d records, before %s: its grant is no longer in "
                                    + "effect", dataset.id(), written, record.key());
                            throw new ProblemException(ProblemType.NOT_GRANTED, "The grant this export began under is "
                                    + "no longer in effect: it stopped before record '" + record.key() + "'.");
                        }
                        checked = System.nanoTime();
                    }
                    if (write.write(record)) {
                        written++;
                    }
                }
                if (chunk.size() < CHUNK) {
                    return;
                }
                after = chunk.get(chunk.size() - 1).key();
                flush.run();
            }
        }

        /** The record as the view shows it; empty when the Java check of the rows disagrees with the SQL one. */
        private Optional<ObjectNode> shown(RecordStore.RawRecord record) throws IOException {
            return view.apply((ObjectNode) json.readTree(record.json()));
        }
    }

    /** Writes one record; false when the view does not show it after all. */
    @FunctionalInterface
    private interface RecordWriter {
        boolean write(RecordStore.RawRecord record) throws IOException;
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }

    /**
     * A CSV cell: text as it is, numbers and booleans as JSON writes them, objects and arrays as JSON, null empty.
     * In a file for Excel (with a byte order mark), a text that Excel would run as a formula (it starts with
     * {@code = + - @}, a tab or a carriage return: a name such as {@code =HYPERLINK(...)} from a provincial
     * workbook) starts with an apostrophe, so that it is shown as text (OWASP's advice on CSV injection).
     */
    private String cell(JsonNode value, boolean forExcel) throws IOException {
        if (value == null || value.isNull()) {
            return "";
        }
        if (value.isTextual()) {
            String text = value.textValue();
            return forExcel && !text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        }
        if (value.isContainerNode()) {
            return json.writeValueAsString(value);
        }
        // Plain decimals: a double that Jackson would write as 1.0E7 is 10000000.0 in the file.
        return value.isFloatingPointNumber() ? value.decimalValue().toPlainString() : value.asText();
    }
}
