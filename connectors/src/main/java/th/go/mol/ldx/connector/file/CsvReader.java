package th.go.mol.ldx.connector.file;

import java.io.IOException;
import java.io.Reader;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV in UTF-8 (with or without a byte-order mark) or in the Thai single-byte encodings, TIS-620 and its superset
 * windows-874; {@code auto} decodes the file as strict UTF-8 first and falls back to windows-874 when that fails.
 * The delimiter is a comma, or a semicolon or tab when the header holds one of those and no comma.
 */
final class CsvReader implements TableReader {

    /** Windows' Thai code page: TIS-620 plus a few punctuation marks, what Excel writes for "CSV" in Thai Windows. */
    static final Charset THAI_WINDOWS = Charset.forName("x-windows-874");

    private final String encoding;

    CsvReader(String encoding) {
        this.encoding = encoding;
    }

    @Override
    public void read(Path file, Rows rows) throws IOException {
        Charset charset = "auto".equalsIgnoreCase(encoding) ? detect(file) : Charset.forName(encoding);
        char delimiter = delimiter(file, charset);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(false).get();
        try (Reader reader = reader(file, charset, CodingErrorAction.REPLACE); CSVParser parser = CSVParser.parse(reader, format)) {
            int number = 0;
            for (CSVRecord record : parser) {
                number++;
                List<String> cells = new ArrayList<>(record.size());
                record.forEach(cells::add);
                if (number == 1 && !cells.isEmpty() && cells.get(0).startsWith("\uFEFF")) {
                    cells.set(0, cells.get(0).substring(1));
                }
                rows.row(number, cells);
            }
        }
    }

    /** UTF-8 when the whole file decodes as UTF-8 (read once, streaming), else windows-874. */
    static Charset detect(Path file) throws IOException {
        try (Reader reader = reader(file, StandardCharsets.UTF_8, CodingErrorAction.REPORT)) {
            char[] buffer = new char[64 * 1024];
            while (reader.read(buffer) >= 0) {
                // decoding is the check
            }
            return StandardCharsets.UTF_8;
        } catch (CharacterCodingException e) {
            return THAI_WINDOWS;
        }
    }

    private static char delimiter(Path file, Charset charset) throws IOException {
        try (Reader reader = reader(file, charset, CodingErrorAction.REPLACE)) {
            StringBuilder firstLine = new StringBuilder();
            for (int c = reader.read(); c >= 0 && c != '\n' && firstLine.length() < 64 * 1024; c = reader.read()) {
                firstLine.append((char) c);
            }
            String header = firstLine.toString();
            if (header.indexOf(',') < 0) {
                if (header.indexOf(';') >= 0) {
                    return ';';
                }
                if (header.indexOf('\t') >= 0) {
                    return '\t';
                }
            }
            return ',';
        }
    }

    private static Reader reader(Path file, Charset charset, CodingErrorAction onError) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        return Channels.newReader(channel, charset.newDecoder().onMalformedInput(onError)
                .onUnmappableCharacter(onError), 64 * 1024);
    }
}
