-- Catalog: one row per dataset. change_seq is the dataset's change counter; the row lock taken to bump it
-- orders the writers of one dataset, so seq order is commit order and the relay can never skip a change.
CREATE TABLE dataset (
    id                   text        PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{2,62}$'),
    title_th             text        NOT NULL,
    title_en             text        NOT NULL,
    description_th       text        NOT NULL DEFAULT '',
    description_en       text        NOT NULL DEFAULT '',
    owner                text        NOT NULL,
    classification       text        NOT NULL CHECK (classification IN ('public', 'internal', 'confidential', 'restricted')),
    key_field            text        NOT NULL,
    schema               jsonb       NOT NULL,
    personal_data_fields jsonb       NOT NULL DEFAULT '[]',
    change_seq           bigint      NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);

-- Current state of every record. Keys compare byte-wise (COLLATE "C") so keyset pages are stable
-- whatever the server locale; the primary key is the only index a page read needs.
CREATE TABLE record (
    dataset_id text        NOT NULL REFERENCES dataset (id),
    record_key text        COLLATE "C" NOT NULL,
    data       jsonb       NOT NULL,
    change_seq bigint      NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (dataset_id, record_key)
);

-- The change log doubles as the transactional outbox: written in the same transaction as the record,
-- read by the relay in seq order per dataset, and kept as the dataset's history.
CREATE TABLE record_change (
    dataset_id text        NOT NULL REFERENCES dataset (id),
    seq        bigint      NOT NULL,
    event_id   uuid        NOT NULL UNIQUE,
    record_key text        COLLATE "C" NOT NULL,
    operation  text        NOT NULL CHECK (operation IN ('upsert', 'delete')),
    data       jsonb,
    changed_at timestamptz NOT NULL,
    changed_by text        NOT NULL,
    PRIMARY KEY (dataset_id, seq)
);

-- Which agency (Keycloak client id) may read which dataset, and for what declared purpose (PDPA purpose binding).
CREATE TABLE dataset_grant (
    agency       text        NOT NULL,
    dataset_id   text        NOT NULL REFERENCES dataset (id),
    purpose      text        NOT NULL,
    pseudonymised boolean    NOT NULL DEFAULT true,
    granted_by   text        NOT NULL,
    granted_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (agency, dataset_id)
);
