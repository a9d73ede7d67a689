package th.go.mol.ldx.connector.file;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.poi.ss.usermodel.RichTextString;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A workbook's shared strings, kept in a temporary file instead of the heap. POI's {@code ReadOnlySharedStringsTable}
 * holds every distinct text of the workbook while its sheet is read: a registry export of millions of names and
 * IDs would need that much memory. Here each string is written to the file as UTF-8 as the table is parsed, and the
 * heap keeps only where each one starts (8 to 16 bytes a string); a cell's string is read back when the sheet names
 * it. The text of a string is what POI's table gives: the text of its runs, without phonetic runs. The file, which
 * holds the workbook's personal data, is readable by its owner only and deleted once the workbook is read.
 */
final class SpilledSharedStrings extends DefaultHandler implements SharedStrings, Closeable {

    /** Elements of other namespaces (extensions) are not the table's, as in POI's own. */
    private static final String SPREADSHEET_ML = XSSFRelation.NS_SPREADSHEETML;

    private final Path file;
    private final OutputStream out;
    private FileChannel channel;
    /** Start of string i at offsets[i]; one more entry than strings: where the next would start. */
    private long[] offsets = new long[1024];
    private int strings;
    private long written;
    private int count;
    private final StringBuilder text = new StringBuilder();
    private boolean inText;
    private boolean inPhonetic;

    private SpilledSharedStrings(Path file, OutputStream out) {
        this.file = file;
        this.out = out;
    }

    /** Reads the table of a workbook part (null: a workbook without shared strings). */
    static SpilledSharedStrings read(InputStream table) throws IOException {
        // A temporary file is made readable by its owner only.
        Path file = Files.createTempFile("ldx-shared-strings-", ".txt");
        SpilledSharedStrings strings;
        try {
            strings = new SpilledSharedStrings(file, new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        try {
            if (table != null) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(strings);
                parser.parse(new InputSource(table));
            }
            strings.out.close();
            strings.channel = FileChannel.open(strings.file, StandardOpenOption.READ);
            return strings;
        } catch (SAXException | ParserConfigurationException e) {
            strings.close();
            throw new IOException("the workbook's shared strings are not readable: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            strings.close();
            throw e;
        }
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
        if (!SPREADSHEET_ML.equals(uri)) {
            return;
        }
        switch (localName) {
            case "sst" -> count = parse(attributes.getValue("count"));
            case "si" -> text.setLength(0);
            case "t" -> inText = true;
            case "rPh" -> inPhonetic = true;
            default -> { }
        }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
        if (!SPREADSHEET_ML.equals(uri)) {
            return;
        }
        switch (localName) {
            case "si" -> add(text.toString());
            case "t" -> inText = false;
            case "rPh" -> inPhonetic = false;
            default -> { }
        }
    }

    @Override
    public void characters(char[] chars, int start, int length) {
        if (inText && !inPhonetic) {
            text.append(chars, start, length);
        }
    }

    private void add(String string) throws SAXException {
        byte[] bytes = string.getBytes(StandardCharsets.UTF_8);
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new SAXException("the shared strings could not be written to " + file, e);
        }
        if (strings + 1 == offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[strings] = written;
        written += bytes.length;
        offsets[++strings] = written;
    }

    @Override
    public RichTextString getItemAt(int index) {
        if (index < 0 || index >= strings) {
            throw new IllegalArgumentException("the workbook has no shared string " + index);
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) (offsets[index + 1] - offsets[index]));
        try {
            while (bytes.hasRemaining()) {
                if (channel.read(bytes, offsets[index] + bytes.position()) < 0) {
                    throw new IOException("shared strings file " + file + " ends early");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new XSSFRichTextString(new String(bytes.array(), StandardCharsets.UTF_8));
    }

    @Override
    public int getCount() {
        return count;
    }

    @Override
    public int getUniqueCount() {
        return strings;
    }

    /** Deletes the file. */
    @Override
    public void close() throws IOException {
        try {
            out.close();
            if (channel != null) {
                channel.close();
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static int parse(String number) {
        try {
            return number == null ? 0 : Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
