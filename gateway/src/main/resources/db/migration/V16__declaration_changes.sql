-- Four eyes on personal-data declarations: a redefinition by an administrator that takes a declaration away waits
-- here, whole, until the dataset's owner department approves it (and is then applied, checked again) or rejects it.
-- A later proposal for the same dataset, or any redefinition applied meanwhile, supersedes one still waiting.
CREATE TABLE declaration_change (
    id          uuid        PRIMARY KEY,
    dataset_id  text        NOT NULL REFERENCES dataset (id),
    definition  jsonb       NOT NULL,
    removes     jsonb       NOT NULL CHECK (jsonb_typeof(removes) = 'array'),
    adds        jsonb       NOT NULL CHECK (jsonb_typeof(adds) = 'array'),
    -- The owner department the definition would give the dataset, when it changes it; null when it does not.
    owner       text,
    status      text        NOT NULL CHECK (status IN ('proposed', 'approved', 'rejected', 'superseded')),
    proposed_by text        NOT NULL,
    proposed_at timestamptz NOT NULL DEFAULT now(),
    decided_by  text,
    decided_at  timestamptz,
    reason      text
);
CREATE INDEX declaration_change_dataset ON declaration_change (dataset_id, proposed_at DESC);
