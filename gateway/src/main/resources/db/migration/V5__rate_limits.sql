-- Bucket4j's token buckets (limits.RateLimits), one row per bucket: a credential's or an agency's requests, a
-- credential's or an agency's records of the day. Every gateway replica reads and writes the same rows, so a limit
-- holds across replicas; each replica decides most requests locally and syncs its share at least every second.
CREATE TABLE rate_limit_bucket (
    id    text  PRIMARY KEY,
    state bytea
);
