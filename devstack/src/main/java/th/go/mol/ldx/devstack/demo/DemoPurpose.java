package th.go.mol.ldx.devstack.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** The purposes of processing that the demo declares, each with its PDPA legal basis and the law behind it. */
public record DemoPurpose(String code, String titleTh, String titleEn, String legalBasis, String legalReference) {

    public static final String LABOUR_STATISTICS = "labour-statistics";
    public static final String TAX_COMPLIANCE = "tax-compliance";
    public static final String CIVIL_REGISTRATION = "civil-registration";

    public static List<DemoPurpose> all() {
        return List.of(
                new DemoPurpose(LABOUR_STATISTICS, "สถิติแรงงานทางการ", "Official labour statistics",
                        "research-statistics", "Statistics Act B.E. 2550 (2007)"),
                new DemoPurpose(TAX_COMPLIANCE, "การตรวจสอบภาษีเงินได้หัก ณ ที่จ่าย", "Withholding-tax compliance",
                        "legal-obligation", "Revenue Code sections 50 and 58"),
                new DemoPurpose(CIVIL_REGISTRATION, "การทะเบียนราษฎรของคนต่างด้าว", "Civil registration of non-Thai residents",
                        "public-task", "Civil Registration Act B.E. 2534 (1991), Tor Ror 38/1"));
    }

    /** The body of {@code PUT /v1/admin/purposes/{code}}. */
    public String definitionJson() {
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.putObject("title").put("th", titleTh).put("en", titleEn);
        return body.put("legalBasis", legalBasis).put("legalReference", legalReference).toString();
    }
}
