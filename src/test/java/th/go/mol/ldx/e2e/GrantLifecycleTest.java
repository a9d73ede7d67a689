package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;

/**
 * A grant's life end to end: request, approval by the owner department or an administrator, or rejection, then
 * active, expired or revoked, or superseded. A refused step answers problem+json and changes nothing; the history
 * names who did what and when.
 */
@ExtendWith(LdxStack.class)
class GrantLifecycleTest {

    private static final String TYPE = "https://ldx.mol.go.th/problems/";
    private static final Map<String, Object> AMOUNT_ONLY = Map.of("fields", List.of("amount"));

    @Test
    void requestedThenApprovedByTheOwnerDepartmentThenRevoked() {
        TestDataset dataset = datasetWithARecord();
        Instant before = Instant.now().minusSeconds(1);
        Response requested = dataset.request("agency-nso", AMOUNT_ONLY);
        String id = requested.then().statusCode(201)
                .body("state", equalTo("requested"))
                .body("fields", equalTo(List.of("amount", "id")))
                .body("history", hasSize(1))
                .body("history[0].action", equalTo("requested")).body("history[0].by", equalTo("agency-nso"))
                .extract().path("id");
        requested.then().header("Location", endsWith("/v1/grants/" + id));
        read(dataset).then().statusCode(403).body("type", equalTo(TYPE + "not-granted"));

        decide("dept-doe", id, "approve", null).then().statusCode(403).body("type", equalTo(TYPE + "not-owner"));
        decide("agency-nso", id, "approve", null).then().statusCode(403).body("type", equalTo(TYPE + "forbidden"));
        grant(id).body("state", equalTo("requested")).body("history", hasSize(1));

        decide("dept-sso", id, "approve", "for the 2027 labour force survey").then().statusCode(200)
                .body("state", equalTo("active"))
                .body("history[1].action", equalTo("approved")).body("history[1].by", equalTo("dept-sso"))
                .body("history[1].note", equalTo("for the 2027 labour force survey"));
        decide("ldx-admin", id, "approve", null).then().statusCode(409).body("type", equalTo(TYPE + "grant-state-conflict"));
        decide("ldx-admin", id, "reject", "too late").then().statusCode(409);
        grant(id).body("state", equalTo("active")).body("history", hasSize(2));
        read(dataset).then().statusCode(200).body("items[0].data", equalTo(Map.of("id", "G-1", "amount", 1)));

        decide("dept-sso", id, "revoke", null).then().statusCode(400).body("errors[0].pointer", equalTo("/reason"));
        grant(id).body("state", equalTo("active"));
        decide("dept-sso", id, "revoke", "survey ended early").then().statusCode(200).body("state", equalTo("revoked"));
        decide("dept-sso", id, "revoke", "again").then().statusCode(409).body("type", equalTo(TYPE + "grant-state-conflict"));
        read(dataset).then().statusCode(403).body("type", equalTo(TYPE + "not-granted"));

        JsonPath history = grant(id).extract().jsonPath();
        assertEquals(List.of("requested", "approved", "revoked"), history.getList("history.action"));
        assertEquals(List.of("agency-nso", "dept-sso", "dept-sso"), history.getList("history.by"));
        List<String> times = history.getList("history.at");
        for (String at : times) {
            Instant when = Instant.parse(at);
            assertEquals(true, !when.isBefore(before) && !when.isAfter(Instant.now()), at);
        }
        assertEquals(times.stream().sorted().toList(), times, "history is in order");
        Api.as("agency-nso").get("/v1/me").then().statusCode(200)
                .body("clientId", equalTo("agency-nso.main")).body("organisation", equalTo("agency-nso"))
                .body("roles", equalTo(List.of("ldx-partner")))
                .body("grants.find { it.id == '" + id + "' }.state", equalTo("revoked"));
    }

    @Test
    void aRequestRejectedByAnAdministratorCannotBeApprovedAfterwards() {
        TestDataset dataset = datasetWithARecord();
        String id = dataset.request("agency-nso", AMOUNT_ONLY).then().statusCode(201).extract().path("id");

        decide("ldx-admin", id, "reject", null).then().statusCode(400);
        decide("ldx-admin", id, "reject", "no legal basis for this purpose").then().statusCode(200)
                .body("state", equalTo("rejected"))
                .body("history[1].by", equalTo("ldx-admin")).body("history[1].note", equalTo("no legal basis for this purpose"));
        decide("dept-sso", id, "approve", null).then().statusCode(409);
        decide("dept-sso", id, "revoke", "x").then().statusCode(409);

        grant(id).body("state", equalTo("rejected")).body("history", hasSize(2));
        read(dataset).then().statusCode(403);
    }

    @Test
    void approvedByAnAdministratorThenExpiredWhenItsValidityIsOver() throws InterruptedException {
        TestDataset dataset = datasetWithARecord();
        Instant until = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        String id = dataset.request("agency-nso", Map.of("fields", List.of("amount"), "validUntil", until.toString()))
                .then().statusCode(201).extract().path("id");
        decide("ldx-admin", id, "approve", null).then().statusCode(200).body("state", equalTo("active"));
        read(dataset).then().statusCode(200);

        awaitRefusal(dataset, Duration.ofSeconds(20));

        read(dataset).then().statusCode(403).body("detail", containsString("expired"));
        grant(id).body("state", equalTo("expired"))
                .body("history[2].action", equalTo("expired")).body("history[2].by", equalTo("ldx"))
                .body("history[2].at", equalTo(until.toString()));
        decide("ldx-admin", id, "revoke", "already over").then().statusCode(409);
        Api.as("agency-nso").get("/v1/me").then().body("grants.find { it.id == '" + id + "' }.state", equalTo("expired"));
    }

