package th.go.mol.ldx.connector.jdbc;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a JDBC source reads and how: a table or a query of a legacy database, in timestamp+key or incrementing mode.
 *
 * @param relation a table (or view) to read; null when {@code query} is given instead
 * @param keyColumn the column that identifies a row (ordering within equal timestamps)
 * @param trackingColumn the last-modified timestamp (TIMESTAMP mode) or the ever-growing id (INCREMENTING mode)
 * @param softDeleteColumn a column that is true (or not null) when the row is deleted; null when rows are removed
 * @param lag how far back each sweep re-reads (TIMESTAMP mode): a row committed this late is not missed
 * @param lagRows how many of the last ids each sweep re-reads (INCREMENTING mode)
 * @param reconcileInterval how often the whole source is read and compared (late rows beyond the lag, hard deletes)
 * @param columnsByField which column fills each field; fields not named here take the column of the same name
 */
public record JdbcSettings(String url, String user, String password, String relation, String query, Mode mode,
        String keyColumn, String trackingColumn, String softDeleteColumn, Duration lag, long lagRows,
        Duration reconcileInterval, int batchSize, Map<String, String> columnsByField) {

    public enum Mode {
        TIMESTAMP, INCREMENTING
    }

    public JdbcSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(keyColumn, "key column");
        Objects.requireNonNull(trackingColumn, "tracking column");
        if ((relation == null) == (query == null)) {
            throw new IllegalArgumentException("a JDBC source reads a table or a query, exactly one of them");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        columnsByField = Map.copyOf(columnsByField);
    }

    /** The rows the source reads, as a derived table. */
    String source() {
        return query != null ? "(" + query + ") src" : relation;
    }
}
