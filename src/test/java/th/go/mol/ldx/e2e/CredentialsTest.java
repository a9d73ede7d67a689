package th.go.mol.ldx.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.devstack.GatewayServer;
import th.go.mol.ldx.devstack.demo.DemoParties;
import th.go.mol.ldx.e2e.support.AgencyKafka;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;
import th.go.mol.ldx.e2e.support.Tokens;

/**
 * Administrators issue, rotate, disable, enable and delete credentials through the admin API, against the real
 * Keycloak, two gateway replicas and the broker: a revoked credential's tokens are refused by both replicas and its
 * Kafka access ends within 5 seconds, and a Keycloak that does not answer changes nothing in LDX.
 */
@ExtendWith(LdxStack.class)
class CredentialsTest {

    private static final Duration REVOCATION = Duration.ofSeconds(5);
    private static final String REVOKED = "https://ldx.mol.go.th/problems/credential-revoked";

    private static GatewayServer replica;

    @BeforeAll
    static void startSecondReplica() {
        replica = LdxStack.stack().startReplica("gateway-credentials");
    }

    @AfterAll
    static void stopSecondReplica() {
        replica.close();
    }

    @Test
    void issueUseRotateDisableEnableAndDeleteThroughTheAdminApi() throws Exception {
        String agency = registerAgency();
        TestDataset dataset = TestDataset.create();
        dataset.put("C-1", TestDataset.record("C-1", 1));

        // Issue: the secret is in this answer and nowhere else.
        Response issued = issue(agency, Map.of("name", "etl", "description", "Nightly ETL", "tier", "trial"));
        issued.then().statusCode(201)
                .header("Location", endsWith("/v1/admin/credentials/" + agency + ".etl"))
                .body("credential.clientId", equalTo(agency + ".etl"))
                .body("credential.organisationId", equalTo(agency))
                .body("credential.status", equalTo("active"))
                .body("credential.tier", equalTo("trial"))
                .body("credential.createdBy", equalTo(LdxStack.stack().parties().of("ldx-admin").clientId()))
                .body("kafkaScope", equalTo("kafka"))
                .body("clientSecret", not(emptyOrNullString()));
        DemoParties.Credential etl = credentialOf(issued);
        Api.as("ldx-admin").get("/v1/admin/credentials/" + etl.clientId()).then().statusCode(200)
                .body("clientSecret", equalTo(null)).body("status", equalTo("active"));
        // One credential per system: a second one, and a name is not given twice.
        DemoParties.Credential portal = credentialOf(issue(agency, Map.of("name", "portal")).then().statusCode(201)
                .extract().response());
        issue(agency, Map.of("name", "etl")).then().statusCode(409)
                .body("type", equalTo("https://ldx.mol.go.th/problems/credential-exists"));

        // Use: the token names the credential and its agency, and reads what the agency was granted.
        String first = token(etl);
        Api.withToken(first).get("/v1/me").then().statusCode(200)
                .body("clientId", equalTo(etl.clientId())).body("organisation", equalTo(agency))
                .body("roles", equalTo(List.of("ldx-partner")));
        String grant = Api.withToken(first).contentType("application/json").body(Map.of("datasetId", dataset.id(),
                        "fields", List.of("amount"), "purposes", List.of(TestDataset.PURPOSE),
                        "validUntil", Instant.now().plusSeconds(86400).toString()))
                .post("/v1/grants").then().statusCode(201).body("agency", equalTo(agency)).extract().path("id");
        Api.as("ldx-admin").contentType("application/json").body(Map.of())
                .post("/v1/grants/" + grant + "/approve").then().statusCode(200);
        read(first, null, dataset).then().statusCode(200).body("items[0].data.amount", equalTo(1));
        String topic = "ldx.agency." + agency + "." + dataset.id();
        try (KafkaConsumer<String, String> consumer = AgencyKafka.consumer(etl)) {
            consumer.assign(List.of(new TopicPartition(topic, 0)));
            assertEquals(1, AgencyKafka.readFirst(consumer, Duration.ofSeconds(30)).size(),
                    "the credential reads its agency's topic");
        }
        awaitLastUse(etl.clientId());

        // Rotate: the old secret gets no token from Keycloak, the old token is refused by both replicas.
        JsonPath rotated = Api.as("ldx-admin").post("/v1/admin/credentials/" + etl.clientId() + "/rotate")
                .then().statusCode(200).body("credential.secretRotatedAt", notNullValue()).extract().jsonPath();
        long rotation = System.nanoTime();
        DemoParties.Credential etlRotated = new DemoParties.Credential(etl.clientId(), rotated.getString("clientSecret"));
        assertNotEquals(etl.secret(), etlRotated.secret());
        assertTokenRefusedByKeycloak(etl);
        awaitRefusedEverywhere(first, rotation);
        String second = token(etlRotated);
        read(second, null, dataset).then().statusCode(200);
        read(second, replica, dataset).then().statusCode(200);

        // Disable: a token issued before is refused by both replicas and by the broker within 5 s.
        KafkaConsumer<String, String> consumer = AgencyKafka.consumer(etlRotated);
        consumer.assign(List.of(new TopicPartition(topic, 0)));
        assertEquals(1, AgencyKafka.readFirst(consumer, Duration.ofSeconds(30)).size());
        Api.as("ldx-admin").post("/v1/admin/credentials/" + etl.clientId() + "/disable").then().statusCode(200)
                .body("status", equalTo("disabled"));
        long disabling = System.nanoTime();
        awaitRefusedEverywhere(second, disabling);
        consumer.seek(new TopicPartition(topic, 0), 0);
        AgencyKafka.assertRefused(consumer, REVOCATION.minusNanos(System.nanoTime() - disabling));
        assertTokenRefusedByKeycloak(etlRotated);
        read(token(portal), replica, dataset).then().statusCode(200);

        // Enable: new tokens work again; the token from before the disabling stays refused.
        Api.as("ldx-admin").post("/v1/admin/credentials/" + etl.clientId() + "/enable").then().statusCode(200)
                .body("status", equalTo("active"));
        String third = token(etlRotated);
        read(third, null, dataset).then().statusCode(200);
        read(third, replica, dataset).then().statusCode(200);
        read(second, replica, dataset).then().statusCode(401).body("type", equalTo(REVOKED));

        // Delete: refused everywhere, kept on record, its name not reused.
        Api.as("ldx-admin").delete("/v1/admin/credentials/" + etl.clientId()).then().statusCode(204);
        long deletion = System.nanoTime();
        awaitRefusedEverywhere(third, deletion);
        assertTokenRefusedByKeycloak(etlRotated);
        Api.as("ldx-admin").post("/v1/admin/credentials/" + etl.clientId() + "/rotate").then().statusCode(409)
                .body("type", equalTo("https://ldx.mol.go.th/problems/credential-state-conflict"));
        issue(agency, Map.of("name", "etl")).then().statusCode(409);
        String listed = credentials(agency);
        JsonPath list = JsonPath.from(listed);
        assertEquals(List.of(etl.clientId(), portal.clientId()), list.getList("clientId"));
        assertEquals(List.of("deleted", "active"), list.getList("status"));
        assertEquals(2, list.getList("createdAt").stream().filter(Objects::nonNull).count());
        assertFalse(listed.contains(etlRotated.secret()) || listed.contains(etl.secret()), "a listing shows no secret");
    }

