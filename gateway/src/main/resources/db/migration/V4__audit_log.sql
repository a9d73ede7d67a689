-- The audit log: every data access and every admin action, in one hash chain. Entry n carries the hash of entry
-- n - 1 and its own hash over its content and that link (audit.AuditChain says exactly how), so a changed, removed
-- or inserted row breaks the chain at that row. seq is assigned by the writer under the head's lock, gapless.
-- detail is text, not jsonb: the hash covers its exact bytes, which jsonb would normalise.
CREATE TABLE audit_entry (
    seq         bigint      PRIMARY KEY,
    at          timestamptz NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('access', 'admin')),
    action      text        NOT NULL,
    credential  text,
    agency      text,
    dataset_id  text,
    purpose     text,
    grant_id    uuid,
    detail      text        NOT NULL,
    records     integer,
    outcome     integer     NOT NULL,
    trace_id    text        NOT NULL,
    prev_hash   text        NOT NULL,
    hash        text        NOT NULL
);

-- Owners read the accesses to their datasets, agencies their own, newest first, by time and dataset.
CREATE INDEX audit_entry_by_dataset ON audit_entry (dataset_id, seq);
CREATE INDEX audit_entry_by_agency ON audit_entry (agency, seq);

-- The chain's head: the row every writer locks to append, so that entries from all gateway replicas form one chain.
CREATE TABLE audit_head (
    id   boolean PRIMARY KEY DEFAULT true CHECK (id),
    seq  bigint  NOT NULL,
    hash text    NOT NULL
);
INSERT INTO audit_head (seq, hash) VALUES (0, repeat('0', 64));
