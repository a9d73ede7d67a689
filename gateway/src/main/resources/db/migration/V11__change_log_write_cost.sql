-- What every change paid for and nothing needed (ADR 011: measured, they were two fifths of a batch's write time).
--
-- Event ids are made by the change log's one write statement (gen_random_uuid(), 122 random bits) and nothing
-- looks a change up by its id: the unique index cost each change a random B-tree insert. Consumers still
-- de-duplicate on the id.
ALTER TABLE record_change DROP CONSTRAINT record_change_event_id_key;

-- The gateway writes records and changes only through ingest.ChangeLog, after it has locked the dataset's row
-- (FOR UPDATE): the lock proves the dataset exists and holds off any change to it until the write commits, and
-- datasets are never deleted. The foreign keys repeated that proof once per row, each with a lookup of its own.
ALTER TABLE record_change DROP CONSTRAINT record_change_dataset_id_fkey;
ALTER TABLE record DROP CONSTRAINT record_dataset_id_fkey;
