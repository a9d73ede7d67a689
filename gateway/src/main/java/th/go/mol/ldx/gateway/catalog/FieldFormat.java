package th.go.mol.ldx.gateway.catalog;

import com.networknt.schema.ExecutionContext;
import com.networknt.schema.format.Format;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Predicate;
import th.go.mol.ldx.security.OfficialCodes;
import th.go.mol.ldx.security.ThaiNationalId;

/**
 * LDX's own values of the JSON Schema {@code format} keyword: a dataset's schema declares that a field holds a Thai
 * national ID or an official code, and every record on every path (PUT, batch, connectors) is checked for it.
 * Format assertion is on for every dataset, so the standard formats ({@code date}, {@code date-time}, ...) are
 * checked too.
 */
enum FieldFormat implements Format {

    NATIONAL_ID("th-national-id", "is not a Thai national ID (13 digits, the last a valid check digit)",
            ThaiNationalId::isValid),
    PROVINCE_CODE("th-province-code", "is not one of the 77 province codes", OfficialCodes::isProvinceCode),
    ISIC_SECTION("isic-section", "is not an ISIC Rev. 4 section (A to U)", OfficialCodes::isIsicSection),
    ISCO_GROUP("isco-08", "is not an ISCO-08 group", OfficialCodes::isIscoGroup);

    private final String name;
    private final String reason;
    private final Predicate<String> test;

    FieldFormat(String name, String reason, Predicate<String> test) {
        this.name = name;
        this.reason = reason;
        this.test = test;
    }

    static Optional<FieldFormat> named(String name) {
        return Arrays.stream(values()).filter(f -> f.name.equals(name)).findFirst();
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean matches(ExecutionContext context, String value) {
        return test.test(value);
    }

    /** Why a value failed, for the problem's {@code errors}. */
    String reason() {
        return reason;
    }
}
