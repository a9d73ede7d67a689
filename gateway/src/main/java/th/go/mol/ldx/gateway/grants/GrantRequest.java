package th.go.mol.ldx.gateway.grants;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * What an agency asks for: a dataset, the fields it needs, the rows (a filter; absent or {@code {}} is every row),
 * the purposes, whether it needs national IDs identified, and for how long. An unknown member is refused (as in every
 * body: {@code quarkus.jackson.fail-on-unknown-properties}): a misspelt {@code rows} must not turn into every row.
 */
public record GrantRequest(
        @NotBlank String datasetId,
        @NotNull @Size(min = 1, max = 500) List<@NotBlank String> fields,
        JsonNode rows,
        @NotNull @Size(min = 1, max = 20) List<@NotBlank String> purposes,
        Boolean identified,
        Instant validFrom,
        @NotNull Instant validUntil) {

    boolean identifiedOrDefault() {
        return Boolean.TRUE.equals(identified);
    }
}
