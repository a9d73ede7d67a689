package th.go.mol.ldx.connector.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import th.go.mol.ldx.connector.ChangeSink;
import th.go.mol.ldx.connector.ChangeSink.SourceChange;
import th.go.mol.ldx.connector.FieldType;
import th.go.mol.ldx.connector.RecordChange;
import th.go.mol.ldx.connector.Source;

/**
 * Reads a table or query of a legacy database. See ADR 011 for why nothing is missed:
 * <ul>
 * <li>a <b>snapshot</b> reads every row, first when there is no offset and then every {@code reconcileInterval}; the
 * records it did not see are deleted;</li>
 * <li>between snapshots, <b>sweeps</b> read the rows whose tracking value is past the offset minus the lag window, in
 * (tracking, key) order, a page per round; a transaction that commits late with an earlier value is read by the next
 * sweep as long as it is within the window, and by the next snapshot otherwise.</li>
 * </ul>
 * Re-reading a row that did not change publishes nothing: the change log drops an upsert equal to the stored record.
 */
public final class JdbcSource implements Source {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcSettings settings;
    private final Clock clock;
    private Connection connection;
    private Instant lastSnapshot;
    /** The open snapshot: its statement's cursor, streamed a page per round. */
    private SnapshotRead snapshot;
    /** Where the current sweep is: the last (tracking, key) read; null between sweeps. */
    private Object[] sweepCursor;
    private Object offsetValue;
    /** When a sweep last found nothing more to read: the source was read up to its latest row. */
    private Instant caughtUpAt;
    private double lagSeconds;

    public JdbcSource(JdbcSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.caughtUpAt = clock.instant();
    }

