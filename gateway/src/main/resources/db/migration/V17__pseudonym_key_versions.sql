-- Each agency's pseudonyms derive from the master secret under a version of its own key: rotating it (the next
-- version) gives the agency new pseudonyms of everyone, unrelated to those it held, on REST at once and on its
-- topics by back-fill.
ALTER TABLE organisation ADD COLUMN pseudonym_key_version integer NOT NULL DEFAULT 1
    CHECK (pseudonym_key_version >= 1);
ALTER TABLE organisation ADD COLUMN pseudonym_key_rotated_at timestamptz;
