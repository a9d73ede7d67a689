-- Statistics without counting the records again: per dataset, one row per cell of all its declared dimensions
-- (the values a record holds on every one of them), with how many records are in it and the sums of the declared
-- measures. A /stats table by some of the dimensions adds cells up instead of reading every record. Triggers keep
-- the cells in the transaction that writes the records, whoever writes them (ingest, connectors, COPY), and
-- rebuild a dataset's cells when its declaration changes; ADR 012.
CREATE TABLE record_stats (
    dataset_id text      NOT NULL REFERENCES dataset (id) ON DELETE CASCADE,
    -- The record's value on each declared dimension it holds, null left out: {"provinceCode": "10", "sex": "F"}.
    cell       jsonb     NOT NULL,
    records    bigint    NOT NULL,
    -- The sum of each declared measure, in declaration order; a value that is not a number adds 0.
    sums       numeric[] NOT NULL,
    PRIMARY KEY (dataset_id, cell)
);

-- The statement that adds rows (dataset_id, data, sign: 1 in, -1 out) of one dataset, selected by `source`, to the
-- dataset's cells. Built from the declaration, so a record's cell and figures are plain expressions; names are
-- literals (%L), never SQL text.
CREATE FUNCTION record_stats_delta(dataset text, statistics jsonb, source text) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT format($statement$
        INSERT INTO record_stats AS s (dataset_id, cell, records, sums)
        SELECT %1$L, jsonb_strip_nulls(jsonb_build_object(%2$s)), records, sums
        FROM (SELECT %3$s sum(sign) AS records, ARRAY[%4$s]::numeric[] AS sums
              FROM (%5$s) r WHERE dataset_id = %1$L
              GROUP BY %6$s) g
        WHERE records <> 0 OR NOT sums <@ '{0}'
        ON CONFLICT (dataset_id, cell) DO UPDATE
            SET records = s.records + EXCLUDED.records,
                sums = ARRAY(SELECT a + b FROM unnest(s.sums, EXCLUDED.sums) WITH ORDINALITY AS t(a, b, i) ORDER BY i)
        $statement$,
        dataset,
        (SELECT string_agg(format('%L, d%s', d, i), ', ' ORDER BY i)
         FROM jsonb_array_elements_text(statistics -> 'dimensions') WITH ORDINALITY AS t(d, i)),
        (SELECT string_agg(format('nullif(data -> %L, ''null'') AS d%s, ', d, i), '' ORDER BY i)
         FROM jsonb_array_elements_text(statistics -> 'dimensions') WITH ORDINALITY AS t(d, i)),
        (SELECT string_agg(format('coalesce(sum(sign * CASE WHEN jsonb_typeof(data -> %1$L) = ''number'''
                                  ' THEN (data ->> %1$L)::numeric END), 0)', m), ', ' ORDER BY i)
         FROM jsonb_array_elements_text(statistics -> 'measures') WITH ORDINALITY AS t(m, i)),
        source,
        coalesce((SELECT string_agg(format('d%s', i), ', ' ORDER BY i)
                  FROM jsonb_array_elements_text(statistics -> 'dimensions') WITH ORDINALITY AS t(d, i)), '()'))
$$;

-- After every statement that writes records: the rows it wrote (rows_in) and the rows they replaced (rows_out).
-- Hashing the few cells beats sorting the many rows, which the planner, unable to guess how few cells there are,
-- would choose for a large statement.
CREATE FUNCTION record_stats_follow() RETURNS trigger LANGUAGE plpgsql SET enable_sort = off AS $$
DECLARE
    source text := CASE TG_OP
        WHEN 'INSERT' THEN 'SELECT dataset_id, data, 1 AS sign FROM rows_in'
        WHEN 'DELETE' THEN 'SELECT dataset_id, data, -1 AS sign FROM rows_out'
        ELSE 'SELECT dataset_id, data, 1 AS sign FROM rows_in UNION ALL SELECT dataset_id, data, -1 FROM rows_out'
    END;
    declared record;
BEGIN
    FOR declared IN EXECUTE 'SELECT id, statistics FROM dataset WHERE statistics IS NOT NULL'
            ' AND id IN (SELECT dataset_id FROM (' || source || ') r)' LOOP
        EXECUTE record_stats_delta(declared.id, declared.statistics, source);
    END LOOP;
    RETURN NULL;
END
$$;

CREATE TRIGGER record_stats_in AFTER INSERT ON record REFERENCING NEW TABLE AS rows_in
    FOR EACH STATEMENT EXECUTE FUNCTION record_stats_follow();
CREATE TRIGGER record_stats_moved AFTER UPDATE ON record REFERENCING OLD TABLE AS rows_out NEW TABLE AS rows_in
    FOR EACH STATEMENT EXECUTE FUNCTION record_stats_follow();
CREATE TRIGGER record_stats_out AFTER DELETE ON record REFERENCING OLD TABLE AS rows_out
    FOR EACH STATEMENT EXECUTE FUNCTION record_stats_follow();

-- A dataset declared anew is counted anew, in the transaction that declares it.
CREATE FUNCTION record_stats_redeclared() RETURNS trigger LANGUAGE plpgsql SET enable_sort = off AS $$
BEGIN
    DELETE FROM record_stats WHERE dataset_id = NEW.id;
    IF NEW.statistics IS NOT NULL THEN
        EXECUTE record_stats_delta(NEW.id, NEW.statistics,
            format('SELECT dataset_id, data, 1 AS sign FROM record WHERE dataset_id = %L', NEW.id));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER record_stats_redeclared AFTER UPDATE OF statistics ON dataset FOR EACH ROW
    WHEN (OLD.statistics IS DISTINCT FROM NEW.statistics) EXECUTE FUNCTION record_stats_redeclared();

SET LOCAL enable_sort = off;
DO $$
DECLARE
    declared record;
BEGIN
    FOR declared IN SELECT id, statistics FROM dataset WHERE statistics IS NOT NULL LOOP
        EXECUTE record_stats_delta(declared.id, declared.statistics,
            format('SELECT dataset_id, data, 1 AS sign FROM record WHERE dataset_id = %L', declared.id));
    END LOOP;
END
$$;
