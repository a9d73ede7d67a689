package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.devstack.demo.BulkLoad;
import th.go.mol.ldx.devstack.demo.DemoData;
import th.go.mol.ldx.devstack.demo.DemoDataset;
import th.go.mol.ldx.devstack.demo.DemoSeeder;
import th.go.mol.ldx.devstack.demo.ReferenceData;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.security.ThaiNationalId;

/** The demo that ./mvnw -Plocal loads goes through the API, passes every dataset schema, and honours the grants. */
@ExtendWith(LdxStack.class)
class DemoDataTest {

    @Test
    void demoLoadsThroughTheApiAndEachAgencySeesWhatItWasGranted() {
        int written = new DemoSeeder(LdxStack.stack().api(), new DemoData(new ReferenceData(), 7),
                LdxStack.stack().parties()).seed(0.01);

        assertTrue(written >= 100);
        Api.as("agency-nso").get("/v1/datasets").then().statusCode(200)
                .body("id", hasItems("sso-insured-persons", "doe-job-vacancies", "doe-work-permits"));
        Api.as("agency-nso").header("LDX-Purpose", "labour-statistics").queryParam("limit", 50)
                .get("/v1/datasets/sso-insured-persons/records")
                .then().statusCode(200).body("items", hasSize(50))
                .body("items.data.nationalId", everyItem(matchesPattern("[0-9a-f]{32}")))
                .body("items.data.firstNameTh", everyItem(nullValue()));
        List<String> identified = Api.as("agency-rd").header("LDX-Purpose", "tax-compliance").queryParam("limit", 50)
                .get("/v1/datasets/sso-insured-persons/records")
                .then().statusCode(200).extract().jsonPath().getList("items.data.nationalId");
        assertTrue(identified.stream().allMatch(ThaiNationalId::isValid), "the Revenue Department's grant is identified");
        Api.as("agency-rd").header("LDX-Purpose", "labour-statistics").get("/v1/datasets/sso-insured-persons/records")
                .then().statusCode(403).body("allowedPurposes", equalTo(List.of("tax-compliance")));
        Api.as("agency-dopa").header("LDX-Purpose", "civil-registration").get("/v1/datasets/sso-insured-persons/records")
                .then().statusCode(403);
        Api.as("agency-dopa").header("LDX-Purpose", "civil-registration").queryParam("limit", 1000)
                .get("/v1/datasets/doe-work-permits/records").then().statusCode(200)
                .body("items", not(empty()))
                .body("items.data.provinceCode", everyItem(is(oneOf("10", "11", "12", "13"))))
                .body("items.data.workerName", everyItem(notNullValue()))
                .body("items.data.isicSection", everyItem(nullValue()));
        Api.as("dept-sso").queryParam("state", "requested").get("/v1/grants").then().statusCode(200)
                .body("agency", hasItem("agency-dopa"));
        Api.as("agency-nso").get("/v1/datasets/doe-job-vacancies").then().statusCode(200)
                .body("title.th", equalTo("ตำแหน่งงานว่าง")).body("topic", equalTo("ldx.dataset.doe-job-vacancies"));
    }

    @Test
    void bulkLoadForBenchmarksStreamsRecordsThatTheApiThenServes() throws Exception {
        Api.as("ldx-admin").contentType("application/json").body(DemoDataset.DOE_JOB_VACANCIES.definitionJson())
                .put("/v1/admin/datasets/doe-job-vacancies").then().statusCode(anyOf(is(200), is(201)));
        long loaded;
        try (Connection c = DriverManager.getConnection(LdxStack.stack().postgres().jdbcUrl(), "ldx", "ldx")) {
            loaded = BulkLoad.load(c, DemoDataset.DOE_JOB_VACANCIES, new DemoData(new ReferenceData(), 7), 500_001, 520_000);
        }

        assertEquals(20_000, loaded);
        String after = cursorAfter("VAC-00500000");
        Api.as("dept-doe").queryParam("limit", 1000).queryParam("after", after)
                .get("/v1/datasets/doe-job-vacancies/records")
                .then().statusCode(200).body("items", hasSize(1000))
                .body("items[0].key", equalTo("VAC-00500001"))
                .body("items[999].key", equalTo("VAC-00501000"))
                .body("items[0].version", equalTo(0));
    }

    /** The gateway's cursor format, base64url of the last key: a client never builds one, a test may. */
    private static String cursorAfter(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }
}