    @Override
    public Round poll(ChangeSink sink) throws SQLException {
        if (connection == null || !connection.isValid(2)) {
            closeQuietly();
            connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password());
            // The stored offset is the truth: an admin's reset clears it, a crash may have left this one ahead.
            offsetValue = null;
            lastSnapshot = null;
            sink.offset().ifPresent(this::readOffset);
        }
        boolean snapshotDue = offsetValue == null || lastSnapshot == null
                || lastSnapshot.plus(settings.reconcileInterval()).isBefore(clock.instant());
        if (snapshot != null || (snapshotDue && sweepCursor == null)) {
            return snapshotPage(sink);
        }
        return sweepPage(sink);
    }

    private Round snapshotPage(ChangeSink sink) throws SQLException {
        if (snapshot == null) {
            snapshot = new SnapshotRead(sink.snapshot());
        }
        Rows rows = new Rows();
        List<String> seen = new ArrayList<>();
        boolean more = false;
        RowReader reader = new RowReader(snapshot.rows, sink);
        while (snapshot.rows.next()) {
            Row row = rows.add(reader.row());
            if (row.change() != null && row.change().change() instanceof RecordChange.Upsert) {
                seen.add(row.change().change().key());
            }
            if (rows.read == settings.batchSize()) {
                more = true;
                break;
            }
        }
        snapshot.seen.seen(seen);
        int accepted = rows.publish(sink);
        if (!more) {
            snapshot.close();
            lastSnapshot = clock.instant();
            snapshot.seen.finish(offset());
            snapshot = null;
            connection.commit();
            connection.setAutoCommit(true);
        }
        updateLag(false);
        return new Round(rows.read, accepted, rows.read - accepted, more);
    }

    private Round sweepPage(ChangeSink sink) throws SQLException {
        String tracking = settings.trackingColumn();
        String key = settings.keyColumn();
        String sql;
        List<Object> parameters = new ArrayList<>();
        if (sweepCursor == null) {
            sql = "SELECT * FROM " + settings.source() + " WHERE " + tracking + " >= ?";
            parameters.add(sweepStart());
        } else {
            sql = "SELECT * FROM " + settings.source() + " WHERE " + tracking + " > ? OR (" + tracking + " = ? AND "
                    + key + " > ?)";
            parameters.add(sweepCursor[0]);
            parameters.add(sweepCursor[0]);
            parameters.add(sweepCursor[1]);
        }
        Rows rows = new Rows();
        try (PreparedStatement ps = connection.prepareStatement(sql + " ORDER BY " + tracking + ", " + key)) {
            ps.setMaxRows(settings.batchSize());
            ps.setFetchSize(settings.batchSize());
            for (int i = 0; i < parameters.size(); i++) {
                ps.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                RowReader reader = new RowReader(rs, sink);
                while (rs.next()) {
                    Row row = rows.add(reader.row());
                    sweepCursor = new Object[] {row.tracking(), rs.getObject(key)};
                }
            }
        }
        boolean more = rows.read == settings.batchSize();
        if (!more) {
            sweepCursor = null;
        }
        int accepted = rows.read == 0 ? 0 : rows.publish(sink);
        updateLag(!more);
        return new Round(rows.read, accepted, rows.read - accepted, more);
    }

    /** Where a sweep starts: the offset minus the lag window (a time) or minus the re-read ids. */
    private Object sweepStart() {
        if (settings.mode() == JdbcSettings.Mode.TIMESTAMP) {
            return Timestamp.from(((Timestamp) offsetValue).toInstant().minus(settings.lag()));
        }
        return ((Number) offsetValue).longValue() - settings.lagRows();
    }

    /** A row read: its change, or (change null) why it could not be one; and its tracking value. */
    private record Row(SourceChange change, ChangeSink.Rejection unreadable, Object tracking) {
    }

    /**
     * Reads the rows of one result set: which column fills which field is worked out once, from its metadata and the
     * dataset's fields as the sink gave them at the start of the round.
     */
    private final class RowReader {

        private final ResultSet rs;
        private final String keyField;
        private final Map<String, FieldType> types = new LinkedHashMap<>();
        private final Map<String, Integer> columnOfField = new LinkedHashMap<>();

        RowReader(ResultSet rs, ChangeSink sink) throws SQLException {
            this.rs = rs;
            this.keyField = sink.keyField();
            ResultSetMetaData meta = rs.getMetaData();
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), i);
            }
            for (Map.Entry<String, FieldType> field : sink.fieldTypes().entrySet()) {
                String column = settings.columnsByField().getOrDefault(field.getKey(), field.getKey());
                Integer index = columns.get(column.toLowerCase(Locale.ROOT));
                if (index != null) {
                    types.put(field.getKey(), field.getValue());
                    columnOfField.put(field.getKey(), index);
                }
            }
        }

        Row row() throws SQLException {
            ObjectNode data = JsonNodeFactory.instance.objectNode();
            Object tracking = settings.mode() == JdbcSettings.Mode.TIMESTAMP ? rs.getTimestamp(settings.trackingColumn())
                    : rs.getLong(settings.trackingColumn());
            String origin = settings.keyColumn() + "=" + rs.getString(settings.keyColumn());
            for (Map.Entry<String, Integer> field : columnOfField.entrySet()) {
                try {
                    put(data, field.getKey(), types.get(field.getKey()), rs, field.getValue());
                } catch (NumberFormatException | ArithmeticException e) {
                    return new Row(null, new ChangeSink.Rejection(origin, field.getKey(), "'" + rs.getString(field.getValue())
                            + "' is not " + (types.get(field.getKey()) == FieldType.INTEGER ? "a whole number" : "a number")),
                            tracking);
                }
            }
            String key = data.hasNonNull(keyField) ? data.get(keyField).asText() : null;
            if (key == null || key.isBlank() || key.length() > RecordChange.MAX_KEY_LENGTH) {
                return new Row(null, new ChangeSink.Rejection(origin, keyField, key == null || key.isBlank()
                        ? "no key" : "a key has at most " + RecordChange.MAX_KEY_LENGTH + " characters"), tracking);
            }
            boolean deleted = settings.softDeleteColumn() != null && isSet(rs.getObject(settings.softDeleteColumn()));
            RecordChange change = deleted ? new RecordChange.Delete(key) : new RecordChange.Upsert(key, data);
            return new Row(new SourceChange(change, origin), null, tracking);
        }
    }

    private static void put(ObjectNode data, String field, FieldType type, ResultSet rs, int index) throws SQLException {
        Object value = rs.getObject(index);
        if (value == null) {
            return;
        }
        switch (type) {
            case INTEGER -> data.put(field, value instanceof Number n ? new BigDecimal(n.toString()).longValueExact()
                    : Long.parseLong(value.toString().trim()));
            case NUMBER -> data.put(field, new BigDecimal(value.toString().trim()));
            case BOOLEAN -> data.put(field, value instanceof Boolean b ? b.booleanValue() : Boolean.parseBoolean(value.toString()));
            case DATE -> data.put(field, value instanceof java.sql.Date d ? d.toLocalDate().toString()
                    : value instanceof Timestamp t ? t.toLocalDateTime().toLocalDate().toString() : value.toString());
            default -> data.put(field, value instanceof Timestamp t ? t.toInstant().toString() : value.toString());
        }
    }

    private static boolean isSet(Object softDelete) {
        return softDelete instanceof Boolean b ? b : softDelete != null;
    }

    /**
     * A timestamp later than now plus the lag window (a clock gone wrong, a date typed in error): such a row is
     * published but does not move the offset, or every row changed before that date would be swept past.
     */
    private boolean inTheFuture(Object tracking) {
        return tracking instanceof Timestamp t && t.toInstant().isAfter(clock.instant().plus(settings.lag()));
    }

    /** The rows of a round: changes, rows that could be none, the highest tracking value. */
    private final class Rows {

        private final List<SourceChange> changes = new ArrayList<>();
        private final List<ChangeSink.Rejection> unreadable = new ArrayList<>();
        private int read;

        Row add(Row row) {
            read++;
            if (!inTheFuture(row.tracking())) {
                offsetValue = max(offsetValue, row.tracking());
            }
            if (row.change() != null) {
                changes.add(row.change());
            } else {
                unreadable.add(row.unreadable());
            }
            return row;
        }

        /** Publishes the round with the offset past it; answers the changes applied. */
        int publish(ChangeSink sink) {
            List<SourceChange> distinct = SourceChange.lastOfEachKey(changes);
            int accepted = sink.publish(distinct, unreadable, offset()).accepted();
            // A key read twice in a round counts once as applied, and the row it replaced as read and applied too.
            return accepted + (changes.size() - distinct.size());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object max(Object current, Object candidate) {
        if (current == null) {
            return candidate;
        }
        return candidate != null && ((Comparable) candidate).compareTo(current) > 0 ? candidate : current;
    }

    /** The offset as stored: the highest tracking value published and when the last snapshot finished. */
    private String offset() {
        if (offsetValue == null) {
            return null;
        }
        ObjectNode offset = JsonNodeFactory.instance.objectNode();
        if (offsetValue instanceof Timestamp t) {
            offset.put("tracking", t.toInstant().toString());
        } else {
            offset.put("tracking", ((Number) offsetValue).longValue());
        }
        if (lastSnapshot != null) {
            offset.put("snapshotAt", lastSnapshot.toString());
        }
        return offset.toString();
    }

    private void readOffset(String text) {
        try {
            JsonNode offset = JSON.readTree(text);
            JsonNode tracking = offset.path("tracking");
            offsetValue = settings.mode() == JdbcSettings.Mode.TIMESTAMP
                    ? Timestamp.from(Instant.parse(tracking.asText())) : tracking.asLong();
            lastSnapshot = offset.hasNonNull("snapshotAt") ? Instant.parse(offset.get("snapshotAt").asText()) : null;
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the stored offset " + text + " is not this source's; reset the connector", e);
        }
    }

    /**
     * The lag, the same in both modes: none once a sweep has read up to the source's latest row, else the time since
     * one last did (since the source started, before the first), so a snapshot or a backlog shows as growing lag and
     * an idle table as none.
     */
    private void updateLag(boolean caughtUp) {
        Instant now = clock.instant();
        if (caughtUp) {
            caughtUpAt = now;
        }
        lagSeconds = caughtUp ? 0 : Duration.between(caughtUpAt, now).toMillis() / 1000.0;
    }

    @Override
    public double lagSeconds() {
        return lagSeconds;
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (snapshot != null) {
            snapshot.close();
            snapshot = null;
        }
        sweepCursor = null;
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // The connection is being replaced or the source stopped: nothing is left to release.
            }
            connection = null;
        }
    }

    /** A snapshot's statement, kept open across rounds: autocommit off, so that drivers stream with the fetch size. */
    private final class SnapshotRead {

        final ChangeSink.Snapshot seen;
        final PreparedStatement statement;
        final ResultSet rows;

        SnapshotRead(ChangeSink.Snapshot seen) throws SQLException {
            this.seen = seen;
            connection.setAutoCommit(false);
            statement = connection.prepareStatement("SELECT * FROM " + settings.source());
            statement.setFetchSize(settings.batchSize());
            rows = statement.executeQuery();
        }

        void close() {
            try {
                rows.close();
                statement.close();
            } catch (SQLException e) {
                // Closing a finished or broken cursor: the connection's rollback or close releases it.
            }
        }
    }
}
