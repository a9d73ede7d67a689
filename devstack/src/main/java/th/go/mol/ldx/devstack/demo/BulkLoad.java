package th.go.mol.ldx.devstack.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams millions of generated records straight into the gateway's {@code record} table with PostgreSQL COPY,
 * for benchmarks at national scale. It bypasses the API and the change log on purpose: nothing is validated,
 * nothing is published to Kafka, and the records carry version 0. Never point it at a real database.
 * The local run calls it with {@code -Dldx.demo.bulk=N} ({@code bench/record-reads.sh} does).
 */
public final class BulkLoad {

    private static final int CHUNK = 2_000;

    private BulkLoad() {
    }

    /** Loads records {@code first..last} of a demo dataset that the catalog already holds; answers the rows written. */
    public static long load(Connection c, DemoDataset dataset, DemoData data, int first, int last) throws SQLException {
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY record (dataset_id, record_key, data, change_seq, updated_at) FROM STDIN");
        String suffix = "\t0\t" + Instant.now() + "\n";
        StringBuilder chunk = new StringBuilder();
        for (int n = first; n <= last; n++) {
            ObjectNode record = dataset.record(data, n);
            chunk.append(dataset.id()).append('\t').append(escape(record.get(dataset.keyField()).asText())).append('\t')
                    .append(escape(record.toString())).append(suffix);
            if ((n - first + 1) % CHUNK == 0 || n == last) {
                byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                chunk.setLength(0);
            }
        }
        return copy.endCopy();
    }

    /** COPY's text format treats backslash as an escape; JSON text has no raw tabs or newlines to escape. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\");
    }
}
