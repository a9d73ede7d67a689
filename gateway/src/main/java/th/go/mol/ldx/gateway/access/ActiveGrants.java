package th.go.mol.ldx.gateway.access;

import java.util.List;

/** Where the policy finds grants: the approved, not revoked grants of an agency on a dataset, whatever their validity. */
public interface ActiveGrants {

    List<GrantTerms> approved(String agency, String datasetId);
}