    @Test
    void whileKeycloakDoesNotAnswerAdminCallsAnswer503AndChangeNothingWhileReadsGoOn() {
        String agency = registerAgency();
        TestDataset dataset = TestDataset.create();
        dataset.put("K-1", TestDataset.record("K-1", 1));
        DemoParties.Credential credential = credentialOf(issue(agency, Map.of("name", "main")).then().statusCode(201)
                .extract().response());
        String token = token(credential);
        String grant = Api.withToken(token).contentType("application/json").body(Map.of("datasetId", dataset.id(),
                        "fields", List.of("amount"), "purposes", List.of(TestDataset.PURPOSE),
                        "validUntil", Instant.now().plusSeconds(86400).toString()))
                .post("/v1/grants").then().statusCode(201).extract().path("id");
        Api.as("ldx-admin").contentType("application/json").body(Map.of())
                .post("/v1/grants/" + grant + "/approve").then().statusCode(200);
        String adminToken = Tokens.of("ldx-admin");
        List<Map<String, Object>> before = withoutLastUse(credentials(agency));

        LdxStack.stack().keycloak().pause();
        try {
            for (Response answer : List.of(
                    Api.withToken(adminToken).contentType("application/json").body(Map.of("name", "second"))
                            .post("/v1/admin/organisations/" + agency + "/credentials"),
                    Api.withToken(adminToken).post("/v1/admin/credentials/" + credential.clientId() + "/rotate"),
                    Api.withToken(adminToken).post("/v1/admin/credentials/" + credential.clientId() + "/disable"),
                    Api.withToken(adminToken).delete("/v1/admin/credentials/" + credential.clientId()))) {
                answer.then().statusCode(503).contentType("application/problem+json")
                        .body("type", equalTo("https://ldx.mol.go.th/problems/identity-provider-unavailable"));
            }
            read(token, null, dataset).then().statusCode(200);
            read(token, replica, dataset).then().statusCode(200);
        } finally {
            LdxStack.stack().keycloak().resume();
        }
        assertEquals(before, withoutLastUse(credentials(agency)), "the refused calls changed nothing in LDX");
        read(token, replica, dataset).then().statusCode(200);
    }

