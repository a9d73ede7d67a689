package th.go.mol.ldx.devstack.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The grants of the demo, as agencies request them: the fields, the rows (JSON; {@code {}} is every row), the
 * purposes, whether national IDs are identified, and who approves ({@code null}: the request stays pending).
 */
public record DemoGrant(String agency, DemoDataset dataset, List<String> fields, String rows, List<String> purposes,
        boolean identified, String approver) {

    /** Bangkok, Samut Prakan, Nonthaburi, Pathum Thani. */
    public static final String BANGKOK_AND_VICINITY = "{\"provinceCode\":{\"in\":[\"10\",\"11\",\"12\",\"13\"]}}";

    public static List<DemoGrant> all() {
        return List.of(
                new DemoGrant("agency-nso", DemoDataset.SSO_INSURED_PERSONS,
                        List.of("nationalId", "sex", "birthYear", "section", "isicSection", "provinceCode", "monthlyWage",
                                "registeredOn", "status"),
                        "{}", List.of(DemoPurpose.LABOUR_STATISTICS), false, "dept-sso"),
                new DemoGrant("agency-nso", DemoDataset.DOE_JOB_VACANCIES,
                        List.of("employerId", "isicSection", "iscoMajorGroup", "occupationTh", "occupationEn",
                                "provinceCode", "positions", "salaryMin", "salaryMax", "postedOn", "status"),
                        "{}", List.of(DemoPurpose.LABOUR_STATISTICS), false, "ldx-admin"),
                new DemoGrant("agency-nso", DemoDataset.DOE_WORK_PERMITS,
                        List.of("nationality", "sex", "birthYear", "iscoMajorGroup", "isicSection", "provinceCode",
                                "permitType", "validFrom", "validUntil", "status"),
                        "{}", List.of(DemoPurpose.LABOUR_STATISTICS), false, "dept-doe"),
                new DemoGrant("agency-rd", DemoDataset.SSO_INSURED_PERSONS,
                        List.of("nationalId", "firstNameTh", "lastNameTh", "employerId", "monthlyWage", "status"),
                        "{}", List.of(DemoPurpose.TAX_COMPLIANCE), true, "ldx-admin"),
                new DemoGrant("agency-dopa", DemoDataset.DOE_WORK_PERMITS,
                        List.of("workerName", "nationality", "sex", "birthYear", "provinceCode", "employerId",
                                "permitType", "validUntil", "status"),
                        BANGKOK_AND_VICINITY, List.of(DemoPurpose.CIVIL_REGISTRATION), false, "dept-doe"),
                new DemoGrant("agency-dopa", DemoDataset.SSO_INSURED_PERSONS,
                        List.of("nationalId", "firstNameTh", "lastNameTh", "provinceCode"),
                        BANGKOK_AND_VICINITY, List.of(DemoPurpose.CIVIL_REGISTRATION), false, null));
    }

    /** The body of {@code POST /v1/grants}: valid for a year from now. */
    public String requestJson() {
        ObjectMapper json = new ObjectMapper();
        try {
            ObjectNode body = json.createObjectNode().put("datasetId", dataset.id());
            fields.forEach(body.putArray("fields")::add);
            body.set("rows", json.readTree(rows));
            purposes.forEach(body.putArray("purposes")::add);
            return body.put("identified", identified)
                    .put("validUntil", Instant.now().plus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString())
                    .toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a demo row filter is not JSON", e);
        }
    }
}
