package th.go.mol.ldx.gateway.grants;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import th.go.mol.ldx.gateway.catalog.LocalizedText;

/**
 * A declared purpose of processing, which grants name and reads state: its code, its title in Thai and English,
 * its PDPA legal basis and, where there is one, the law or agreement behind it.
 */
public record Purpose(String code, LocalizedText title, LegalBasis legalBasis, String legalReference) {

    /** What an administrator declares; the code is in the path. */
    public record Definition(@NotNull @Valid LocalizedText title, @NotNull LegalBasis legalBasis,
            @Size(max = 1000) String legalReference) {
    }
}
