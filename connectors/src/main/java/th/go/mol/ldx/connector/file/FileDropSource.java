package th.go.mol.ldx.connector.file;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import th.go.mol.ldx.connector.ChangeSink;
import th.go.mol.ldx.connector.ChangeSink.Rejection;
import th.go.mol.ldx.connector.ChangeSink.SourceChange;
import th.go.mol.ldx.connector.FieldType;
import th.go.mol.ldx.connector.RecordChange;
import th.go.mol.ldx.connector.Source;

/**
 * Watches a directory for CSV and .xlsx files, oldest first, and publishes each: a delta as upserts (and deletes
 * where the delete column says so), a snapshot as upserts plus deletes of every record the file does not hold.
 * A file is read a row at a time and published in batches; bad rows go to {@code rejects/<time>-<file>.rejects.csv} (row,
 * column, reason) and do not hold good rows back, unless the connector is all-or-nothing: then the file is checked
 * first and, with one bad row, nothing of it is applied. A read file moves to {@code processed/}; one rejected whole
 * to {@code rejects/}. Files are picked up whole: drop them by renaming into the directory (names starting with a dot
 * or ending in .part or .tmp are left alone).
 */
public final class FileDropSource implements Source {

    public static final String PROCESSED = "processed";
    public static final String REJECTS = "rejects";
    private static final Set<String> DELETE_MARKS = Set.of("true", "yes", "y", "1", "d", "delete", "deleted", "ลบ");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final FileDropSettings settings;
    private final Clock clock;
    private double lagSeconds;

