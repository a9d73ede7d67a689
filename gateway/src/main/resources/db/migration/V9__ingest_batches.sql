-- Batches applied with an Idempotency-Key: a retry of the same request answers the stored receipt instead of
-- applying the changes again. Kept for ldx.ingest.idempotency-retention, pruned by the dataset's next keyed batch.
-- The receipt is JSON kept as text: it is only ever answered again, never queried.
CREATE TABLE ingest_batch (
    dataset_id      text        NOT NULL REFERENCES dataset (id),
    idempotency_key text        NOT NULL,
    request_hash    text        NOT NULL,
    receipt         text        NOT NULL,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (dataset_id, idempotency_key)
);
CREATE INDEX ingest_batch_by_age ON ingest_batch (dataset_id, created_at);
