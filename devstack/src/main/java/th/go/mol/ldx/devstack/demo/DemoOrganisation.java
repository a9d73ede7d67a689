package th.go.mol.ldx.devstack.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The organisations of the demo, as the administrator registers them, each with the limits tier of its credential
 * (agencies only; none is the default tier). The first is LDX's own administration.
 */
public record DemoOrganisation(String id, String kind, String nameTh, String nameEn, String contactName,
        String contactEmail, String tier) {

    /** The administration, whose credential the bootstrap administrator (the gateway's own client) issues. */
    public static final String ADMINISTRATION = "ldx-admin";

    public static List<DemoOrganisation> all() {
        return List.of(
                new DemoOrganisation(ADMINISTRATION, "administration", "ผู้ดูแลระบบ LDX กระทรวงแรงงาน",
                        "LDX administration, Ministry of Labour", "LDX operations desk", "ldx-ops@mol.example.go.th", null),
                new DemoOrganisation("agency-nso", "agency", "สำนักงานสถิติแห่งชาติ", "National Statistical Office",
                        "Labour statistics division", "labour-stats@nso.example.go.th", "bulk"),
                new DemoOrganisation("agency-rd", "agency", "กรมสรรพากร", "Revenue Department",
                        "Withholding-tax audit office", "wht-audit@rd.example.go.th", null),
                new DemoOrganisation("agency-dopa", "agency", "กรมการปกครอง", "Department of Provincial Administration",
                        "Bureau of Registration Administration", "bora@dopa.example.go.th", "bulk"),
                new DemoOrganisation("dept-sso", "department", "สำนักงานประกันสังคม", "Social Security Office",
                        "Information technology centre", "data-exchange@sso.example.go.th", null),
                new DemoOrganisation("dept-doe", "department", "กรมการจัดหางาน", "Department of Employment",
                        "Labour market information division", "lmi@doe.example.go.th", null));
    }

    /** The body of {@code POST /v1/admin/organisations/{id}/credentials} for its demo credential. */
    public String credentialJson() {
        ObjectNode body = new ObjectMapper().createObjectNode().put("name", DemoParties.CREDENTIAL)
                .put("description", "Demo credential");
        if (tier != null) {
            body.put("tier", tier);
        }
        return body.toString();
    }

    /** The body of {@code PUT /v1/admin/organisations/{id}}. */
    public String registrationJson() {
        ObjectNode body = new ObjectMapper().createObjectNode().put("kind", kind);
        body.putObject("name").put("th", nameTh).put("en", nameEn);
        body.putObject("contact").put("name", contactName).put("email", contactEmail);
        return body.toString();
    }
}
