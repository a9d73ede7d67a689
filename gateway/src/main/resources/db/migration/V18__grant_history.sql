-- History bound to the grant: the dataset's sequence after which the grant's history begins. Its change feed serves
-- only the changes after it (what the agency's topic carries after its back-fill); before it, the agency starts from a
-- snapshot (the export, or its topic's back-fill). Set at an approval that takes effect at once (or continued from the
-- grant a renewal replaces); null for a grant not approved, or approved to take effect later, whose history begins
-- with the last change before its validFrom. Grants approved before this column existed keep 0.
ALTER TABLE data_grant ADD COLUMN history_after bigint CHECK (history_after >= 0);
UPDATE data_grant SET history_after = 0 WHERE status <> 'requested';
