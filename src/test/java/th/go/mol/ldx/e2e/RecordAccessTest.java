package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.devstack.GatewayServer;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;
import th.go.mol.ldx.e2e.support.Tokens;

/** Partner agencies read what they were granted, as they may see it, and nothing else. */
@ExtendWith(LdxStack.class)
class RecordAccessTest {

    private static final String PROBLEM = "application/problem+json";

    @Test
    void grantedAgencyReadsAPageOfRecordsWithATokenFromKeycloak() {
        TestDataset dataset = TestDataset.create().grant("agency-nso", true);
        dataset.put("A-1", TestDataset.record("A-1", 1));
        dataset.put("A-2", TestDataset.record("A-2", 2));

        Api.reading("agency-nso").get(dataset.recordsPath())
                .then().statusCode(200)
                .body("items", hasSize(2))
                .body("items[0].key", equalTo("A-1"))
                .body("items[0].data.amount", equalTo(1))
                .body("items[1].key", equalTo("A-2"))
                .body("next", nullValue());
    }

    @Test
    void pagesWalkTheWholeDatasetInKeyOrderWithoutGapsOrRepeats() {
        TestDataset dataset = TestDataset.create().grant("agency-nso", true);
        List<String> written = new ArrayList<>();
        for (int n = 1; n <= 25; n++) {
            written.add(String.format("K-%03d", n));
        }
        dataset.load(n -> written.get(25 - n), 1, 25); // in descending key order

        List<List<String>> pages = walkPages(dataset, 10, page -> { });

        assertEquals(written, pages.stream().flatMap(List::stream).toList());
        assertEquals(3, pages.size());
    }

    @Test
    void pagesWrittenBetweenStayInKeyOrderAndMissNoRecordThatStayed() {
        TestDataset dataset = TestDataset.create().grant("agency-nso", true);
        dataset.load(n -> String.format("K-%03d", 2 * n), 1, 30); // K-002 .. K-060, even keys

        List<String> read = walkPages(dataset, 7, page -> {
            // Between pages (each ends at K-(14 * page)): a record inserted behind the cursor and one ahead of it,
            // and one ahead deleted.
            dataset.load(n -> String.format("K-%03d", n), 14 * page - 1, 14 * page - 1);
            dataset.load(n -> String.format("K-%03d", n), 14 * page + 9, 14 * page + 9);
            dataset.delete(String.format("K-%03d", 14 * page + 4));
        }).stream().flatMap(List::stream).toList();

        assertEquals(read.stream().sorted().distinct().toList(), read, "strictly in key order, no record twice");
        for (int n = 2; n <= 60; n += 2) {
            String key = String.format("K-%03d", n);
            boolean deletedAhead = (n - 4) % 14 == 0 && n > 4;
            assertEquals(!deletedAhead, read.contains(key),
                    key + ": a record that stayed is read, one deleted ahead is not");
        }
    }

    /**
     * Every page of agency-nso's read, {@code limit} records each, following {@code next} (checked against the
     * {@code Link} header); {@code betweenPages} is given the number of each page read but the last.
     */
    private static List<List<String>> walkPages(TestDataset dataset, int limit, IntConsumer betweenPages) {
        List<List<String>> pages = new ArrayList<>();
        String after = null;
        do {
            var request = Api.reading("agency-nso").queryParam("limit", limit);
            if (after != null) {
                request.queryParam("after", after);
            }
            Response page = request.get(dataset.recordsPath()).then().statusCode(200).extract().response();
            pages.add(page.jsonPath().getList("items.key"));
            after = page.jsonPath().getString("next");
            if (after != null) {
                assertEquals(true, page.header("Link").contains("after=" + after), "Link names the next page");
                betweenPages.accept(pages.size());
            }
        } while (after != null);
        return pages;
    }

