package th.go.mol.ldx.devstack.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The agencies and departments of the demo, as the administrator registers them (their clients are in the realm). */
public record DemoOrganisation(String id, String kind, String nameTh, String nameEn, String contactName,
        String contactEmail) {

    public static List<DemoOrganisation> all() {
        return List.of(
                new DemoOrganisation("agency-nso", "agency", "สำนักงานสถิติแห่งชาติ", "National Statistical Office",
                        "Labour statistics division", "labour-stats@nso.example.go.th"),
                new DemoOrganisation("agency-rd", "agency", "กรมสรรพากร", "Revenue Department",
                        "Withholding-tax audit office", "wht-audit@rd.example.go.th"),
                new DemoOrganisation("agency-dopa", "agency", "กรมการปกครอง", "Department of Provincial Administration",
                        "Bureau of Registration Administration", "bora@dopa.example.go.th"),
                new DemoOrganisation("dept-sso", "department", "สำนักงานประกันสังคม", "Social Security Office",
                        "Information technology centre", "data-exchange@sso.example.go.th"),
                new DemoOrganisation("dept-doe", "department", "กรมการจัดหางาน", "Department of Employment",
                        "Labour market information division", "lmi@doe.example.go.th"));
    }

    /** The body of {@code PUT /v1/admin/organisations/{id}}. */
    public String registrationJson() {
        ObjectNode body = new ObjectMapper().createObjectNode().put("kind", kind);
        body.putObject("name").put("th", nameTh).put("en", nameEn);
        body.putObject("contact").put("name", contactName).put("email", contactEmail);
        return body.toString();
    }
}
