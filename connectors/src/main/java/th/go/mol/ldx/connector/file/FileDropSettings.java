package th.go.mol.ldx.connector.file;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A directory that a department drops CSV or .xlsx files into, each a full snapshot of one dataset or a delta.
 *
 * @param headersByField the header variants each field may appear under, besides the field's own name
 * @param deleteColumn in a delta, the column that marks a row deleted; null when deltas only upsert
 * @param allOrNothing one bad row rejects the whole file
 */
public record FileDropSettings(Path directory, Mode mode, String encoding, Map<String, List<String>> headersByField,
        String deleteColumn, boolean allOrNothing, int batchSize) {

    public enum Mode {
        SNAPSHOT, DELTA
    }

    public FileDropSettings {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(encoding, "encoding");
        headersByField = Map.copyOf(headersByField);
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
    }
}
