package th.go.mol.ldx.gateway.catalog;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How sensitive a dataset is, following the Thai government data classification levels. */
public enum Classification {
    PUBLIC, INTERNAL, CONFIDENTIAL, RESTRICTED;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Classification ofCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
