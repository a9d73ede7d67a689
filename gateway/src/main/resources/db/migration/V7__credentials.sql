-- LDX's own administration is a party too: its credentials carry the administrator role.
ALTER TABLE organisation DROP CONSTRAINT organisation_kind_check;
ALTER TABLE organisation ADD CONSTRAINT organisation_kind_check
    CHECK (kind IN ('agency', 'department', 'administration'));

-- The credentials LDX issued: one Keycloak client each (client_id = <organisation>.<name>). Every replica keeps the
-- status and not_before of each in memory (credentials.Revocations) to refuse the tokens of a disabled, rotated or
-- deleted credential; a deleted credential keeps its row, so its tokens stay refused and its name is not reused.
CREATE TABLE credential (
    client_id         text        PRIMARY KEY,
    organisation_id   text        NOT NULL REFERENCES organisation (id),
    name              text        NOT NULL,
    description       text,
    tier              text,
    keycloak_id       text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('active', 'disabled', 'deleted')),
    -- Tokens issued (iat) before this second are refused: set at rotation and at disabling.
    not_before        timestamptz NOT NULL,
    created_at        timestamptz NOT NULL,
    created_by        text        NOT NULL,
    secret_rotated_at timestamptz,
    status_changed_at timestamptz,
    last_used_at      timestamptz
);
CREATE INDEX credential_by_organisation ON credential (organisation_id, client_id);

-- Every replica reloads its revocation view when a status or not_before changes (last use does not count).
CREATE FUNCTION credential_revocation_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ldx_credentials', NEW.client_id);
    RETURN NULL;
END $$;
CREATE TRIGGER credential_inserted AFTER INSERT ON credential
    FOR EACH ROW EXECUTE FUNCTION credential_revocation_changed();
CREATE TRIGGER credential_revoked AFTER UPDATE ON credential
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.not_before IS DISTINCT FROM NEW.not_before)
    EXECUTE FUNCTION credential_revocation_changed();
