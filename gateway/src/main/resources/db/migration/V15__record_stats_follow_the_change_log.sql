-- The statistics cells follow each dataset's change log instead of being kept by triggers on `record`: a write
-- held the dataset's write lock while its trigger added up its cells (13 µs a record, a third of a batch's time
-- under the lock), so every publisher of the dataset waited for it. Now `record_stats_catch_up` adds up the
-- changes after the cells' position, outside the writers' lock: every gateway calls it every second, and a
-- statistics read calls it before it reads the cells, so an answer still counts every change committed before it.

DROP TRIGGER record_stats_in ON record;
DROP TRIGGER record_stats_moved ON record;
DROP TRIGGER record_stats_out ON record;
DROP FUNCTION record_stats_follow();

-- No foreign key from the cells to their dataset (datasets are never deleted, as V11 says of the records): its
-- check would take a key-share lock on the dataset's row for every new cell, and so wait for the writer that
-- holds that row, and deadlock with a redeclaration, which holds the row and then wants the cells' position.
ALTER TABLE record_stats DROP CONSTRAINT record_stats_dataset_id_fkey;

-- The sequence of the dataset's change log that its cells have counted up to. A row exists while the dataset
-- declares statistics; the follower locks it, so one transaction at a time moves a dataset's cells.
CREATE TABLE record_stats_position (
    dataset_id text   PRIMARY KEY,
    seq        bigint NOT NULL
);

INSERT INTO record_stats_position (dataset_id, seq) SELECT id, change_seq FROM dataset WHERE statistics IS NOT NULL;

-- Counts a dataset's records as they are into its cells, and sets their position to `seq`: called under the
-- dataset's write lock, so the records stand at that sequence. The position row is taken first, as the follower
-- takes it, so the two never wait for each other's cells.
CREATE FUNCTION record_stats_recount(of_dataset text, declared jsonb, counted_to bigint) RETURNS void
    LANGUAGE plpgsql SET enable_sort = off AS $$
BEGIN
    IF declared IS NULL THEN
        DELETE FROM record_stats_position WHERE dataset_id = of_dataset;
    ELSE
        INSERT INTO record_stats_position (dataset_id, seq) VALUES (of_dataset, counted_to)
        ON CONFLICT (dataset_id) DO UPDATE SET seq = EXCLUDED.seq;
    END IF;
    DELETE FROM record_stats WHERE dataset_id = of_dataset;
    IF declared IS NOT NULL THEN
        EXECUTE record_stats_delta(of_dataset, declared,
            format('SELECT dataset_id, data, 1 AS sign FROM record WHERE dataset_id = %L', of_dataset));
    END IF;
END
$$;

-- A new declaration (the catalog's update holds the dataset's write lock).
CREATE OR REPLACE FUNCTION record_stats_redeclared() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM record_stats_recount(NEW.id, NEW.statistics, NEW.change_seq);
    RETURN NULL;
END
$$;

CREATE TRIGGER record_stats_declared AFTER INSERT ON dataset FOR EACH ROW
    WHEN (NEW.statistics IS NOT NULL) EXECUTE FUNCTION record_stats_redeclared();

-- Adds the changes after the cells' position, at most `most` of them, to the cells: each change's record counts
-- once, and the record it replaced (the key's previous change) is taken away. Answers the position reached, or
-- null when the dataset declares no statistics or (with `wait` false) another transaction is moving its cells.
CREATE FUNCTION record_stats_catch_up(of_dataset text, most bigint, wait boolean) RETURNS bigint
    LANGUAGE plpgsql SET enable_sort = off AS $$
DECLARE
    counted bigint;
    head bigint;
    declared jsonb;
BEGIN
    IF wait THEN
        SELECT seq INTO counted FROM record_stats_position WHERE dataset_id = of_dataset FOR UPDATE;
    ELSE
        SELECT seq INTO counted FROM record_stats_position WHERE dataset_id = of_dataset FOR UPDATE SKIP LOCKED;
    END IF;
    IF counted IS NULL THEN
        RETURN NULL;
    END IF;
    -- Every change up to the committed sequence is committed: a writer moves it in the transaction of its changes.
    SELECT statistics, least(change_seq, counted + most) INTO declared, head FROM dataset WHERE id = of_dataset;
    IF head > counted THEN
        EXECUTE record_stats_delta(of_dataset, declared, format($source$
            SELECT c.dataset_id, c.data, 1 AS sign FROM record_change c
            WHERE c.dataset_id = %1$L AND c.seq > %2$s AND c.seq <= %3$s AND c.data IS NOT NULL
            UNION ALL
            SELECT c.dataset_id, p.data, -1 FROM record_change c
            CROSS JOIN LATERAL (SELECT b.data FROM record_change b WHERE b.dataset_id = c.dataset_id
                                AND b.record_key = c.record_key AND b.seq < c.seq ORDER BY b.seq DESC LIMIT 1) p
            WHERE c.dataset_id = %1$L AND c.seq > %2$s AND c.seq <= %3$s AND p.data IS NOT NULL
            $source$, of_dataset, counted, head));
        UPDATE record_stats_position SET seq = head WHERE dataset_id = of_dataset;
    END IF;
    RETURN head;
END
$$;

-- Records loaded around the change log (the benchmarks' COPY) are counted again from the table, under the
-- dataset's write lock.
CREATE FUNCTION record_stats_rebuild(of_dataset text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    locked record;
BEGIN
    SELECT id, statistics, change_seq INTO locked FROM dataset WHERE id = of_dataset FOR UPDATE;
    PERFORM record_stats_recount(locked.id, locked.statistics, locked.change_seq);
END
$$;
