-- Grants become a lifecycle: an agency requests, the owner department or an administrator approves or rejects,
-- the grant is in effect during its validity, then expires, or is revoked or superseded. The grants of 0.1
-- (agency x dataset x free-text purpose) are not carried over: no deployment holds any.
DROP TABLE dataset_grant;

-- The declared purposes of processing, each with its legal basis under the PDPA (section 24, or consent).
CREATE TABLE purpose (
    code            text        PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{1,62}$'),
    title_th        text        NOT NULL,
    title_en        text        NOT NULL,
    legal_basis     text        NOT NULL CHECK (legal_basis IN ('consent', 'research-statistics', 'vital-interest',
                                    'contract', 'public-task', 'legitimate-interest', 'legal-obligation')),
    legal_reference text,
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE data_grant (
    id           uuid        PRIMARY KEY,
    agency       text        NOT NULL,
    dataset_id   text        NOT NULL REFERENCES dataset (id),
    fields       jsonb       NOT NULL CHECK (jsonb_typeof(fields) = 'array'),
    row_filter   jsonb       NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(row_filter) = 'object'),
    purposes     text[]      NOT NULL CHECK (cardinality(purposes) > 0),
    identified   boolean     NOT NULL DEFAULT false,
    -- As requested; set to the approval time when approval comes later.
    valid_from   timestamptz NOT NULL,
    valid_until  timestamptz NOT NULL CHECK (valid_until > valid_from),
    -- Stored status; "scheduled", "active" and "expired" are an approved grant's validity read against the clock.
    status       text        NOT NULL CHECK (status IN ('requested', 'approved', 'rejected', 'revoked', 'superseded')),
    requested_by text        NOT NULL,
    requested_at timestamptz NOT NULL
);
-- The policy's lookup on every read.
CREATE INDEX data_grant_approved ON data_grant (agency, dataset_id) WHERE status = 'approved';
CREATE INDEX data_grant_dataset ON data_grant (dataset_id);

-- Who did what to a grant, and when; never updated.
CREATE TABLE grant_event (
    grant_id uuid        NOT NULL REFERENCES data_grant (id),
    seq      int         NOT NULL,
    action   text        NOT NULL CHECK (action IN ('requested', 'approved', 'rejected', 'revoked', 'superseded',
                                                    'shortened')),
    actor    text        NOT NULL,
    at       timestamptz NOT NULL,
    note     text,
    PRIMARY KEY (grant_id, seq)
);
