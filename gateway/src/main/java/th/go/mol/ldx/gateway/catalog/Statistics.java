package th.go.mol.ldx.gateway.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * What a dataset may be counted by: its dimensions (codes to group records by, such as a province or a sex) and
 * its measures (numbers to sum, such as a wage). Statistics are asked only by these.
 */
public record Statistics(@NotNull @Size(max = 30) List<@NotBlank String> dimensions,
        @NotNull @Size(max = 30) List<@NotBlank String> measures) {
}
