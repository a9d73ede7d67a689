package th.go.mol.ldx.gateway.access;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The top-level members of a stored record, read from its JSON bytes as ranges of those bytes: a member's name and
 * value are found, not parsed, so a shown value is copied as it is stored. PostgreSQL writes a jsonb as
 * {@code {"name": value, ...}}; any JSON object is read, and one that ends too soon is refused. Escapes are decoded
 * (by Jackson) only where a name or a text must be read as a string. Projecting the 50 records of a page this way
 * took 37 µs against 55 µs for Jackson's own parser and generator copying them token by token (2026-12-07, one
 * core of the benchmark machine, insured persons as agency-nso sees them).
 */
final class JsonMembers {

    private static final JsonFactory JSON = new JsonFactory();

    private final byte[] json;
    private int at;
    private int nameFrom;
    private int nameTo;
    private boolean nameEscaped;
    private int valueFrom;
    private int valueTo;
    /** Whether the last string scanned held a backslash. */
    private boolean escaped;

    JsonMembers(byte[] json) {
        this.json = json;
        this.at = space(0);
        if (at(at) != '{') {
            throw malformed();
        }
        at = space(at + 1);
        if (at(at) == '}') {
            end(at);
        }
    }

    /** The object closes at {@code brace}: nothing but spaces may follow it. */
    private void end(int brace) {
        if (space(brace + 1) != json.length) {
            throw malformed();
        }
        at = -1;
    }

    /** Moves to the next member; false after the last. */
    boolean next() {
        if (at < 0) {
            return false;
        }
        if (at(at) != '"') {
            throw malformed();
        }
        int nameEnd = stringEnd(at);
        nameFrom = at + 1;
        nameTo = nameEnd - 1;
        nameEscaped = escaped;
        at = space(nameEnd);
        if (at(at) != ':') {
            throw malformed();
        }
        valueFrom = space(at + 1);
        valueTo = valueEnd(valueFrom);
        at = space(valueTo);
        byte after = at(at);
        if (after == ',') {
            at = space(at + 1);
        } else if (after == '}') {
            end(at);
        } else {
            throw malformed();
        }
        return true;
    }

    /** Whether the member's name is {@code utf8} (the name's bytes, as a name without escapes is stored). */
    boolean nameIs(byte[] utf8) {
        return !nameEscaped && Arrays.equals(json, nameFrom, nameTo, utf8, 0, utf8.length);
    }

    boolean nameEscaped() {
        return nameEscaped;
    }

    String name() {
        return nameEscaped ? decoded(nameFrom - 1, nameTo + 1)
                : new String(json, nameFrom, nameTo - nameFrom, StandardCharsets.UTF_8);
    }

    boolean valueIsNull() {
        return json[valueFrom] == 'n';
    }

    /** Whether the value is a string, a number, {@code true} or {@code false}. */
    boolean valueIsScalar() {
        byte first = json[valueFrom];
        return first != '{' && first != '[' && first != 'n';
    }

    /**
     * A scalar value as text: a string decoded, a number written out in full by its value (PostgreSQL's form, so
     * {@code 1E-7} reads {@code 0.0000001}, as {@link RecordView#textOf} reads a number in a tree), {@code true} and
     * {@code false} as written.
     */
    String scalarText() {
        byte first = json[valueFrom];
        if (first == '-' || first >= '0' && first <= '9') {
            return new BigDecimal(new String(json, valueFrom, valueTo - valueFrom, StandardCharsets.US_ASCII))
                    .toPlainString();
        }
        if (first != '"') {
            return new String(json, valueFrom, valueTo - valueFrom, StandardCharsets.US_ASCII);
        }
        if (!stringHasEscape(valueFrom)) {
            return new String(json, valueFrom + 1, valueTo - valueFrom - 2, StandardCharsets.UTF_8);
        }
        return decoded(valueFrom, valueTo);
    }

    /** Writes the member's name as a JSON name, quoted and followed by its colon. */
    void writeName(OutputStream out) throws IOException {
        out.write(json, nameFrom - 1, nameTo - nameFrom + 2);
        out.write(':');
    }

    /** Writes the member's value as stored, without the spaces between its tokens. */
    void writeValue(OutputStream out) throws IOException {
        if (json[valueFrom] != '{' && json[valueFrom] != '[') {
            out.write(json, valueFrom, valueTo - valueFrom);
            return;
        }
        int run = valueFrom;
        for (int i = valueFrom; i < valueTo; ) {
            byte b = json[i];
            if (b == '"') {
                i = stringEnd(i);
            } else if (isSpace(b)) {
                out.write(json, run, i - run);
                i = space(i);
                run = i;
            } else {
                i++;
            }
        }
        out.write(json, run, valueTo - run);
    }

    private int valueEnd(int from) {
        byte first = at(from);
        if (first == '"') {
            return stringEnd(from);
        }
        if (first == '{' || first == '[') {
            int depth = 0;
            for (int i = from; ; ) {
                byte b = at(i);
                if (b == '"') {
                    i = stringEnd(i);
                    continue;
                }
                if (b == '{' || b == '[') {
                    depth++;
                } else if ((b == '}' || b == ']') && --depth == 0) {
                    return i + 1;
                }
                i++;
            }
        }
        int i = from;
        while (i < json.length && json[i] != ',' && json[i] != '}' && json[i] != ']' && !isSpace(json[i])) {
            i++;
        }
        if (i == from) {
            throw malformed();
        }
        return i;
    }

    /** The index just after the string that opens at {@code quote}; notes whether it held an escape. */
    private int stringEnd(int quote) {
        escaped = false;
        for (int i = quote + 1; ; i++) {
            byte b = at(i);
            if (b == '\\') {
                escaped = true;
                i++;
            } else if (b == '"') {
                return i + 1;
            }
        }
    }

    private boolean stringHasEscape(int quote) {
        stringEnd(quote);
        return escaped;
    }

    private String decoded(int from, int to) {
        try (JsonParser string = JSON.createParser(json, from, to - from)) {
            string.nextToken();
            return string.getText();
        } catch (IOException e) {
            throw new UncheckedIOException("a stored string cannot be read", e);
        }
    }

    private int space(int from) {
        int i = from;
        while (i < json.length && isSpace(json[i])) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    private byte at(int i) {
        if (i >= json.length) {
            throw malformed();
        }
        return json[i];
    }

    private static IllegalStateException malformed() {
        return new IllegalStateException("a stored record is not a JSON object");
    }
}
