package th.go.mol.ldx.connector.file;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads a table file a row at a time, pushing each row to a consumer, so that memory does not grow with the file. */
interface TableReader {

    /** Receives rows in order: {@code number} is the row's number in the file (1 for the first). */
    @FunctionalInterface
    interface Rows {
        void row(int number, List<String> cells) throws IOException;
    }

    void read(Path file, Rows rows) throws IOException;

    static TableReader of(Path file, String encoding) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".xlsx")) {
            return new XlsxReader();
        }
        if (name.endsWith(".csv") || name.endsWith(".txt")) {
            return new CsvReader(encoding);
        }
        throw new IllegalArgumentException("not a .csv or .xlsx file: " + file.getFileName());
    }
}
