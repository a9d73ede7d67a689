-- Schema versions: every version of a dataset's record schema, kept for the consumers that still read it, and
-- the version each record and each change was validated against (the events' dataschema). Rows from before
-- versions existed hold NULL: version 1, the only one there was.
CREATE TABLE dataset_schema (
    dataset_id   text        NOT NULL,
    version      integer     NOT NULL CHECK (version >= 1),
    schema       jsonb       NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (dataset_id, version)
);

ALTER TABLE dataset ADD COLUMN schema_version integer NOT NULL DEFAULT 1;
ALTER TABLE record ADD COLUMN schema_version integer;
ALTER TABLE record_change ADD COLUMN schema_version integer;

INSERT INTO dataset_schema (dataset_id, version, schema, published_at) SELECT id, 1, schema, updated_at FROM dataset;
