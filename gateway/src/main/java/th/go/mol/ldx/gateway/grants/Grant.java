package th.go.mol.ldx.gateway.grants;

import java.time.Instant;

/** An agency may read a dataset, for a declared purpose; national IDs reach it pseudonymised unless granted otherwise. */
public record Grant(String agency, String datasetId, String purpose, boolean pseudonymised, String grantedBy,
        Instant grantedAt) {
}
