package th.go.mol.ldx.gateway.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Catalog text in Thai and English; both are required so that every partner can read the catalog. */
public record LocalizedText(@NotBlank @Size(max = 4000) String th, @NotBlank @Size(max = 4000) String en) {
}
