package th.go.mol.ldx.connector.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import th.go.mol.ldx.connector.ChangeSink;
import th.go.mol.ldx.connector.FieldType;
import th.go.mol.ldx.connector.RecordChange;
import th.go.mol.ldx.connector.Source;

/** The file drop's own rules, against a sink that records what it is given and rejects negative amounts. */
class FileDropSourceTest {

    @TempDir
    Path drop;

    @Test
    void anAllOrNothingFileWithOneBadRowAppliesNothingAndMovesToRejects() throws Exception {
        Files.writeString(drop.resolve("a.csv"), "id,amount\nA-1,1\nA-2,-5\nA-3,3\n");
        RecordingSink sink = new RecordingSink();

        Source.Round round = source(FileDropSettings.Mode.DELTA, true).poll(sink);

        assertEquals(List.of(), sink.applied);
        assertEquals(new Source.Round(3, 0, 3, false), round);
        assertTrue(Files.exists(inRejects("a.csv")));
        assertEquals(List.of("row,column,reason", "3,amount,must be at least 0"),
                Files.readString(inRejects("a.csv.rejects.csv")).replace("\uFEFF", "").lines().toList());
    }

    @Test
    void withoutAllOrNothingGoodRowsAreAppliedAndTheBadOneRejected() throws Exception {
        Files.writeString(drop.resolve("a.csv"), "id,amount\nA-1,1\nA-2,-5\nA-3,x\n");
        RecordingSink sink = new RecordingSink();

        Source.Round round = source(FileDropSettings.Mode.DELTA, false).poll(sink);

        assertEquals(List.of("A-1"), sink.applied);
        assertEquals(new Source.Round(3, 1, 2, false), round);
        assertEquals(List.of("4"), sink.unreadable, "row 4 (A-3) has no number for amount: it never became a change");
    }

    @Test
    void aSnapshotWithoutRowsOrAFileWithoutTheKeyColumnIsRefusedWhole() throws Exception {
        Files.writeString(drop.resolve("1-empty.csv"), "id,amount\n,\n");
        Files.writeString(drop.resolve("2-nokey.csv"), "code,amount\nA-1,1\n");
        RecordingSink sink = new RecordingSink();
        Source source = source(FileDropSettings.Mode.SNAPSHOT, false);

        source.poll(sink);
        source.poll(sink);

        assertEquals(List.of(), sink.applied);
        assertEquals(0, sink.snapshots, "no snapshot started, so nothing was deleted");
        assertTrue(Files.exists(inRejects("1-empty.csv")));
        assertTrue(Files.exists(inRejects("2-nokey.csv")));
    }

    @Test
    void thaiTextInWindows874IsReadAsThai() throws Exception {
        Charset thai = Charset.forName("x-windows-874");
        Files.write(drop.resolve("t.csv"), "id,amount,name\nA-1,1,สมชาย ใจดี\n".getBytes(thai));

        assertEquals(thai, CsvReader.detect(drop.resolve("t.csv")));
        Files.write(drop.resolve("u.csv"), "id,amount,name\nA-1,1,สมชาย ใจดี\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(StandardCharsets.UTF_8, CsvReader.detect(drop.resolve("u.csv")));
        Files.delete(drop.resolve("u.csv"));
        RecordingSink sink = new RecordingSink();

        source(FileDropSettings.Mode.DELTA, false).poll(sink);

        assertEquals("สมชาย ใจดี", sink.data.get(0).get("name").asText());
    }

    /** A file in rejects/, named {@code <time>-<name>}. */
    private Path inRejects(String name) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = Files.list(drop.resolve("rejects"))) {
            return files.filter(f -> f.getFileName().toString().endsWith("-" + name)).findFirst().orElseThrow();
        }
    }

    private Source source(FileDropSettings.Mode mode, boolean allOrNothing) {
        return new FileDropSource(new FileDropSettings(drop, mode, "auto", Map.of(), null, allOrNothing, 100),
                Clock.systemUTC());
    }

    private static final class RecordingSink implements ChangeSink {

        final List<String> applied = new ArrayList<>();
        final List<com.fasterxml.jackson.databind.node.ObjectNode> data = new ArrayList<>();
        final List<String> unreadable = new ArrayList<>();
        int snapshots;

        @Override
        public String keyField() {
            return "id";
        }

        @Override
        public Map<String, FieldType> fieldTypes() {
            return FieldType.of(new ObjectMapper().createObjectNode().set("properties", new ObjectMapper().valueToTree(
                    Map.of("id", Map.of("type", "string"), "amount", Map.of("type", "integer"),
                            "name", Map.of("type", "string")))));
        }

        @Override
        public Optional<String> offset() {
            return Optional.empty();
        }

        @Override
        public Published publish(List<SourceChange> changes, List<Rejection> unreadableRows, String offset) {
            List<Rejection> rejected = check(changes);
            unreadableRows.forEach(r -> unreadable.add(r.origin()));
            for (SourceChange change : changes) {
                if (rejected.stream().noneMatch(r -> r.origin().equals(change.origin()))) {
                    applied.add(change.change().key());
                    if (change.change() instanceof RecordChange.Upsert upsert) {
                        data.add(upsert.data());
                    }
                }
            }
            return new Published(changes.size() - rejected.size(), changes.size() - rejected.size(), rejected);
        }

        @Override
        public List<Rejection> check(List<SourceChange> changes) {
            return changes.stream().filter(c -> c.change() instanceof RecordChange.Upsert u && u.data().path("amount").asLong() < 0)
                    .map(c -> new Rejection(c.origin(), "amount", "must be at least 0")).toList();
        }

        @Override
        public Snapshot snapshot() {
            snapshots++;
            return new Snapshot() {
                @Override
                public void seen(Collection<String> keys) {
                }

                @Override
                public int finish(String offset) {
                    return 0;
                }
            };
        }
    }
}
