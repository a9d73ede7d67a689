package th.go.mol.ldx.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.devstack.GatewayServer;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;
import th.go.mol.ldx.e2e.support.Tokens;

/**
 * Limits of partner agencies against the real gateway and PostgreSQL, with a client of the "trial" tier (2 requests
 * per second sustained, a burst of 10, as application.properties configures it).
 */
@ExtendWith(LdxStack.class)
class LimitsTest {

    private static final int BURST = 10;
    private static final int PER_SECOND = 2;

    @Test
    void overTheBurstIs429WithRetryAfterAndTheRateLimitFields() {
        String token = Tokens.ofNewAgency("e2e-trial", "trial");
        List<Response> answers = new ArrayList<>();
        for (int n = 0; n < BURST + 5; n++) {
            answers.add(Api.withToken(token).get("/v1/me"));
        }

        Response first = answers.get(0);
        assertEquals(200, first.statusCode());
        // The bucket as a quota: the burst, over the seconds it takes to refill.
        assertTrue(first.header("RateLimit-Policy").contains("\"credential\";q=" + BURST + ";w=" + BURST / PER_SECOND),
                first.header("RateLimit-Policy"));
        assertTrue(first.header("RateLimit").matches("\"(credential|agency)\";r=\\d+;t=\\d+"), first.header("RateLimit"));
        Response refused = answers.stream().filter(a -> a.statusCode() == 429).findFirst()
                .orElseThrow(() -> new AssertionError("no 429 after " + answers.size() + " requests"));
        assertEquals("application/problem+json", refused.contentType());
        assertEquals("https://ldx.mol.go.th/problems/rate-limited", refused.jsonPath().getString("type"));
        assertTrue(Integer.parseInt(refused.header("Retry-After")) >= 1, refused.header("Retry-After"));
        assertTrue(refused.header("RateLimit").startsWith("\"credential\";r=0;"), refused.header("RateLimit"));
        assertTrue(refused.header("RateLimit-Policy").matches(".*\"credential-records\";q=\\d+;w=86400;qu=\"records\".*"),
                refused.header("RateLimit-Policy"));
        long admitted = answers.stream().filter(a -> a.statusCode() == 200).count();
        assertTrue(admitted >= BURST && admitted < BURST + 5, "admitted " + admitted);
    }

    @Test
    void concurrentAgenciesEachSeeTheirOwnLimitsAndTheMinistryNone() throws Exception {
        String first = Tokens.ofNewAgency("e2e-trial", "trial");
        String second = Tokens.of("agency-rd");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Response>> answers = new ArrayList<>();
            for (int n = 0; n < 8; n++) {
                String token = n % 2 == 0 ? first : second;
                answers.add(pool.submit(() -> Api.withToken(token).get("/v1/me")));
            }
            for (int n = 0; n < answers.size(); n++) {
                Response answer = answers.get(n).get();
                String policy = answer.header("RateLimit-Policy");
                assertEquals(200, answer.statusCode(), answer.asString());
                // The trial tier's credential quota is 10; agency-rd's standard one is 400.
                assertTrue(policy.contains(n % 2 == 0 ? "\"credential\";q=10;" : "\"credential\";q=400;"), policy);
            }
        } finally {
            pool.shutdownNow();
        }
        Response department = Api.as("dept-sso").get("/v1/me");
        assertEquals(200, department.statusCode());
        assertEquals(null, department.header("RateLimit"), "departments are not limited");
        assertEquals(null, department.header("RateLimit-Policy"));
    }

    @Test
    void twoReplicasShareOneLimit() {
        String token = Tokens.ofNewAgency("e2e-trial", "trial");
        try (GatewayServer replica = LdxStack.stack().startReplica("gateway-limits")) {
            List<String> gateways = List.of(LdxStack.stack().gateway().baseUrl(), replica.baseUrl());
            int[] admitted = new int[2];
            int[] refused = new int[2];
            long started = System.nanoTime();
            for (int n = 0; n < 3 * BURST; n++) {
                int status = given().baseUri(gateways.get(n % 2)).auth().oauth2(token).get("/v1/me").statusCode();
                assertTrue(status == 200 || status == 429, "status " + status);
                if (status == 200) {
                    admitted[n % 2]++;
                } else {
                    refused[n % 2]++;
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            int total = admitted[0] + admitted[1];
            // Separate buckets per replica would admit about twice the burst. One shared bucket admits the burst,
            // what refills while the requests run, and at most a token per replica not yet synchronised.
            long bound = BURST + (long) Math.ceil(PER_SECOND * seconds) + 2;
            assertTrue(total >= BURST && total <= bound,
                    "admitted " + total + " (" + admitted[0] + " + " + admitted[1] + ") in " + seconds + " s; bound " + bound);
            assertTrue(refused[0] > 0 && refused[1] > 0, "both replicas refuse once the shared burst is spent");
        }
    }

    @Test
    void aGrantsOwnLimitsReplaceTheTierForTheReadsUnderItUntilTheyAreTakenAway() {
        String agency = "e2e-grant-limits-" + UUID.randomUUID().toString().substring(0, 8);
        LdxStack.stack().parties().newAgency(agency, "trial");
        TestDataset dataset = TestDataset.create();
        dataset.load(n -> "G-" + n, 1, 6);
        String grant = dataset.grant(agency, Map.of("fields", List.of("amount")));
        Api.as("ldx-admin").contentType("application/json").body(Map.of("perSecond", 1, "burst", 30, "recordsPerDay", 8))
                .put("/v1/grants/" + grant + "/limits").then().statusCode(200).body("burst", equalTo(30));

        Response first = Api.reading(agency).queryParam("limit", 6).get(dataset.recordsPath());
        first.then().statusCode(200);
        assertTrue(first.header("RateLimit-Policy").contains("\"credential\";q=30;w=30"), first.header("RateLimit-Policy"));
        assertTrue(first.header("RateLimit-Policy").contains("\"agency-records\";q=8;"), first.header("RateLimit-Policy"));
        Api.reading(agency).queryParam("limit", 6).get(dataset.recordsPath()).then().statusCode(200);
        Api.reading(agency).queryParam("limit", 6).get(dataset.recordsPath()).then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("type", equalTo("https://ldx.mol.go.th/problems/rate-limited"))
                .body("detail", containsString("records of the day (8)"));
        // Elsewhere the agency's tier holds: the trial tier's burst of 10.
        assertTrue(Api.as(agency).get("/v1/me").header("RateLimit-Policy").contains("\"credential\";q=10;"));

        Api.as("ldx-admin").delete("/v1/grants/" + grant + "/limits").then().statusCode(204);
        Api.as("ldx-admin").get("/v1/grants/" + grant + "/limits").then().statusCode(404);
        Response after = Api.reading(agency).queryParam("limit", 6).get(dataset.recordsPath());
        after.then().statusCode(200);
        assertTrue(after.header("RateLimit-Policy").contains("\"credential\";q=10;"), after.header("RateLimit-Policy"));
    }
}
