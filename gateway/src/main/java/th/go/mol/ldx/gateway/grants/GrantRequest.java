package th.go.mol.ldx.gateway.grants;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What an administrator states when granting: the purpose (PDPA purpose binding) and whether IDs are pseudonymised. */
public record GrantRequest(@NotBlank @Size(max = 1000) String purpose, Boolean pseudonymised) {

    public boolean pseudonymisedOrDefault() {
        return pseudonymised == null || pseudonymised;
    }
}
