package th.go.mol.ldx.gateway.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * What the owner department says about a dataset for the catalog, after the Digital Government Development
 * Agency's government data catalog guideline (GD-Catalog) and DCAT-AP 3: why it is kept, how to find it, who
 * answers for it, how often and over what it is collected, where it comes from, under which licence it is shared.
 * The parts LDX knows itself (identifier, topics, record count, last change, formats) are not asked for.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogMetadata(
        @NotNull @Valid LocalizedText objective,
        @NotNull @Valid Keywords keywords,
        @NotNull DataType dataType,
        @NotNull Category category,
        @NotNull @Valid Contact contact,
        @NotNull Frequency updateFrequency,
        @Valid TemporalCoverage temporalCoverage,
        @Valid LocalizedText geographicCoverage,
        @Valid LocalizedText source,
        @NotNull @Valid Licence licence) {

    /** Search words in each language; a dataset is found by any of them. */
    public record Keywords(@NotNull @Size(max = 50) List<@NotBlank @Size(max = 100) String> th,
            @NotNull @Size(max = 50) List<@NotBlank @Size(max = 100) String> en) {
    }

    /** The maintainer who answers questions on the dataset (DCAT-AP contact point, GD-Catalog ผู้ติดต่อ). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Contact(@NotBlank @Size(max = 200) String name, @NotBlank @Email @Size(max = 200) String email,
            @Size(max = 50) @Pattern(regexp = "[0-9+() -]*", message = "must be a telephone number") String phone) {
    }

    /** The period the records cover; {@code end} null while it is still collected. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TemporalCoverage(@NotNull LocalDate start, LocalDate end) {
    }

    /** The licence the data is shared under: its name and, where it has one, its URI. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Licence(@NotBlank @Size(max = 200) String name,
            @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URI") @Size(max = 500) String uri) {
    }

    /** GD-Catalog's data types. */
    public enum DataType {
        RECORD, STATISTICS, GEOSPATIAL, MULTIMEDIA, OTHER;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The data categories of the government data governance framework: public data, personal data, data on
     * national security, and official secrets. DCAT's access rights follow from it.
     */
    public enum Category {
        PUBLIC, PERSONAL, SECURITY, OFFICIAL_SECRET;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** How often the owner updates the dataset: the EU frequency vocabulary that DCAT-AP uses. */
    public enum Frequency {
        CONTINUOUS("UPDATE_CONT"), DAILY("DAILY"), WEEKLY("WEEKLY"), MONTHLY("MONTHLY"), QUARTERLY("QUARTERLY"),
        ANNUAL("ANNUAL"), IRREGULAR("IRREG");

        private final String authorityCode;

        Frequency(String authorityCode) {
            this.authorityCode = authorityCode;
        }

        /** The concept's URI in the Publications Office's frequency authority table. */
        public String uri() {
            return "http://publications.europa.eu/resource/authority/frequency/" + authorityCode;
        }

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
