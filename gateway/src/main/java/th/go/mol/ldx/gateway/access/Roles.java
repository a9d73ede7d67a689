package th.go.mol.ldx.gateway.access;

/** Realm roles of the LDX Keycloak realm. A client's service account holds one or more of them. */
public final class Roles {

    /** A partner agency: reads the datasets it was granted. */
    public static final String PARTNER = "ldx-partner";
    /** A data-owner department: publishes the records of the datasets it owns. */
    public static final String OWNER = "ldx-owner";
    /** An LDX administrator: maintains the catalog and the grants. */
    public static final String ADMIN = "ldx-admin";

    private Roles() {
    }
}
