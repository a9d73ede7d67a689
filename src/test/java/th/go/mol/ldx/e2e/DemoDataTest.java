package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.devstack.demo.DemoData;
import th.go.mol.ldx.devstack.demo.DemoSeeder;
import th.go.mol.ldx.devstack.demo.LdxApi;
import th.go.mol.ldx.devstack.demo.ReferenceData;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.security.ThaiNationalId;

/** The demo that ./mvnw -Plocal loads goes through the API, passes every dataset schema, and honours the grants. */
@ExtendWith(LdxStack.class)
class DemoDataTest {

    @Test
    void demoLoadsThroughTheApiAndEachAgencySeesWhatItWasGranted() {
        LdxApi api = new LdxApi(LdxStack.stack().gateway().baseUrl(), LdxStack.stack().keycloak().tokenUrl());
        int written = new DemoSeeder(api, new DemoData(new ReferenceData(), 7)).seed(0.01);

        assertTrue(written >= 100);
        Api.as("agency-nso").get("/v1/datasets").then().statusCode(200)
                .body("id", hasItems("sso-insured-persons", "doe-job-vacancies", "doe-work-permits"));
        Api.as("agency-nso").queryParam("limit", 50).get("/v1/datasets/sso-insured-persons/records")
                .then().statusCode(200).body("items", hasSize(50))
                .body("items.data.nationalId", everyItem(matchesPattern("[0-9a-f]{32}")));
        List<String> identified = Api.as("agency-rd").queryParam("limit", 50)
                .get("/v1/datasets/sso-insured-persons/records")
                .then().statusCode(200).extract().jsonPath().getList("items.data.nationalId");
        assertTrue(identified.stream().allMatch(ThaiNationalId::isValid), "the Revenue Department's grant is identified");
        Api.as("agency-dopa").get("/v1/datasets/sso-insured-persons/records").then().statusCode(403);
        Api.as("agency-dopa").get("/v1/datasets/doe-work-permits/records").then().statusCode(200);
        Api.as("agency-nso").get("/v1/datasets/doe-job-vacancies").then().statusCode(200)
                .body("title.th", equalTo("ตำแหน่งงานว่าง")).body("topic", equalTo("ldx.dataset.doe-job-vacancies"));
    }
}
