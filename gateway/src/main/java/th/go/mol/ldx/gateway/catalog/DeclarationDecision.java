package th.go.mol.ldx.gateway.catalog;

import jakarta.validation.constraints.Size;

/** What the owner department says with its decision on a declaration change: the reason, or a note. */
public record DeclarationDecision(@Size(max = 2000) String reason) {
}
