package th.go.mol.ldx.gateway.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The small helper behind hand-written SQL: one statement, its parameters in order, rows mapped by name. Inside a
 * {@code @Transactional} method every call shares the transaction's connection. Parameters: {@link Instant} is a
 * {@code timestamptz} (truncated to microseconds, see {@link #stored}), {@code String[]} a {@code text[]},
 * {@code byte[][]} a {@code bytea[]}, {@code Long[]} a {@code bigint[]}, {@code UUID[]} a {@code uuid[]},
 * {@link JsonNode} JSON text (cast it with {@code ?::jsonb}).
 */
@ApplicationScoped
public class Sql {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final AgroalDataSource db;
    private final ObjectMapper json;

    Sql(AgroalDataSource db, ObjectMapper json) {
        this.db = db;
        this.json = json;
    }

    public <T> List<T> list(String sql, Row<T> row, Object... parameters) {
        try (Connection c = db.getConnection(); PreparedStatement ps = prepare(c, sql, parameters);
                ResultSet rs = ps.executeQuery()) {
            List<T> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row.map(rs));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + firstLine(sql), e);
        }
    }

    public <T> Optional<T> one(String sql, Row<T> row, Object... parameters) {
        return list(sql, row, parameters).stream().findFirst();
    }

    /** Runs an INSERT, UPDATE or DELETE; answers the rows it changed. */
    public int update(String sql, Object... parameters) {
        try (Connection c = db.getConnection(); PreparedStatement ps = prepare(c, sql, parameters)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + firstLine(sql), e);
        }
    }

    /**
     * An instant as PostgreSQL keeps it: microseconds. Truncated here because the server would round, and a time
     * read back later than the one written (a grant approved "now" reading as not yet valid) breaks comparisons.
     */
    public static Instant stored(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** A bigint column that may be null. */
    public static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    public JsonNode json(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        try {
            return text == null ? null : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("column " + column + " holds JSON that cannot be read", e);
        }
    }

    /** JSON as UTF-8, read as bytes (a {@code text} column): no string is decoded on the way. */
    public JsonNode json(byte[] utf8) {
        try {
            return json.readTree(utf8);
        } catch (IOException e) {
            throw new IllegalStateException("a column holds JSON that cannot be read", e);
        }
    }

    public static List<String> texts(ResultSet rs, String column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : List.of((String[]) array.getArray());
    }

    private PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                Object p = parameters[i];
                if (p instanceof Instant instant) {
                    ps.setObject(i + 1, OffsetDateTime.ofInstant(stored(instant), ZoneOffset.UTC));
                } else if (p instanceof String[] texts) {
                    ps.setArray(i + 1, c.createArrayOf("text", texts));
                } else if (p instanceof byte[][] bytes) {
                    ps.setArray(i + 1, c.createArrayOf("bytea", bytes));
                } else if (p instanceof Long[] numbers) {
                    ps.setArray(i + 1, c.createArrayOf("bigint", numbers));
                } else if (p instanceof UUID[] ids) {
                    ps.setArray(i + 1, c.createArrayOf("uuid", ids));
                } else if (p instanceof JsonNode node) {
                    ps.setString(i + 1, json.writeValueAsString(node));
                } else {
                    ps.setObject(i + 1, p);
                }
            }
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        } catch (JsonProcessingException e) {
            ps.close();
            throw new IllegalStateException("a JSON parameter does not serialise", e);
        }
    }

    private static String firstLine(String sql) {
        return sql.strip().lines().findFirst().orElse("");
    }
}
