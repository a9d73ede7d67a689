package th.go.mol.ldx.gateway.connectors;

import java.time.Instant;

/**
 * What admins see of a connector: its source, where it is (offset), whether it runs, and what it has done: rows
 * read (a sweep re-reads its window, a snapshot every row), accepted (valid), rejected, and changed (those that
 * changed a record: one event each).
 * {@code status} is {@code running}, {@code paused}, {@code failing} (the last round failed: see
 * {@code lastError}) or {@code stopped} (no process has run it for a while).
 */
public record ConnectorState(String name, String kind, String datasetId, String status, String offset, boolean paused,
        String runner, Instant heartbeatAt, Instant lastRunAt, String lastError, long rowsRead, long rowsAccepted,
        long rowsRejected, long rowsChanged, Double lagSeconds) {
}
