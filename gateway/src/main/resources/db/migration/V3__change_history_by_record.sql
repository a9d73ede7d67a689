-- The agency projections ask the change log for a record's state before a change (did the record leave an
-- agency's rows?) and for the state of a range of keys at a past sequence (what did an agency's topic hold before
-- its grant changed?). Both walk one record's history in sequence order.
CREATE INDEX record_change_by_record ON record_change (dataset_id, record_key, seq);
