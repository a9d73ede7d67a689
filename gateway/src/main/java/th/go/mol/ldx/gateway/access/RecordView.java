package th.go.mol.ldx.gateway.access;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import th.go.mol.ldx.gateway.catalog.JsonPointer;
import java.util.stream.Collectors;

/**
 * What one reader may see of the records of one dataset: which rows pass, which fields are shown, and which
 * fields are replaced by the reader's own pseudonyms. The same view serves REST pages, single records, and
 * change events. {@link #project} builds a new node and leaves the one it is given untouched.
 */
public final class RecordView {

    private static final RecordView WHOLE = new RecordView(null, RowFilter.ALL, Set.of(), List.of(), 1, 0,
            UnaryOperator.identity());
    /** Reads and writes the value of a field holding nested national IDs as the gateway does: numbers exactly. */
    private static final ObjectMapper EXACT = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();

    /** Shown fields; null shows every field. */
    private final Set<String> fields;
    private final RowFilter rows;
    private final Set<String> pseudonymised;
    /** National IDs nested in shown fields, each as the member names from the record down to it. */
    private final List<List<String>> nested;
    /** The fields that hold {@link #nested} members. */
    private final Set<String> nestedTops;
    /** The version of the reader's pseudonym key that {@link #pseudonym} computes with. */
    private final int pseudonymKey;
    /** The dataset sequence after which the reader's history begins: its grant's, 0 for the whole view. */
    private final long historyAfter;
    private final UnaryOperator<String> pseudonym;
    /** The names of {@link #fields} and {@link #pseudonymised} as UTF-8, to be found in stored JSON bytes. */
    private final byte[][] shownNames;
    private final byte[][] pseudonymisedNames;

