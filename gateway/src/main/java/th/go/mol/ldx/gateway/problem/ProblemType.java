package th.go.mol.ldx.gateway.problem;

import java.net.URI;

/**
 * Every kind of error the gateway answers with. The {@code type} URI is part of the API contract: clients may
 * branch on it, so a slug never changes meaning and is never reused.
 */
public enum ProblemType {
    UNAUTHENTICATED("unauthenticated", 401, "Authentication required"),
    CREDENTIAL_REVOKED("credential-revoked", 401, "Credential disabled, rotated or deleted"),
    FORBIDDEN("forbidden", 403, "Not allowed"),
    NOT_GRANTED("not-granted", 403, "Dataset not granted"),
    NOT_OWNER("not-owner", 403, "Not the owner of this dataset"),
    PURPOSE_REQUIRED("purpose-required", 403, "Purpose of the read not stated"),
    PURPOSE_NOT_ALLOWED("purpose-not-allowed", 403, "Purpose not covered by the grant"),
    FIELD_NOT_GRANTED("field-not-granted", 400, "Field not granted"),
    NOT_FOUND("not-found", 404, "Resource not found"),
    DATASET_NOT_FOUND("dataset-not-found", 404, "Dataset not found"),
    RECORD_NOT_FOUND("record-not-found", 404, "Record not found"),
    GRANT_NOT_FOUND("grant-not-found", 404, "Grant not found"),
    ORGANISATION_NOT_FOUND("organisation-not-found", 404, "Agency or department not found"),
    CREDENTIAL_NOT_FOUND("credential-not-found", 404, "Credential not found"),
    CONNECTOR_NOT_FOUND("connector-not-found", 404, "Connector not found"),
    DECLARATION_CHANGE_NOT_FOUND("declaration-change-not-found", 404, "Declaration change not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "Not acceptable"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    BODY_TOO_LARGE("body-too-large", 413, "Request body too large"),
    URI_TOO_LONG("uri-too-long", 414, "URI too long"),
    HEADERS_TOO_LARGE("headers-too-large", 431, "Request header fields too large"),
    MALFORMED_REQUEST("malformed-request", 400, "Malformed request"),
    INVALID_PARAMETER("invalid-parameter", 400, "Invalid parameter"),
    INVALID_GRANT("invalid-grant", 400, "Invalid grant request"),
    INVALID_BATCH("invalid-batch", 400, "Batch holds invalid changes; none was applied"),
    GRANT_STATE_CONFLICT("grant-state-conflict", 409, "Not possible in the grant's current state"),
    CREDENTIAL_EXISTS("credential-exists", 409, "Credential name already used"),
    CREDENTIAL_STATE_CONFLICT("credential-state-conflict", 409, "Not possible in the credential's current state"),
    BREAKING_SCHEMA_CHANGE("breaking-schema-change", 409, "Schema change would break consumers of its version"),
    WIDENS_GRANTS("widens-grants", 409, "Redefinition would show grants more than was approved"),
    DECLARATION_CHANGE_STATE_CONFLICT("declaration-change-state-conflict", 409,
            "Not possible in the declaration change's current state"),
    SCHEMA_CHANGED("schema-changed", 409, "The dataset's schema changed while the records were written"),
    HISTORY_BEFORE_GRANT("history-before-grant", 410, "Changes before the grant are not its history"),
    RATE_LIMITED("rate-limited", 429, "Too many requests"),
    INVALID_RECORD("invalid-record", 422, "Record does not match the dataset schema"),
    INVALID_DATASET("invalid-dataset", 422, "Invalid dataset definition"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "Idempotency key already used for another request"),
    INTERNAL("internal-error", 500, "Internal error"),
    UNAVAILABLE("unavailable", 503, "Service unavailable"),
    AUDIT_UNAVAILABLE("audit-unavailable", 503, "Audit log unavailable"),
    EXPORTS_BUSY("exports-busy", 503, "Too many exports at once"),
    IDENTITY_PROVIDER_UNAVAILABLE("identity-provider-unavailable", 503, "Keycloak unavailable");

    public static final String BASE = "https://ldx.mol.go.th/problems/";

    private final String slug;
    private final int status;
    private final String title;

    ProblemType(String slug, int status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The generic type for an HTTP status raised by the framework rather than by LDX code. */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> MALFORMED_REQUEST;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : MALFORMED_REQUEST;
        };
    }
}
