-- Connectors that read the ministry's legacy systems (connectors.ConnectorHost). One row per configured connector:
-- its offset (stored in the same transaction as the changes it covers), the admins' pause and reset, and what it did.
CREATE TABLE connector (
    name            text        PRIMARY KEY,
    kind            text        NOT NULL CHECK (kind IN ('jdbc', 'file')),
    dataset_id      text        NOT NULL,
    source_offset   text,
    paused          boolean     NOT NULL DEFAULT false,
    reset_requested boolean     NOT NULL DEFAULT false,
    runner          text,
    heartbeat_at    timestamptz,
    last_run_at     timestamptz,
    last_error      text,
    rows_read       bigint      NOT NULL DEFAULT 0,
    rows_accepted   bigint      NOT NULL DEFAULT 0,
    rows_rejected   bigint      NOT NULL DEFAULT 0,
    rows_changed    bigint      NOT NULL DEFAULT 0,
    lag_seconds     double precision,
    registered_at   timestamptz NOT NULL DEFAULT now()
);

-- The keys a full snapshot has read so far; what the dataset holds beyond them is deleted when it ends. Unlogged:
-- after a crash the snapshot starts again.
CREATE UNLOGGED TABLE connector_seen (
    connector  text NOT NULL,
    record_key text COLLATE "C" NOT NULL,
    PRIMARY KEY (connector, record_key)
);

-- The last rejected rows of each connector, for admins (a file connector also writes a rejects file).
CREATE TABLE connector_reject (
    id          bigserial   PRIMARY KEY,
    connector   text        NOT NULL,
    rejected_at timestamptz NOT NULL,
    origin      text        NOT NULL,
    field       text,
    reason      text        NOT NULL
);
CREATE INDEX connector_reject_by_connector ON connector_reject (connector, id);
