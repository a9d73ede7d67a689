package th.go.mol.ldx.gateway.catalog;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Locale;

/**
 * A field that holds personal data under the PDPA, and what kind. National IDs are pseudonymised for partners.
 * {@code field} names a field of the record, or, starting with "/", a member nested in objects as a JSON pointer
 * (RFC 6901: {@code /employer/ownerNationalId}), enforced there.
 */
public record PersonalDataField(@NotBlank @Size(max = 512) String field, @NotNull Category category) {

    public enum Category {
        NATIONAL_ID, NAME, BIRTH_DATE, CONTACT, OTHER;

        @JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Whether the declaration names a nested member by a JSON pointer rather than a field of the record. */
    @JsonIgnore
    public boolean nested() {
        return field.startsWith("/");
    }

    /** The member names from the record down to the declared member: one for a field of the record. */
    @JsonIgnore
    public List<String> path() {
        return nested() ? JsonPointer.names(field) : List.of(field);
    }

    /** The field of the record that holds the declared member (itself, unless nested). */
    @JsonIgnore
    public String topField() {
        return path().get(0);
    }
}
