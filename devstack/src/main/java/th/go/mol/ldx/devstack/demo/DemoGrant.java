package th.go.mol.ldx.devstack.demo;

import java.util.List;

/** The grants of the demo: which partner agency reads which dataset, for what purpose. */
public record DemoGrant(String agency, DemoDataset dataset, String purpose, boolean pseudonymised) {

    public static List<DemoGrant> all() {
        return List.of(
                new DemoGrant("agency-nso", DemoDataset.SSO_INSURED_PERSONS,
                        "Labour force statistics: employment by industry and province", true),
                new DemoGrant("agency-nso", DemoDataset.DOE_JOB_VACANCIES, "Labour demand statistics", true),
                new DemoGrant("agency-nso", DemoDataset.DOE_WORK_PERMITS, "Migration and foreign employment statistics", true),
                new DemoGrant("agency-rd", DemoDataset.SSO_INSURED_PERSONS,
                        "Withholding-tax compliance: matching declared wages to contribution wages", false),
                new DemoGrant("agency-dopa", DemoDataset.DOE_WORK_PERMITS,
                        "Civil registration of non-Thai residents (Tor Ror 38/1)", true));
    }
}
