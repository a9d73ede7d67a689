-- The agencies and departments LDX gives credentials to. The id is what their credentials and Kafka topics carry
-- (ldx.agency.<id>.<dataset>), so it keeps to characters a topic name may hold.
CREATE TABLE organisation (
    id            text        PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{1,62}$'),
    kind          text        NOT NULL CHECK (kind IN ('agency', 'department')),
    name_th       text        NOT NULL,
    name_en       text        NOT NULL,
    contact_name  text        NOT NULL,
    contact_email text        NOT NULL,
    contact_phone text,
    registered_at timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
