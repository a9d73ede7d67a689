package th.go.mol.ldx.gateway.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import th.go.mol.ldx.connector.ViewDigest;
import th.go.mol.ldx.gateway.access.RowFilter;
import th.go.mol.ldx.gateway.catalog.Statistics;
import th.go.mol.ldx.gateway.db.Sql;

/**
 * Reads the current state of records: by key, or a page in key order after a given key (keyset pagination) with
 * a row filter pushed down to PostgreSQL, so a page of a narrow grant costs one query however few rows pass.
 */
@ApplicationScoped
public class RecordStore {

    private final Sql sql;
    private final ObjectMapper json;

    RecordStore(Sql sql, ObjectMapper json) {
        this.sql = sql;
        this.json = json;
    }

    /** The dataset's change sequence now: what a result computed from its records is valid for. */
    public long head(String datasetId) {
        return sql.one("SELECT change_seq FROM dataset WHERE id = ?", rs -> rs.getLong(1), datasetId).orElseThrow();
    }

    /** A stored record, its data as PostgreSQL writes it (UTF-8 JSON), not parsed. */
    public record StoredRow(String key, byte[] json, long version, Instant updatedAt, int schemaVersion) {
    }

    /** A page of stored rows in key order, and the cursor of the next page ({@code null} on the last page). */
    public record RowPage(List<StoredRow> rows, String next) {
    }

    public RowPage page(String datasetId, String afterKey, int limit, RowFilter rows) {
        List<Object> parameters = new ArrayList<>(List.of(datasetId, afterKey == null ? "" : afterKey));
        String sql = "SELECT record_key, data::text, change_seq, updated_at, schema_version FROM record"
                + " WHERE dataset_id = ? AND record_key > ?"
                + where(rows, parameters, "data") + " ORDER BY record_key LIMIT ?";
        parameters.add(limit + 1);
        // The time as an OffsetDateTime: a Timestamp would make a Calendar for every row.
        List<StoredRow> items = new ArrayList<>(this.sql.list(sql, rs -> new StoredRow(rs.getString(1), rs.getBytes(2),
                rs.getLong(3), rs.getObject(4, OffsetDateTime.class).toInstant(),
                versionOf(rs.getObject(5, Integer.class))), parameters.toArray()));
        if (items.size() <= limit) {
            return new RowPage(items, null);
        }
        items.remove(limit);
        return new RowPage(items, PageCursor.after(items.get(limit - 1).key()));
    }

    /** A record's key and its data as PostgreSQL writes it (UTF-8 JSON), not parsed. */
    public record RawRecord(String key, byte[] json) {
    }

    /** Up to {@code limit} records after a key (null: from the first) that pass a filter, in key order, unparsed. */
    public List<RawRecord> rawAfter(String datasetId, String afterKey, RowFilter rows, int limit) {
        List<Object> parameters = new ArrayList<>(List.of(datasetId, afterKey == null ? "" : afterKey));
        String sql = "SELECT record_key, data::text FROM record WHERE dataset_id = ? AND record_key > ?"
                + where(rows, parameters, "data") + " ORDER BY record_key LIMIT ?";
        parameters.add(limit);
        return this.sql.list(sql, rs -> new RawRecord(rs.getString(1), rs.getBytes(2)), parameters.toArray());
    }

    /**
     * Records that share their values on some fields: those values as JSON text (null where a record lacks the
     * field), how many records, and the sum of each measure (numbers only; null when no record has one).
     */
    public record Group(List<String> values, long count, List<BigDecimal> sums) {
    }

