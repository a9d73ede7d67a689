package th.go.mol.ldx.gateway.access;

import java.util.List;

/** Where the policy finds grants: the approved, not revoked grants, whatever their validity. */
public interface ActiveGrants {

    /** Of one agency on one dataset. */
    List<GrantTerms> approved(String agency, String datasetId);

    /** Of every agency on every dataset. */
    List<GrantTerms> approved();
}