    RecordView(Set<String> fields, RowFilter rows, Set<String> pseudonymised, List<List<String>> nested,
            int pseudonymKey, long historyAfter, UnaryOperator<String> pseudonym) {
        this.fields = fields == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(fields));
        this.rows = rows;
        this.pseudonymised = Set.copyOf(pseudonymised);
        this.nested = nested.stream().filter(path -> path.size() > 1 && shows(path.get(0))).map(List::copyOf).toList();
        this.nestedTops = this.nested.stream().map(path -> path.get(0)).collect(Collectors.toUnmodifiableSet());
        this.pseudonymKey = pseudonymKey;
        this.historyAfter = historyAfter;
        this.pseudonym = pseudonym;
        this.shownNames = fields == null ? null : utf8(this.fields);
        this.pseudonymisedNames = utf8(this.pseudonymised);
    }

    /** Every field of every row as stored: what the owner department sees. */
    public static RecordView whole() {
        return WHOLE;
    }

    public RowFilter rows() {
        return rows;
    }

    public boolean shows(String field) {
        return fields == null || fields.contains(field);
    }

    /**
     * Everything the reader sees as its own pseudonyms: the fields, and the nested members as JSON pointers. A topic
     * projected with other members than these is sent again.
     */
    public Set<String> pseudonymisedMembers() {
        Set<String> members = new TreeSet<>(pseudonymised);
        nested.forEach(path -> members.add(JsonPointer.of(path)));
        return members;
    }

    /**
     * The version of the reader's pseudonym key its pseudonyms are computed with, or null when it is shown none: what
     * its events say, so that a subscriber knows when a rotation replaced them.
     */
    public Integer pseudonymKey() {
        return pseudonymised.isEmpty() && nested.isEmpty() ? null : pseudonymKey;
    }

    /** Whether the reader sees this field as its own pseudonyms rather than as stored. */
    public boolean pseudonymises(String field) {
        return pseudonymised.contains(field);
    }

    public boolean admits(JsonNode data) {
        return rows.test(data);
    }

    /** The record as this reader sees it, or empty when its row is outside the view. */
    public Optional<ObjectNode> apply(ObjectNode data) {
        return admits(data) ? Optional.of(project(data)) : Optional.empty();
    }

    /** The shown fields of a record, national IDs pseudonymised where the view says so. */
    public ObjectNode project(ObjectNode data) {
        if (fields == null && pseudonymised.isEmpty() && nested.isEmpty()) {
            return data;
        }
        ObjectNode shown = data.objectNode();
        for (Map.Entry<String, JsonNode> field : data.properties()) {
            String name = field.getKey();
            if (!shows(name)) {
                continue;
            }
            JsonNode value = field.getValue();
            // The same precedence as writeProjected: a field declared a national ID is one, whatever lies within it.
            if (pseudonymised.contains(name) && !value.isNull()) {
                if (value.isValueNode()) {
                    shown.put(name, pseudonym.apply(textOf(value)));
                }
                // A national ID held in an array or an object has no pseudonym: it is left out, never shown as stored.
            } else if (nestedTops.contains(name)) {
                shown.set(name, withNestedPseudonyms(name, value));
            } else {
                shown.set(name, value);
            }
        }
        return shown;
    }

    /**
     * A field's value with the national IDs nested in it replaced by pseudonyms, as a copy. A national ID held in an
     * array or an object is left out, as a field would be; a path through anything but objects holds none.
     */
    private JsonNode withNestedPseudonyms(String name, JsonNode value) {
        if (!value.isObject()) {
            return value;
        }
        ObjectNode copy = ((ObjectNode) value).deepCopy();
        for (List<String> path : nested) {
            if (!path.get(0).equals(name)) {
                continue;
            }
            JsonNode parent = copy;
            for (int i = 1; i < path.size() - 1 && parent != null; i++) {
                parent = parent.get(path.get(i));
            }
            if (parent instanceof ObjectNode holder) {
                String last = path.get(path.size() - 1);
                JsonNode id = holder.get(last);
                if (id == null || id.isNull()) {
                    continue;
                }
                if (id.isValueNode()) {
                    holder.put(last, pseudonym.apply(textOf(id)));
                } else {
                    holder.remove(last);
                }
            }
        }
        return copy;
    }

    /**
     * The text a national ID is pseudonymised from: a string as it reads, a number written out in full by its value
     * (PostgreSQL's form), whatever form it was read in, so that a record's tree (a Kafka feed, a row-filtered page)
     * and its stored bytes ({@link #writeProjected}) give the reader the same pseudonym.
     */
    static String textOf(JsonNode value) {
        return value.isNumber() ? value.decimalValue().toPlainString() : value.asText();
    }

    /** Whether some rows are outside the view: then a record is shown only after its row is tested. */
    public boolean filtersRows() {
        return !rows.conditions().isEmpty();
    }

    /**
     * Writes a record, read from its stored JSON bytes, as {@link #project} shows it, without building a tree: shown
     * members are copied as they are stored ({@link JsonMembers}), hidden ones skipped, national IDs replaced by
     * pseudonyms; a view that shows every field as stored copies the bytes as they are, as {@link #project} returns
     * the record it is given. For a view that filters no rows ({@link #filtersRows}).
     */
    public void writeProjected(byte[] stored, OutputStream out) throws IOException {
        if (filtersRows()) {
            throw new IllegalStateException("a view that filters rows tests each record before it shows it");
        }
        if (fields == null && pseudonymised.isEmpty() && nested.isEmpty()) {
            out.write(stored);
            return;
        }
        JsonMembers members = new JsonMembers(stored);
        out.write('{');
        boolean first = true;
        while (members.next()) {
            if (fields != null && !isNamed(members, shownNames, fields)) {
                continue;
            }
            boolean pseudonymous = !members.valueIsNull() && isNamed(members, pseudonymisedNames, pseudonymised);
            if (pseudonymous && !members.valueIsScalar()) {
                // As project(): a national ID held in an array or an object has no pseudonym, and is left out.
                continue;
            }
            if (!first) {
                out.write(',');
            }
            first = false;
            members.writeName(out);
            if (!pseudonymous && !nestedTops.isEmpty() && nestedTops.contains(members.name())) {
                // Rare, so read as a tree: only the fields that hold nested national IDs, the rest copied as bytes.
                ByteArrayOutputStream value = new ByteArrayOutputStream();
                members.writeValue(value);
                out.write(EXACT.writeValueAsBytes(withNestedPseudonyms(members.name(),
                        EXACT.readTree(value.toByteArray()))));
            } else if (pseudonymous) {
                out.write('"');
                out.write(JsonStringEncoder.getInstance().quoteAsUTF8(pseudonym.apply(members.scalarText())));
                out.write('"');
            } else {
                members.writeValue(out);
            }
        }
        out.write('}');
    }

    /** Whether the member's name is one of {@code names}, given as UTF-8 bytes and as strings. */
    private static boolean isNamed(JsonMembers member, byte[][] utf8, Set<String> names) {
        if (member.nameEscaped()) {
            return names.contains(member.name());
        }
        for (byte[] name : utf8) {
            if (member.nameIs(name)) {
                return true;
            }
        }
        return false;
    }

    private static byte[][] utf8(Set<String> names) {
        byte[][] utf8 = new byte[names.size()][];
        int i = 0;
        for (String name : names) {
            utf8[i++] = name.getBytes(StandardCharsets.UTF_8);
        }
        return utf8;
    }

    /**
     * A narrower view that a reader asks for: fewer fields, fewer rows. The caller has checked that every asked
     * field is shown by this view ({@link #shows}); {@code fields} null keeps this view's fields.
     */
    public RecordView narrowed(Set<String> fields, RowFilter filter) {
        return new RecordView(fields == null ? this.fields : fields, rows.and(filter), pseudonymised, nested,
                pseudonymKey, historyAfter, pseudonym);
    }

    /**
     * The sequence of the dataset's change log after which the reader's history begins: a partner's grant reads
     * none of the changes committed before its approval (it starts from a snapshot of them); the owner reads all.
     */
    public long historyAfter() {
        return historyAfter;
    }

}
