package th.go.mol.ldx.gateway.grants;

import jakarta.validation.constraints.Size;

/** What a decider says with a decision: the reason for a rejection or a revocation, a note with an approval. */
public record Decision(@Size(max = 2000) String reason) {
}
