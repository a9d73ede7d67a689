-- An administrator's override of the limits tier for the reads under one grant (limits.GrantLimits).
CREATE TABLE grant_limit (
    grant_id        uuid        PRIMARY KEY REFERENCES data_grant (id),
    per_second      bigint      NOT NULL CHECK (per_second > 0),
    burst           bigint      NOT NULL CHECK (burst > 0),
    records_per_day bigint      NOT NULL CHECK (records_per_day > 0),
    set_by          text        NOT NULL,
    set_at          timestamptz NOT NULL DEFAULT now()
);
