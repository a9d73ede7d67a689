package th.go.mol.ldx.gateway.connectors;

import java.time.Instant;

/** A row a connector did not publish: where it was in the source, the field at fault, and why. */
public record ConnectorReject(Instant rejectedAt, String origin, String field, String reason) {
}
