-- History bound to the grant: the dataset's sequence when the grant was approved. Its change feed serves only the
-- changes after it (what the agency's topic carries after its back-fill); before it, the agency starts from a
-- snapshot (the export, or its topic's back-fill). Grants approved before this column existed keep 0.
ALTER TABLE data_grant ADD COLUMN history_after bigint NOT NULL DEFAULT 0 CHECK (history_after >= 0);