    @Test
    void requestsAnAdministratorGetsWrongAreRefusedWithTheirReason() {
        String agency = registerAgency();
        issue("no-such-org", Map.of("name", "x")).then().statusCode(404)
                .body("type", equalTo("https://ldx.mol.go.th/problems/organisation-not-found"));
        issue(agency, Map.of("name", "x", "tier", "platinum")).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/tier"));
        issue("dept-doe", Map.of("name", "x", "tier", "bulk")).then().statusCode(400)
                .body("errors[0].pointer", equalTo("/tier"));
        issue(agency, Map.of("name", "Not A Name")).then().statusCode(400)
                .body("type", equalTo("https://ldx.mol.go.th/problems/invalid-parameter"));
        // A department's credential publishes; it has no Kafka scope.
        String department = register("department");
        issue(department, Map.of("name", "publisher")).then().statusCode(201)
                .body("kafkaScope", equalTo(null)).body("credential.organisationId", equalTo(department));
        // The kind decides the role of the credentials: it does not change while the organisation holds any.
        Api.as("ldx-admin").contentType("application/json").body(registration("agency"))
                .put("/v1/admin/organisations/" + department).then().statusCode(409)
                .body("type", equalTo("https://ldx.mol.go.th/problems/credential-state-conflict"));
        Api.as("ldx-admin").get("/v1/admin/credentials/" + agency + ".none").then().statusCode(404)
                .body("type", equalTo("https://ldx.mol.go.th/problems/credential-not-found"));
        Api.as("agency-nso").contentType("application/json").body(Map.of("name", "mine"))
                .post("/v1/admin/organisations/agency-nso/credentials").then().statusCode(403);
        assertEquals("[]", credentials(agency));
    }

    @Test
    void aClientMadeInKeycloakOutsideLdxIsNoCredentialWhateverItClaims() {
        Api.withToken(Tokens.ofImpostor("agency-nso")).get("/v1/me").then().statusCode(401)
                .body("type", equalTo("https://ldx.mol.go.th/problems/unauthenticated"))
                .body("detail", containsString("not a credential LDX issued"));
    }

    private static String registerAgency() {
        return register("agency");
    }

    private static String register(String kind) {
        String id = "e2e-cred-" + UUID.randomUUID().toString().substring(0, 8);
        Api.as("ldx-admin").contentType("application/json").body(registration(kind))
                .put("/v1/admin/organisations/" + id).then().statusCode(201);
        return id;
    }

    private static Map<String, Object> registration(String kind) {
        return Map.of("kind", kind, "name", Map.of("th", "หน่วยงานทดสอบ", "en", "Credentials test " + kind),
                "contact", Map.of("name", "Test desk", "email", "desk@example.go.th"));
    }

    private static Response issue(String organisation, Map<String, Object> request) {
        return Api.as("ldx-admin").contentType("application/json").body(request)
                .post("/v1/admin/organisations/" + organisation + "/credentials");
    }

    private static DemoParties.Credential credentialOf(Response issued) {
        return new DemoParties.Credential(issued.path("credential.clientId"), issued.path("clientSecret"));
    }

    private static String credentials(String organisation) {
        return Api.as("ldx-admin").get("/v1/admin/organisations/" + organisation + "/credentials").then()
                .statusCode(200).extract().asString();
    }

    /** The credentials as listed, but when they were last used (the reads meanwhile use them). */
    private static List<Map<String, Object>> withoutLastUse(String listed) {
        List<Map<String, Object>> credentials = JsonPath.from(listed).getList("");
        credentials.forEach(credential -> credential.remove("lastUsedAt"));
        return credentials;
    }

    private static String token(DemoParties.Credential credential) {
        return LdxStack.stack().api().token(credential.clientId(), credential.secret());
    }

    /** A read of the dataset's records through the first replica (null) or another. */
    private static Response read(String token, GatewayServer gateway, TestDataset dataset) {
        RequestSpecification request = Api.withToken(token).header("LDX-Purpose", TestDataset.PURPOSE);
        if (gateway != null) {
            request.baseUri(gateway.baseUrl());
        }
        return request.get(dataset.recordsPath());
    }

    private static void assertTokenRefusedByKeycloak(DemoParties.Credential credential) {
        given().formParams(Map.of("grant_type", "client_credentials", "client_id", credential.clientId(),
                        "client_secret", credential.secret()))
                .post(LdxStack.stack().keycloak().tokenUrl())
                .then().statusCode(anyOf(equalTo(400), equalTo(401)))
                .body("error", anyOf(equalTo("invalid_client"), equalTo("unauthorized_client")));
    }

    /** Both replicas answer the token 401 credential-revoked within 5 s of the revocation. */
    private static void awaitRefusedEverywhere(String token, long revokedAtNanos) throws InterruptedException {
        for (GatewayServer gateway : new GatewayServer[] {null, replica}) {
            while (true) {
                RequestSpecification request = Api.withToken(token);
                Response answer = (gateway == null ? request : request.baseUri(gateway.baseUrl())).get("/v1/me");
                if (answer.statusCode() == 401 && REVOKED.equals(answer.path("type"))) {
                    break;
                }
                if (System.nanoTime() - revokedAtNanos > REVOCATION.toNanos()) {
                    throw new AssertionError((gateway == null ? "the first" : "the second") + " replica still answers "
                            + answer.statusCode() + " to a revoked credential's token 5 s after the revocation");
                }
                Thread.sleep(50);
            }
        }
    }

    private static void awaitLastUse(String clientId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (Api.as("ldx-admin").get("/v1/admin/credentials/" + clientId).path("lastUsedAt") == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the credential's last use was not recorded");
            }
            Thread.sleep(200);
        }
    }
}
