package th.go.mol.ldx.gateway.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.Locale;

/** A field that holds personal data under the PDPA, and what kind. National IDs are pseudonymised for partners. */
public record PersonalDataField(@NotBlank String field, @NotNull Category category) {

    public enum Category {
        NATIONAL_ID, NAME, BIRTH_DATE, CONTACT, OTHER;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
