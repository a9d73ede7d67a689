package th.go.mol.ldx.devstack.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams millions of generated records straight into the gateway's {@code record} table with PostgreSQL COPY,
 * for benchmarks at national scale. It bypasses the API and the change log on purpose: nothing is validated,
 * nothing is published to Kafka (a new grant's back-fill does carry them to its agency topic), and the records carry
 * the dataset's current sequence as their version; it adds them to the dataset's record count. Never point it at a
 * real database.
 * The local run calls it with {@code -Dldx.demo.bulk=N} ({@code bench/record-reads.sh} does).
 */
public final class BulkLoad {

    private static final int CHUNK = 2_000;

    private BulkLoad() {
    }

    /** Loads records {@code first..last} of a demo dataset that the catalog already holds; answers the rows written. */
    public static long load(Connection c, DemoDataset dataset, DemoData data, int first, int last) throws SQLException {
        return load(c, dataset.id(), dataset, data, first, last);
    }

    /** The same into another dataset of the catalog, defined with the demo dataset's schema. */
    public static long load(Connection c, String datasetId, DemoDataset dataset, DemoData data, int first, int last)
            throws SQLException {
        long version;
        try (PreparedStatement ps = c.prepareStatement("SELECT change_seq FROM dataset WHERE id = ?")) {
            ps.setString(1, datasetId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                version = rs.getLong(1);
            }
        }
        String suffix = "\t" + version + "\t" + Instant.now() + "\n";
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY record (dataset_id, record_key, data, change_seq, updated_at) FROM STDIN");
        StringBuilder chunk = new StringBuilder();
        for (int n = first; n <= last; n++) {
            ObjectNode record = dataset.record(data, n);
            chunk.append(datasetId).append('\t').append(escape(record.get(dataset.keyField()).asText())).append('\t')
                    .append(escape(record.toString())).append(suffix);
            if ((n - first + 1) % CHUNK == 0 || n == last) {
                byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                chunk.setLength(0);
            }
        }
        long loaded = copy.endCopy();
        // The count the catalog shows is the change log's to keep; records that bypass it are counted here.
        try (PreparedStatement ps = c.prepareStatement("UPDATE dataset SET record_count = record_count + ? WHERE id = ?")) {
            ps.setLong(1, loaded);
            ps.setString(2, datasetId);
            ps.executeUpdate();
        }
        // So are its statistics cells, which otherwise follow the change log: they are counted again from the table.
        try (PreparedStatement ps = c.prepareStatement("SELECT record_stats_rebuild(?)")) {
            ps.setString(1, datasetId);
            ps.executeQuery().close();
        }
        return loaded;
    }

    /** COPY's text format treats backslash as an escape; JSON text has no raw tabs or newlines to escape. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\");
    }
}
