package th.go.mol.ldx.gateway.access;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import th.go.mol.ldx.gateway.catalog.Classification;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.catalog.LocalizedText;
import th.go.mol.ldx.gateway.catalog.PersonalDataField;

/** A small dataset with a national ID, a name, a province, an amount and a date; grants on it. */
public final class Fixtures {

    public static final ObjectMapper JSON = new ObjectMapper();
    public static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    public static final Instant UNTIL = Instant.parse("2027-01-01T00:00:00Z");

    private Fixtures() {
    }

    public static Dataset dataset(boolean personalData) {
        try {
            ObjectNode schema = (ObjectNode) JSON.readTree("""
                    {"type":"object","properties":{
                      "id":{"type":"string"},
                      "nationalId":{"type":"string","pattern":"^[0-9]{13}$"},
                      "name":{"type":"string"},
                      "provinceCode":{"type":"string","pattern":"^[1-9][0-9]$"},
                      "status":{"enum":["active","ended"]},
                      "amount":{"type":["integer","null"]},
                      "registeredOn":{"type":"string","format":"date"},
                      "address":{"type":"object"}}}
                    """);
            List<PersonalDataField> personal = personalData
                    ? List.of(new PersonalDataField("nationalId", PersonalDataField.Category.NATIONAL_ID),
                            new PersonalDataField("name", PersonalDataField.Category.NAME))
                    : List.of();
            return new Dataset("insured", new LocalizedText("ผู้ประกันตน", "Insured"), new LocalizedText("ทดสอบ", "Test"),
                    "dept-sso", Classification.CONFIDENTIAL, "id", schema, 1, personal, null, null, "ldx.dataset.insured",
                    0, 0, null, FROM);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static GrantTerms grant(String agency, Set<String> fields, RowFilter rows, boolean identified) {
        return new GrantTerms(UUID.nameUUIDFromBytes(agency.getBytes()), agency, "insured", fields, rows,
                List.of("labour-statistics", "planning"), identified, FROM, UNTIL, 1, 0);
    }

    public static ObjectNode record() {
        try {
            return (ObjectNode) JSON.readTree("""
                    {"id":"I-1","nationalId":"1103702071561","name":"Somchai","provinceCode":"10","status":"active",
                     "amount":12000,"registeredOn":"2026-03-01"}
                    """);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