    @Test
    void agencyWithoutAGrantIsRefusedWith403() {
        TestDataset dataset = TestDataset.create().grant("agency-nso", true);

        Api.reading("agency-dopa").get(dataset.recordsPath())
                .then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("https://ldx.mol.go.th/problems/not-granted"))
                .body("status", equalTo(403));
    }

    @Test
    void revokedGrantIsRefusedAtTheVeryNextRead() {
        TestDataset dataset = TestDataset.create().grant("agency-rd", true);
        Api.reading("agency-rd").get(dataset.recordsPath()).then().statusCode(200);

        Api.as("ldx-admin").contentType("application/json").body(Map.of("reason", "end of the test"))
                .post("/v1/grants/" + dataset.grantOf("agency-rd") + "/revoke").then().statusCode(200)
                .body("state", equalTo("revoked"));

        Api.reading("agency-rd").get(dataset.recordsPath()).then().statusCode(403)
                .body("type", equalTo("https://ldx.mol.go.th/problems/not-granted"));
    }


    /**
     * Another replica holds the agency's grants for a second (ldx.grants.cache-ttl) and is not told of the
     * revocation: it must still refuse within 5 s of it, on pages as on single records.
     */
    @Test
    void aRevokedGrantIsRefusedByAnotherReplicaWithinFiveSeconds() throws Exception {
        TestDataset dataset = TestDataset.create().grant("agency-rd", true);
        dataset.put("V-1", TestDataset.record("V-1", 1));
        try (GatewayServer replica = LdxStack.stack().unstartedGateway("gateway-revocation", env -> { })) {
            replica.start();
            // Read there first, so that the replica holds the grant when it is revoked elsewhere.
            Api.reading("agency-rd").baseUri(replica.baseUrl()).get(dataset.recordsPath()).then().statusCode(200);
            Api.reading("agency-rd").baseUri(replica.baseUrl()).get(dataset.recordsPath() + "/V-1").then()
                    .statusCode(200);

            Api.as("ldx-admin").contentType("application/json").body(Map.of("reason", "end of the test"))
                    .post("/v1/grants/" + dataset.grantOf("agency-rd") + "/revoke").then().statusCode(200);
            long revoked = System.nanoTime();

            for (String path : List.of(dataset.recordsPath(), dataset.recordsPath() + "/V-1")) {
                while (Api.reading("agency-rd").baseUri(replica.baseUrl()).get(path).statusCode() != 403) {
                    assertTrue(System.nanoTime() - revoked < Duration.ofSeconds(5).toNanos(),
                            "the replica still serves " + path + " 5 s after the revocation");
                    Thread.sleep(100);
                }
            }
        }
    }
    @Test
    void requestWithoutATokenIs401() {
        TestDataset dataset = TestDataset.create();

        Api.anonymous().get(dataset.recordsPath())
                .then().statusCode(401).contentType(PROBLEM)
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("type", equalTo("https://ldx.mol.go.th/problems/unauthenticated"));
    }

    @Test
    void tokenWhosePayloadWasEditedIs401() {
        TestDataset dataset = TestDataset.create().grant("agency-nso", true);

        Api.withToken(Tokens.tampered("agency-dopa", "agency-nso")).get(dataset.recordsPath())
                .then().statusCode(401).contentType(PROBLEM)
                .body("type", equalTo("https://ldx.mol.go.th/problems/unauthenticated"));
    }

    @Test
    void tokenOfTheRealmForAnotherAudienceIs401() {
        Api.withToken(Tokens.forAnotherAudience()).get("/v1/datasets")
                .then().statusCode(401).contentType(PROBLEM)
                .body("type", equalTo("https://ldx.mol.go.th/problems/unauthenticated"));
    }

    @Test
    void garbageTokenIs401() {
        Api.withToken("not-a-jwt").get("/v1/datasets")
                .then().statusCode(401).contentType(PROBLEM);
    }

    @Test
    void expiredTokenIs401() throws InterruptedException {
        Tokens.ShortLived shortLived = Tokens.shortLived();
        // While valid, the token authenticates; the client holds no LDX role, so the answer is 403.
        Api.withToken(shortLived.token()).get("/v1/datasets")
                .then().statusCode(403).body("type", equalTo("https://ldx.mol.go.th/problems/forbidden"));

        shortLived.awaitExpiry();

        Api.withToken(shortLived.token()).get("/v1/datasets")
                .then().statusCode(401).contentType(PROBLEM)
                .body("type", equalTo("https://ldx.mol.go.th/problems/unauthenticated"));
    }

    @Test
    void nationalIdsReachEachAgencyAsItsOwnPseudonymUnlessTheGrantIsIdentified() {
        TestDataset dataset = TestDataset.create().grant("agency-nso", true).grant("agency-dopa", true)
                .grant("agency-rd", false);
        Map<String, Object> record = TestDataset.record("P-1", 7);
        dataset.put("P-1", record);
        String nationalId = (String) record.get("nationalId");
        String path = dataset.recordsPath() + "/P-1";

        String seenByNso = Api.reading("agency-nso").get(path).then().statusCode(200)
                .body("data.nationalId", matchesPattern("[0-9a-f]{32}"))
                .body("data.name", equalTo(record.get("name")))
                .extract().path("data.nationalId");
        String seenByDopa = Api.reading("agency-dopa").get(path).then().statusCode(200)
                .body("data.nationalId", not(equalTo(nationalId))).extract().path("data.nationalId");
        Api.reading("agency-rd").get(path).then().statusCode(200).body("data.nationalId", equalTo(nationalId));
        Api.as(TestDataset.OWNER).get(path).then().statusCode(200).body("data.nationalId", equalTo(nationalId));

        assertNotEquals(seenByNso, seenByDopa, "two agencies cannot join their copies on the pseudonym");
        Api.reading("agency-nso").get(dataset.recordsPath()).then().statusCode(200)
                .body("items[0].data.nationalId", equalTo(seenByNso));
    }

    @Test
    void aCopyStillCurrentIsAnswered304AndANewVersionOrAnotherViewHasAnotherTag() {
        TestDataset dataset = TestDataset.create().grant("agency-nso", true).grant("agency-dopa", true);
        dataset.put("E-1", TestDataset.record("E-1", 1));
        String path = dataset.recordsPath() + "/E-1";

        String tag = Api.reading("agency-nso").get(path).then().statusCode(200)
                .header("ETag", matchesPattern("\"[A-Za-z0-9_-]{22}\"")).extract().header("ETag");
        Api.reading("agency-nso").header("If-None-Match", tag).get(path).then().statusCode(304)
                .header("ETag", equalTo(tag)).body(emptyString());
        Api.reading("agency-nso").header("If-None-Match", "\"other\", W/" + tag).get(path).then().statusCode(304);
        Api.reading("agency-nso").header("If-None-Match", "*").get(path).then().statusCode(304);
        Api.reading("agency-nso").header("If-None-Match", "\"other\"").get(path).then().statusCode(200);

        // Another agency's pseudonyms, or fewer fields, are another representation: another tag.
        String dopaTag = Api.reading("agency-dopa").get(path).then().statusCode(200).extract().header("ETag");
        assertNotEquals(tag, dopaTag);
        Api.reading("agency-dopa").header("If-None-Match", tag).get(path).then().statusCode(200);
        Api.reading("agency-nso").queryParam("fields", "amount").header("If-None-Match", tag).get(path).then()
                .statusCode(200).body("data.amount", equalTo(1));

        dataset.put("E-1", TestDataset.record("E-1", 2));
        String changed = Api.reading("agency-nso").header("If-None-Match", tag).get(path).then().statusCode(200)
                .body("data.amount", equalTo(2)).extract().header("ETag");
        assertNotEquals(tag, changed);
    }

    @Test
    void partnerAgencyCannotWriteRecords() {
        TestDataset dataset = TestDataset.create().grant("agency-nso", true);

        Api.as("agency-nso").contentType("application/json").body(TestDataset.record("X-1", 1))
                .put(dataset.recordsPath() + "/X-1")
                .then().statusCode(403).contentType(PROBLEM)
                .body("type", equalTo("https://ldx.mol.go.th/problems/forbidden"));
    }
}
