package th.go.mol.ldx.gateway.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What an administrator registers for a dataset: the catalog entry without the parts LDX derives. A schema change
 * that would break consumers is published as the next {@code schemaVersion}; any other keeps the version it has.
 */
public record DatasetDefinition(
        @NotNull @Valid LocalizedText title,
        @NotNull @Valid LocalizedText description,
        @NotBlank @Pattern(regexp = "[a-z][a-z0-9-]{2,62}", message = "must be a Keycloak client id") String owner,
        @NotNull Classification classification,
        @NotBlank @Size(max = 128) String keyField,
        @NotNull ObjectNode schema,
        @NotNull @Size(max = 200) List<@Valid @NotNull PersonalDataField> personalDataFields,
        @NotNull @Valid CatalogMetadata metadata,
        @Valid Statistics statistics,
        @Min(1) @Max(1_000_000) Integer schemaVersion) {
}