    @Test
    void aGrantThatStartsLaterIsScheduledAndNotYetReadable() {
        TestDataset dataset = datasetWithARecord();
        Instant from = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String id = dataset.request("agency-nso", Map.of("fields", List.of("amount"), "validFrom", from.toString(),
                "validUntil", from.plus(1, ChronoUnit.HOURS).toString())).then().statusCode(201).extract().path("id");

        decide("dept-sso", id, "approve", null).then().statusCode(200).body("state", equalTo("scheduled"))
                .body("validFrom", equalTo(from.toString()));
        read(dataset).then().statusCode(403).body("detail", containsString("takes effect at " + from));
    }

    @Test
    void approvingANewerGrantSupersedesTheCurrentOne() {
        TestDataset dataset = datasetWithARecord();
        String first = dataset.grant("agency-nso", AMOUNT_ONLY);
        read(dataset).then().statusCode(200).body("items[0].data.name", equalTo(null));

        String second = dataset.grant("agency-nso", Map.of("fields", List.of("amount", "name")));

        grant(first).body("state", equalTo("superseded"))
                .body("history[2].action", equalTo("superseded")).body("history[2].note", containsString(second));
        grant(second).body("state", equalTo("active"));
        read(dataset).then().statusCode(200).header("LDX-Grant", second).body("items[0].data.name", equalTo("Somchai 1"));
    }

    @Test
    void aNewerGrantThatStartsLaterLetsTheCurrentOneServeUntilThen() {
        TestDataset dataset = datasetWithARecord();
        String current = dataset.grant("agency-nso", AMOUNT_ONLY);
        Instant from = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String renewal = dataset.request("agency-nso", Map.of("fields", List.of("amount", "name"), "validFrom", from.toString(),
                "validUntil", from.plus(30, ChronoUnit.DAYS).toString())).then().statusCode(201).extract().path("id");

        decide("dept-sso", renewal, "approve", null).then().statusCode(200).body("state", equalTo("scheduled"));

        grant(current).body("state", equalTo("active")).body("validUntil", equalTo(from.toString()))
                .body("history[2].action", equalTo("shortened"))
                .body("history[2].note", containsString("ends at " + from + ", when grant " + renewal));
        read(dataset).then().statusCode(200).header("LDX-Grant", current);
    }

    @Test
    void agenciesSeeTheirOwnGrantsAndDepartmentsTheGrantsOnTheirDatasets() {
        TestDataset dataset = datasetWithARecord();
        String id = dataset.request("agency-nso", AMOUNT_ONLY).then().statusCode(201).extract().path("id");

        Api.as("agency-nso").get("/v1/grants/" + id).then().statusCode(200);
        Api.as("dept-sso").get("/v1/grants/" + id).then().statusCode(200);
        Api.as("ldx-admin").get("/v1/grants/" + id).then().statusCode(200);
        Api.as("agency-rd").get("/v1/grants/" + id).then().statusCode(404).body("type", equalTo(TYPE + "grant-not-found"));
        Api.as("dept-doe").get("/v1/grants/" + id).then().statusCode(404);
        Api.as("agency-rd").get("/v1/grants").then().statusCode(200).body("id", not(hasItem(id)));
        Api.as("dept-doe").get("/v1/grants").then().statusCode(200).body("id", not(hasItem(id)));
        Api.as("dept-sso").queryParam("state", "requested").queryParam("datasetId", dataset.id()).get("/v1/grants")
                .then().statusCode(200).body("id", equalTo(List.of(id)));
        Api.as("agency-nso").get("/v1/me").then().statusCode(200)
                .body("grants.find { it.id == '" + id + "' }.state", equalTo("requested"));
        Api.as("dept-sso").get("/v1/me").then().statusCode(200).body("ownedDatasets", hasItem(dataset.id()));
    }

    private static TestDataset datasetWithARecord() {
        TestDataset dataset = TestDataset.create();
        dataset.put("G-1", TestDataset.record("G-1", 1));
        return dataset;
    }

    private static Response read(TestDataset dataset) {
        return Api.reading("agency-nso").get(dataset.recordsPath());
    }

    private static ValidatableResponse grant(String id) {
        return Api.as("ldx-admin").get("/v1/grants/" + id).then().statusCode(200);
    }

    /** A decision, with a reason, or with no body at all (as curl sends it). */
    private static Response decide(String who, String id, String action, String reason) {
        if (reason == null) {
            return Api.as(who).post("/v1/grants/" + id + "/" + action);
        }
        return Api.as(who).contentType("application/json").body(Map.of("reason", reason))
                .post("/v1/grants/" + id + "/" + action);
    }

    /** Reads until the grant stops serving (its validity ends), or fails after the timeout. */
    private static void awaitRefusal(TestDataset dataset, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (read(dataset).statusCode() == 200) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the grant still serves reads " + timeout + " after it was due to expire");
            }
            Thread.sleep(250);
        }
    }
}
