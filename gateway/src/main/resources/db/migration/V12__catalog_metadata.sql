-- The catalog's metadata (GD-Catalog and DCAT-AP 3) and the dimensions and measures statistics may use, as the
-- owner describes them; and what LDX knows itself, kept by the write that changes records: how many records a
-- dataset holds, and when one last changed.
ALTER TABLE dataset
    ADD COLUMN metadata       jsonb,
    ADD COLUMN statistics     jsonb,
    ADD COLUMN record_count   bigint NOT NULL DEFAULT 0,
    ADD COLUMN last_change_at timestamptz;

UPDATE dataset d SET record_count = (SELECT count(*) FROM record r WHERE r.dataset_id = d.id),
                     last_change_at = (SELECT max(c.changed_at) FROM record_change c WHERE c.dataset_id = d.id);
