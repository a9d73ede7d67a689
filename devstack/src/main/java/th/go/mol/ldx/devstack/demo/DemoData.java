package th.go.mol.ldx.devstack.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import th.go.mol.ldx.devstack.demo.ReferenceData.Code;
import th.go.mol.ldx.devstack.demo.ReferenceData.Nationality;
import th.go.mol.ldx.security.ThaiNationalId;

/**
 * Synthetic labour records that look like the real ones: valid national IDs, real province, ISIC and ISCO codes,
 * Thai and English names, a plausible mix of foreign-worker nationalities. Record n is the same on every run and
 * needs no memory of the others, so the generator can stream millions of records.
 */
public final class DemoData {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final LocalDate EPOCH = LocalDate.of(2015, 1, 1);
    private static final int[] WAGES = {9_000, 11_000, 12_500, 15_000, 18_000, 22_000, 28_000, 35_000, 45_000, 60_000};

    private final ReferenceData ref;
    private final long seed;
    private final int nationalityWeight;

    public DemoData(ReferenceData ref, long seed) {
        this.ref = ref;
        this.seed = seed;
        this.nationalityWeight = ref.nationalities().stream().mapToInt(Nationality::weight).sum();
    }

    public ObjectNode insuredPerson(int n) {
        SplittableRandom r = random(1, n);
        String sex = r.nextBoolean() ? "M" : "F";
        ReferenceData.ThaiName first = pick(r, ref.thaiFirstNames(sex));
        ReferenceData.ThaiName last = pick(r, ref.thaiLastNames());
        String section = r.nextInt(10) < 7 ? "33" : r.nextBoolean() ? "39" : "40";
        boolean employed = section.equals("33");
        ObjectNode p = JSON.objectNode()
                .put("insuredId", String.format("SSO-%08d", n))
                .put("nationalId", nationalId(r, n))
                .put("firstNameTh", first.th())
                .put("lastNameTh", last.th())
                .put("firstNameEn", first.en())
                .put("lastNameEn", last.en())
                .put("sex", sex)
                .put("birthYear", 1960 + r.nextInt(46))
                .put("section", section);
        p.put("employerId", employed ? employerId(r) : null);
        p.put("isicSection", employed ? pick(r, ref.isicSections()).code() : null);
        return p.put("provinceCode", province(r))
                .put("monthlyWage", employed ? WAGES[r.nextInt(WAGES.length)] : 4_800)
                .put("registeredOn", date(r, 3_600).toString())
                .put("status", r.nextInt(20) == 0 ? "ended" : r.nextInt(50) == 0 ? "suspended" : "active");
    }

    public ObjectNode jobVacancy(int n) {
        SplittableRandom r = random(2, n);
        Code occupation = pick(r, ref.iscoMajorGroups().subList(1, 10));
        int salaryMin = 9_000 + 500 * r.nextInt(40);
        return JSON.objectNode()
                .put("vacancyId", String.format("VAC-%08d", n))
                .put("employerId", employerId(r))
                .put("isicSection", pick(r, ref.isicSections()).code())
                .put("iscoMajorGroup", occupation.code())
                .put("occupationTh", occupation.th())
                .put("occupationEn", occupation.en())
                .put("provinceCode", province(r))
                .put("positions", 1 + r.nextInt(r.nextInt(10) == 0 ? 50 : 5))
                .put("salaryMin", salaryMin)
                .put("salaryMax", salaryMin + 1_000 * r.nextInt(1, 20))
                .put("postedOn", date(r, 700).plusYears(9).toString())
                .put("status", r.nextInt(3) == 0 ? "filled" : r.nextInt(4) == 0 ? "closed" : "open");
    }

    public ObjectNode workPermit(int n) {
        SplittableRandom r = random(3, n);
        Nationality nationality = nationality(r);
        boolean neighbour = List.of("MMR", "KHM", "LAO", "VNM").contains(nationality.code().code());
        LocalDate from = date(r, 3_000);
        LocalDate until = from.plusYears(neighbour ? 2 : 1);
        return JSON.objectNode()
                .put("permitId", String.format("WP-%08d", n))
                .put("workerName", pick(r, nationality.givenNames()) + " " + pick(r, nationality.familyNames()))
                .put("nationality", nationality.code().code())
                .put("sex", r.nextInt(5) < 3 ? "M" : "F")
                .put("birthYear", 1965 + r.nextInt(40))
                .put("iscoMajorGroup", neighbour ? (r.nextBoolean() ? "9" : pick(r, List.of("6", "7", "8"))) : pick(r, List.of("1", "2", "3")))
                .put("employerId", employerId(r))
                .put("isicSection", neighbour ? pick(r, List.of("A", "C", "F", "G", "I", "T")) : pick(r, List.of("C", "J", "K", "M", "P")))
                .put("provinceCode", province(r))
                .put("permitType", neighbour ? (r.nextInt(4) == 0 ? "border-seasonal" : "mou") : (r.nextBoolean() ? "skilled" : "boi-investment"))
                .put("validFrom", from.toString())
                .put("validUntil", until.toString())
                .put("status", until.isBefore(LocalDate.of(2025, 6, 1)) ? "expired" : r.nextInt(40) == 0 ? "revoked" : "valid");
    }

    private SplittableRandom random(int stream, int n) {
        return new SplittableRandom(seed * 1_000_003L + stream * 7_919L * 1_000_000_007L + n);
    }

    /** First digit 1 to 8 (the birth-registration categories), then the district code of a real province. */
    private String nationalId(SplittableRandom r, int n) {
        String twelve = (1 + r.nextInt(8)) + province(r) + String.format("%02d", r.nextInt(1, 20))
                + String.format("%07d", Math.floorMod(n * 7_919L + r.nextInt(1000), 10_000_000L));
        return ThaiNationalId.withCheckDigit(twelve).digits();
    }

    /** A 10-digit social-security employer account, drawn from a pool of 25,000 so that employers recur. */
    private static String employerId(SplittableRandom r) {
        return Long.toString(1_000_000_000L + r.nextInt(25_000) * 347_911L);
    }

    private String province(SplittableRandom r) {
        // Bangkok and its vicinity hold about a third of formal employment.
        return r.nextInt(3) == 0 ? pick(r, ref.provinces().subList(0, 4)).code() : pick(r, ref.provinces()).code();
    }

    private Nationality nationality(SplittableRandom r) {
        int ticket = r.nextInt(nationalityWeight);
        for (Nationality n : ref.nationalities()) {
            ticket -= n.weight();
            if (ticket < 0) {
                return n;
            }
        }
        throw new IllegalStateException("weights changed under the generator");
    }

    private static LocalDate date(SplittableRandom r, int days) {
        return EPOCH.plusDays(r.nextInt(days));
    }

    private static <T> T pick(SplittableRandom r, List<T> from) {
        return from.get(r.nextInt(from.size()));
    }
}