    public FileDropSource(FileDropSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public Round poll(ChangeSink sink) throws IOException {
        List<Path> waiting = waiting();
        lagSeconds = waiting.isEmpty() ? 0
                : Duration.between(Files.getLastModifiedTime(waiting.get(0)).toInstant(), clock.instant()).toMillis() / 1000.0;
        if (waiting.isEmpty()) {
            return Round.IDLE;
        }
        Path file = waiting.get(0);
        Round round = new FileRead(file, sink).run();
        return new Round(round.read(), round.accepted(), round.rejected(), waiting.size() > 1);
    }

    @Override
    public double lagSeconds() {
        return lagSeconds;
    }

    @Override
    public void close() {
        // Nothing is held between rounds: a file is opened, read and closed within one.
    }

    private List<Path> waiting() throws IOException {
        try (Stream<Path> files = Files.list(Files.createDirectories(settings.directory()))) {
            return files.filter(Files::isRegularFile).filter(FileDropSource::isTable)
                    .sorted(Comparator.comparing(FileDropSource::modified).thenComparing(Path::getFileName)).toList();
        }
    }

    private static boolean isTable(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".csv") || name.endsWith(".xlsx") || name.endsWith(".txt"));
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (IOException e) {
            return Instant.MAX;
        }
    }

    /** Header text as compared with a field's variants: no case, spaces, underscores, dashes or dots. */
    static String normalise(String header) {
        String text = Normalizer.normalize(header.replace("\uFEFF", ""), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        return text.replaceAll("[\\s_.\\-]", "");
    }

    /** One file, read once to check it (all-or-nothing) and once to publish it. */
    private final class FileRead {

        private final Path file;
        private final ChangeSink sink;
        private final Map<String, FieldType> types;
        private final String keyField;
        /** Everything rejected in the file, for its rejects file; fields by name. */
        private final List<Rejection> rejects = new ArrayList<>();
        /** When the file was picked up: the prefix of its names in processed/ and rejects/, so none is overwritten. */
        private final String stamp = STAMP.format(clock.instant());
        private long read;
        private long accepted;
        private long rejectedRows;
        private boolean checking;
        /** Column index to field, from the header row; null until the header is read. */
        private Map<Integer, String> columns;
        private List<String> headers = List.of();
        private int deleteColumn = -1;
        private List<SourceChange> batch = new ArrayList<>();
        /** Rows that could not be read since the last publish: the sink counts and keeps them too. */
        private List<Rejection> unreadable = new ArrayList<>();
        private List<String> seen = new ArrayList<>();
        private boolean anyKey;
        private ChangeSink.Snapshot snapshot;

        FileRead(Path file, ChangeSink sink) {
            this.file = file;
            this.sink = sink;
            this.types = sink.fieldTypes();
            this.keyField = sink.keyField();
        }

        Round run() throws IOException {
            TableReader reader = TableReader.of(file, settings.encoding());
            checking = settings.allOrNothing();
            reader.read(file, this::row);
            Optional<Rejection> unusable = unusable();
            if (unusable.isPresent()) {
                rejects.add(unusable.get());
                return rejectWhole();
            }
            if (checking) {
                flush(null);
                if (!rejects.isEmpty()) {
                    return rejectWhole();
                }
                checking = false;
                read = 0;
                columns = null;
                seen = new ArrayList<>();
                reader.read(file, this::row);
            }
            String offset = JsonNodeFactory.instance.objectNode().put("file", file.getFileName().toString())
                    .put("rows", read).toString();
            if (settings.mode() == FileDropSettings.Mode.SNAPSHOT) {
                flush(null);
                snapshot().seen(seen);
                snapshot().finish(offset);
            } else {
                flush(offset);
            }
            writeRejects();
            move(PROCESSED, stamp + "-" + file.getFileName());
            return new Round(read, accepted, rejectedRows, false);
        }

        /** Why LDX cannot use the file at all: no column for the key, or a snapshot with no rows. */
        private Optional<Rejection> unusable() {
            if (columns == null || !columns.containsValue(keyField)) {
                return Optional.of(new Rejection("1", keyField, "no column holds the key field '" + keyField
                        + "'; the headers are " + headers));
            }
            if (settings.mode() == FileDropSettings.Mode.SNAPSHOT && (read == 0 || !anyKey)) {
                return Optional.of(new Rejection("1", "", "a snapshot without a row that has a key would delete every "
                        + "record"));
            }
            return Optional.empty();
        }

        /** Nothing of the file is applied: its rejects are recorded, the file moves to rejects/. */
        private Round rejectWhole() throws IOException {
            // Nothing of the file was published before: a refusal comes before the first batch, or after a check.
            sink.publish(List.of(), List.copyOf(rejects), null);
            writeRejects();
            move(REJECTS, stamp + "-" + file.getFileName());
            return new Round(read, 0, read, false);
        }

        private void row(int number, List<String> cells) throws IOException {
            if (cells.stream().allMatch(c -> c == null || c.isBlank())) {
                return;
            }
            if (columns == null) {
                header(cells);
                return;
            }
            if (!columns.containsValue(keyField)) {
                return;
            }
            read++;
            String origin = Integer.toString(number);
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            List<Rejection> faults = new ArrayList<>();
            for (Map.Entry<Integer, String> column : columns.entrySet()) {
                String cell = column.getKey() < cells.size() ? cells.get(column.getKey()) : null;
                try {
                    JsonNode value = CellParser.parse(cell, types.get(column.getValue()));
                    if (value != null) {
                        data.set(column.getValue(), value);
                    }
                } catch (CellParser.CellException e) {
                    faults.add(new Rejection(origin, column.getValue(), e.getMessage()));
                }
            }
            String key = data.hasNonNull(keyField) ? data.get(keyField).asText() : null;
            if (key == null || key.length() > RecordChange.MAX_KEY_LENGTH) {
                faults.add(new Rejection(origin, keyField, key == null ? "no key" : "a key has at most "
                        + RecordChange.MAX_KEY_LENGTH + " characters"));
            } else {
                anyKey = true;
                if (settings.mode() == FileDropSettings.Mode.SNAPSHOT) {
                    // A record whose new row is broken stays as it was: it is not deleted for being unreadable.
                    seen.add(key);
                }
            }
            if (!faults.isEmpty()) {
                rejects.addAll(faults);
                unreadable.addAll(faults);
                rejectedRows++;
                return;
            }
            boolean deleted = deleteColumn >= 0 && deleteColumn < cells.size()
                    && DELETE_MARKS.contains(cells.get(deleteColumn).strip().toLowerCase(Locale.ROOT));
            batch.add(new SourceChange(deleted ? new RecordChange.Delete(key) : new RecordChange.Upsert(key, data), origin));
            if (batch.size() == settings.batchSize()) {
                flush(null);
            }
        }

        private void header(List<String> cells) {
            headers = cells;
            Map<String, String> fieldByHeader = new HashMap<>();
            for (String field : types.keySet()) {
                fieldByHeader.put(normalise(field), field);
                settings.headersByField().getOrDefault(field, List.of()).forEach(v -> fieldByHeader.put(normalise(v), field));
            }
            columns = new LinkedHashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                String normalised = normalise(cells.get(i));
                String field = fieldByHeader.get(normalised);
                if (field != null && !columns.containsValue(field)) {
                    columns.put(i, field);
                }
                if (settings.deleteColumn() != null && normalised.equals(normalise(settings.deleteColumn()))) {
                    deleteColumn = i;
                }
            }
        }

        private void flush(String offset) {
            List<SourceChange> distinct = SourceChange.lastOfEachKey(batch);
            batch = new ArrayList<>();
            if (checking) {
                List<Rejection> found = sink.check(distinct);
                rejects.addAll(found);
                rejectedRows += found.stream().map(Rejection::origin).distinct().count();
                return;
            }
            if (distinct.isEmpty() && unreadable.isEmpty() && offset == null) {
                return;
            }
            if (settings.mode() == FileDropSettings.Mode.SNAPSHOT && !seen.isEmpty()) {
                snapshot().seen(seen);
                seen = new ArrayList<>();
            }
            ChangeSink.Published published = sink.publish(distinct, unreadable, offset);
            unreadable = new ArrayList<>();
            accepted += published.accepted();
            rejects.addAll(published.rejections());
            rejectedRows += distinct.size() - published.accepted();
        }

        private ChangeSink.Snapshot snapshot() {
            if (snapshot == null) {
                snapshot = sink.snapshot();
            }
            return snapshot;
        }

        /** The rejects file: a row per fault, by row number, columns named as the file names them. */
        private void writeRejects() throws IOException {
            if (rejects.isEmpty()) {
                return;
            }
            Map<String, String> headerOf = new HashMap<>();
            if (columns != null) {
                columns.forEach((index, field) -> headerOf.put(field, headers.get(index)));
            }
            List<Rejection> sorted = new ArrayList<>(rejects);
            sorted.sort(Comparator.comparingInt(r -> Integer.parseInt(r.origin())));
            Path directory = Files.createDirectories(settings.directory().resolve(REJECTS));
            Path target = directory.resolve(stamp + "-" + file.getFileName() + ".rejects.csv");
            try (BufferedWriter out = Files.newBufferedWriter(target, StandardCharsets.UTF_8);
                    CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
                out.write('\uFEFF');
                csv.printRecord("row", "column", "reason");
                for (Rejection r : sorted) {
                    csv.printRecord(r.origin(), headerOf.getOrDefault(r.field(), r.field()), r.reason());
                }
            }
        }

        private void move(String to, String name) throws IOException {
            Path directory = Files.createDirectories(settings.directory().resolve(to));
            Files.move(file, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
