package th.go.mol.ldx.gateway.connectors;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import th.go.mol.ldx.connector.file.FileDropSettings;
import th.go.mol.ldx.connector.jdbc.JdbcSettings;

/**
 * The connectors that read the ministry's legacy systems, one block per connector under
 * {@code ldx.connectors.sources.<name>}: a JDBC source ({@code jdbc.*}) or a file drop ({@code file.*}).
 */
@ConfigMapping(prefix = "ldx.connectors")
public interface ConnectorsConfig {

    /**
     * Whether this process runs the connectors. Every gateway may: one runs each connector at a time (an advisory
     * lock per connector). A separate connector process is the same gateway with {@code run=true} and the gateways
     * with {@code run=false}.
     */
    @WithDefault("true")
    boolean run();

    /** The connectors by name (lower case, digits and dashes). */
    Map<String, Definition> sources();

    interface Definition {

        /** {@code jdbc} or {@code file}: which of the blocks below applies. */
        Kind kind();

        /** The dataset the connector publishes to, as its owner department. */
        @NotBlank
        String dataset();

        /** Pause between rounds when there was nothing more to read. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Most rows per round, published in one transaction. */
        @WithDefault("2000")
        @Min(1)
        @Max(10000)
        int batchSize();

        /** A file connector: one invalid row keeps the whole file from being applied (JDBC sources reject by row). */
        @WithDefault("false")
        boolean allOrNothing();

        /**
         * Where each field comes from when not from the column or header of its own name: a column name for a JDBC
         * source; for a file, the header's variants separated by {@code |} (compared ignoring case and spaces).
         */
        Map<String, String> fields();

        Optional<Jdbc> jdbc();

        Optional<FileDrop> file();
    }

    enum Kind {
        JDBC, FILE
    }

    interface Jdbc {

        String url();

        Optional<String> user();

        Optional<String> password();

        /** The table or view to read; or {@code query}. */
        Optional<String> table();

        /** A SELECT to read instead of a table. */
        Optional<String> query();

        /** {@code timestamp} (a last-modified column, with the key) or {@code incrementing} (an ever-growing id). */
        @WithDefault("timestamp")
        JdbcSettings.Mode mode();

        String keyColumn();

        /** The last-modified timestamp, or the incrementing id. */
        String trackingColumn();

        /** True (or not null) when the row is deleted; without it, deletes are found by reconciliation. */
        Optional<String> softDeleteColumn();

        /** How far back each sweep re-reads: the longest a source transaction may take to commit. */
        @WithDefault("30s")
        Duration lag();

        /** In incrementing mode, how many of the last ids each sweep re-reads. */
        @WithDefault("1000")
        @Min(0)
        long lagRows();

        /** How often the whole source is read and compared: hard deletes, rows committed later than the lag. */
        @WithDefault("10m")
        Duration reconcileInterval();
    }

    interface FileDrop {

        /** The directory watched; read files move to its {@code processed/}, rejects go to {@code rejects/}. */
        Path directory();

        /** {@code snapshot}: each file is the whole dataset (absent records are deleted); {@code delta}: changes only. */
        @WithDefault("delta")
        FileDropSettings.Mode mode();

        /** {@code auto} (UTF-8, else windows-874), or a charset name such as {@code TIS-620}. */
        @WithDefault("auto")
        String encoding();

        /** In a delta file, the column that marks a row deleted (a true value, {@code delete}, {@code D} or ลบ). */
        Optional<String> deleteColumn();
    }
}