    /** The groups of the records a filter lets through, by {@code dimensions}, with the sums of {@code measures}. */
    public List<Group> groups(String datasetId, RowFilter rows, List<String> dimensions, List<String> measures) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (String dimension : dimensions) {
            sql.append("(data -> ?::text)::text, ");
            parameters.add(dimension);
        }
        sql.append("count(*)");
        for (String measure : measures) {
            sql.append(", sum(CASE WHEN jsonb_typeof(data -> ?::text) = 'number' THEN (data ->> ?::text)::numeric END)");
            parameters.add(measure);
            parameters.add(measure);
        }
        sql.append(" FROM record WHERE dataset_id = ?");
        parameters.add(datasetId);
        sql.append(where(rows, parameters, "data")).append(groupBy(dimensions.size()));
        return this.sql.list(sql.toString(), rs -> group(rs, dimensions.size(), measures.size()), parameters.toArray());
    }

    /**
     * The same groups added up from the dataset's cells ({@code record_stats}, brought up to the dataset's head by
     * {@link StatsCells#catchUp} first), for a filter on declared dimensions only. The cells are of
     * {@code statistics}: when the dataset is declared otherwise by now, there are none to add, and the answer is
     * empty.
     */
    public List<Group> groupsOfCells(String datasetId, Statistics statistics, RowFilter rows, List<String> dimensions,
            List<String> measures) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT ");
        for (String dimension : dimensions) {
            sql.append("(cell -> ?::text)::text, ");
            parameters.add(dimension);
        }
        sql.append("sum(records)::bigint");
        for (String measure : measures) {
            sql.append(", sum(sums[?])");
            parameters.add(statistics.measures().indexOf(measure) + 1);
        }
        sql.append(" FROM record_stats WHERE dataset_id = ? AND records > 0"
                + " AND EXISTS (SELECT 1 FROM dataset WHERE id = ? AND statistics = ?::jsonb)");
        parameters.add(datasetId);
        parameters.add(datasetId);
        parameters.add(text(json.valueToTree(statistics)));
        sql.append(where(rows, parameters, "cell")).append(groupBy(dimensions.size()));
        return this.sql.list(sql.toString(), rs -> group(rs, dimensions.size(), measures.size()), parameters.toArray());
    }

    private static String groupBy(int columns) {
        List<String> positions = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
            positions.add(Integer.toString(i));
        }
        return positions.isEmpty() ? "" : " GROUP BY " + String.join(", ", positions);
    }

    private static Group group(ResultSet rs, int columns, int measures) throws SQLException {
        List<String> values = new ArrayList<>(columns);
        for (int i = 1; i <= columns; i++) {
            values.add(rs.getString(i));
        }
        List<BigDecimal> sums = new ArrayList<>(measures);
        for (int i = 0; i < measures; i++) {
            sums.add(rs.getBigDecimal(columns + 2 + i));
        }
        return new Group(values, rs.getLong(columns + 1), sums);
    }

    /**
     * The digest of the records a filter lets through, with the dataset's change sequence, both from one statement's
     * snapshot. The hash is {@link th.go.mol.ldx.connector.ViewDigest}'s, computed where the rows are.
     */
    public DatasetDigest digest(String datasetId, RowFilter rows) {
        List<Object> parameters = new ArrayList<>(List.of(datasetId, datasetId));
        String sql = """
                SELECT (SELECT change_seq FROM dataset WHERE id = ?) AS last_sequence, count(*) AS records,
                       coalesce(sum(('x' || left(encode(sha256(convert_to(record_key || E'\\n' || change_seq, 'UTF8')),
                           'hex'), 16))::bit(64)::bigint), 0) AS total
                FROM record WHERE dataset_id = ?""" + where(rows, parameters, "data");
        return this.sql.one(sql, rs -> new DatasetDigest(datasetId, rs.getLong("records"), rs.getLong("last_sequence"),
                ViewDigest.hex(rs.getBigDecimal("total").toBigInteger().longValue()), ViewDigest.ALGORITHM),
                parameters.toArray()).orElseThrow();
    }

    public Optional<StoredRecord> find(String datasetId, String key) {
        return sql.one("SELECT record_key, data, change_seq, updated_at, schema_version FROM record"
                + " WHERE dataset_id = ? AND record_key = ?",
                this::read, datasetId, key);
    }

    /** The row filter as SQL conditions on a JSON column, to append after a WHERE, its parameters added in order. */
    private String where(RowFilter rows, List<Object> parameters, String column) {
        StringBuilder where = new StringBuilder();
        for (RowFilter.Condition condition : rows.conditions()) {
            where.append(" AND ").append(predicate(condition, parameters, column));
        }
        return where.toString();
    }

    /**
     * One condition in SQL, with the comparison rules of {@link RowFilter.Condition#test}: {@code jsonb} equality
     * (numbers by value), numbers compared as numeric, strings byte-wise (COLLATE "C", code point order in UTF-8),
     * and a value of another JSON type never passes. Field names and values are parameters, never SQL text.
     */
    private String predicate(RowFilter.Condition condition, List<Object> parameters, String column) {
        String field = condition.field();
        if (!condition.operator().range()) {
            StringBuilder in = new StringBuilder(column + " -> ?::text IN (");
            parameters.add(field);
            for (int i = 0; i < condition.values().size(); i++) {
                in.append(i == 0 ? "?::jsonb" : ", ?::jsonb");
                parameters.add(text(condition.values().get(i)));
            }
            return in.append(')').toString();
        }
        String operator = switch (condition.operator()) {
            case GT -> ">";
            case GTE -> ">=";
            case LT -> "<";
            default -> "<=";
        };
        JsonNode bound = condition.values().get(0);
        parameters.add(field);
        parameters.add(field);
        if (bound.isNumber()) {
            parameters.add(bound.decimalValue());
            return "(CASE WHEN jsonb_typeof(" + column + " -> ?::text) = 'number' THEN (" + column
                    + " -> ?::text)::numeric END) " + operator + " ?";
        }
        parameters.add(bound.asText());
        return "(CASE WHEN jsonb_typeof(" + column + " -> ?::text) = 'string' THEN " + column
                + " ->> ?::text END) COLLATE \"C\" " + operator + " ?::text";
    }

    private String text(JsonNode value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a filter value always serialises", e);
        }
    }

    /** Records and changes stored before schema versions existed were checked against the only one: version 1. */
    public static int versionOf(Integer stored) {
        return stored == null ? 1 : stored;
    }

    private StoredRecord read(ResultSet rs) throws SQLException {
        try {
            return new StoredRecord(rs.getString(1), (ObjectNode) json.readTree(rs.getString(2)), rs.getLong(3),
                    rs.getTimestamp(4).toInstant(), versionOf(rs.getObject(5, Integer.class)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored record is not JSON", e);
        }
    }
}
