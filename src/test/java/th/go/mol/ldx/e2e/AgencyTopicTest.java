package th.go.mol.ldx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.connector.subscriber.Replica;
import th.go.mol.ldx.connector.subscriber.Subscriber;
import th.go.mol.ldx.devstack.Devstack;
import th.go.mol.ldx.e2e.support.AgencyKafka;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.ChangeEventSchema;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;
import th.go.mol.ldx.e2e.support.TopicReader;

/**
 * Two agencies with different grants (fields, provinces, one identified, one pseudonymised) follow their own topics
 * with the reference subscriber, through thousands of random inserts, updates (records moving into and out of the
 * provinces granted) and deletes, a broker restart, a gateway restart, and then one grant widened and the other
 * narrowed. Each replica ends equal to its agency's REST view row for row, with the same digest; every event on
 * a topic was applied exactly once; and no message on a topic ever held a field, a record or a key outside the
 * grant that its {@code grant} attribute names.
 */
@ExtendWith(LdxStack.class)
class AgencyTopicTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SYNC = Duration.ofSeconds(120);
    private static final int KEYS = 250;
    private static final String NSO = "agency-nso";
    private static final String RD = "agency-rd";

    /** The terms the test grants, and what they let through. */
    private record Terms(List<String> fields, List<String> provinces, boolean identified) {

        Map<String, Object> body() {
            return Map.of("fields", fields, "rows", Map.of("provinceCode", Map.of("in", provinces)), "identified", identified);
        }

        boolean admits(Map<String, Object> record) {
            return provinces.contains(record.get("provinceCode"));
        }
    }

    private final Random random = new Random(20261125);
    /** Every version of every record the test wrote, by key. */
    private final Map<String, List<Map<String, Object>>> versions = new HashMap<>();
    private final Set<String> live = new HashSet<>();

    @Test
    void twoAgenciesStayInSyncWithTheirOwnViewThroughRestartsAndGrantChanges() throws Exception {
        Devstack stack = LdxStack.stack();
        TestDataset dataset = TestDataset.create();
        change(dataset, 300);
        Terms nsoFirst = new Terms(List.of("nationalId", "amount", "provinceCode"), List.of("10", "11"), false);
        Terms rdFirst = new Terms(List.of("nationalId", "name", "amount", "registeredOn"), List.of("50", "90"), true);
        String nsoFirstGrant = dataset.grant(NSO, nsoFirst.body());
        String rdFirstGrant = dataset.grant(RD, rdFirst.body());

        try (Follower nso = follow(dataset, NSO); Follower rd = follow(dataset, RD)) {
            change(dataset, 500);
            stack.kafka().kill();
            try {
                change(dataset, 200);
            } finally {
                stack.kafka().start();
            }
            change(dataset, 300);
            stack.gateway().kill();
            stack.gateway().start();
            change(dataset, 300);

            Terms nsoWidened = new Terms(List.of("nationalId", "name", "amount", "provinceCode", "registeredOn"),
                    List.of("10", "11", "50"), false);
            Terms rdNarrowed = new Terms(List.of("nationalId", "amount"), List.of("50"), true);
            String nsoSecondGrant = dataset.grant(NSO, nsoWidened.body());
            String rdSecondGrant = dataset.grant(RD, rdNarrowed.body());
            change(dataset, 400);

            for (Follower follower : List.of(nso, rd)) {
                follower.awaitSameDigestAsRest();
                follower.assertEqualToRestView();
            }
            assertTopic(nso, Map.of(nsoFirstGrant, nsoFirst, nsoSecondGrant, nsoWidened), nsoSecondGrant);
            assertTopic(rd, Map.of(rdFirstGrant, rdFirst, rdSecondGrant, rdNarrowed), rdSecondGrant);
        }
    }

    /**
     * An owner declares a field a national ID after an agency's topic has carried it as stored: a legacy field of 13
     * digits whose check digits the old system never kept (a field holding valid national IDs could not have been
     * published undeclared). REST shows the agency its pseudonyms at once; the topic must too: the relay sends every
     * record the topic holds again, projected as REST shows it, so that the last message of each key (what a
     * compacted topic keeps) holds no identifier as stored.
     */
    @Test
    void aFieldDeclaredANationalIdLaterReachesTheTopicAsPseudonymsToo() throws Exception {
        TestDataset dataset = TestDataset.createWithLegacyIds();
        Map<String, Object> definition = new HashMap<>(TestDataset.definition());
        definition.put("schema", TestDataset.schemaWithoutIdFormat());
        String topic = "ldx.agency." + NSO + "." + dataset.id();
        List<Map<String, Object>> legacy = new ArrayList<>();
        for (int n = 1; n <= 40; n++) {
            legacy.add(Map.of("operation", "upsert", "data", TestDataset.legacyRecord(String.format("R-%03d", n), n)));
        }
        dataset.batch(legacy).then().statusCode(200);
        dataset.grant(NSO, Map.of("fields", List.of("nationalId", "amount"), "identified", false));
        TopicReader.following(dataset, topic, SYNC);
        Map<String, String> before = TopicReader.lastNationalIdOfEachKey(topic);
        assertEquals(TestDataset.legacyRecord("R-007", 7).get("nationalId"), before.get("R-007"), "carried as stored");

        Api.as("ldx-admin").contentType("application/json").body(definition)
                .put("/v1/admin/datasets/" + dataset.id()).then().statusCode(200);

        Map<String, String> shown = new TreeMap<>();
        JsonPath page = Api.reading(NSO).queryParam("limit", 1000).get(dataset.recordsPath()).then().statusCode(200)
                .extract().jsonPath();
        page.getList("items", Map.class).forEach(item ->
                shown.put((String) item.get("key"), (String) ((Map<?, ?>) item.get("data")).get("nationalId")));
        assertNotEquals(before.get("R-007"), shown.get("R-007"), "REST shows a pseudonym once the field is declared");
        long deadline = System.nanoTime() + SYNC.toNanos();
        Map<String, String> onTopic = TopicReader.lastNationalIdOfEachKey(topic);
        while (!onTopic.equals(shown)) {
            if (System.nanoTime() > deadline) {
                assertEquals(shown, onTopic, "the last message of each key on " + topic + " against REST");
            }
            Thread.sleep(500);
            onTopic = TopicReader.lastNationalIdOfEachKey(topic);
        }
    }

    /** {@code count} random changes: mostly upserts of one of {@link #KEYS} keys in a random province, some deletes. */
    private void change(TestDataset dataset, int count) {
        for (int i = 0; i < count; i++) {
            String key = String.format("R-%03d", random.nextInt(KEYS));
            if (live.contains(key) && random.nextInt(100) < 15) {
                dataset.delete(key);
                live.remove(key);
            } else {
                Map<String, Object> record = TestDataset.record(key, random.nextInt(1_000_000));
                dataset.put(key, record);
                versions.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
                live.add(key);
            }
        }
    }

    /**
     * Every message of the agency's topic, in each partition's order: event ids unique and all applied by the
     * replica; the grant each event names is one of the agency's, the second never followed by the first; each
     * upsert is exactly a version of its record that the named grant admits, projected to the grant's fields,
     * national IDs pseudonymised (one pseudonym per ID) unless identified; a delete or tombstone only for a key the
     * topic holds at that point; a held record's version never goes back (the topic is in order per key).
     */
    private void assertTopic(Follower follower, Map<String, Terms> grants, String laterGrant) throws Exception {
        List<ConsumerRecord<String, String>> messages = TopicReader.everything(follower.topic());
        Set<String> ids = new LinkedHashSet<>();
        Set<String> held = new HashSet<>();
        Map<String, Long> versions = new HashMap<>();
        Set<Integer> laterSeen = new HashSet<>();
        Map<String, String> pseudonyms = new HashMap<>();
        for (ConsumerRecord<String, String> message : messages) {
            String key = message.key();
            if (message.value() == null) {
                assertTrue(held.remove(key), "a tombstone for key " + key + ", which the topic did not hold");
                versions.remove(key);
                continue;
            }
            JsonNode event = JSON.readTree(message.value());
            assertEquals(List.of(), ChangeEventSchema.violations(event));
            assertTrue(ids.add(event.get("id").asText()), "event " + event.get("id") + " published twice");
            assertEquals(key, event.get("subject").asText());
            String grant = event.get("grant").asText();
            Terms terms = grants.get(grant);
            assertNotNull(terms, "an event of grant " + grant + ", not one of the agency's");
            if (grant.equals(laterGrant)) {
                laterSeen.add(message.partition());
            } else {
                assertFalse(laterSeen.contains(message.partition()), "an event of the earlier grant after the later one");
            }
            long sequence = Long.parseLong(event.get("sequence").asText());
            assertTrue(sequence >= versions.getOrDefault(key, 0L), "record " + key + " went back to version " + sequence);
            versions.put(key, sequence);
            if (event.get("type").asText().endsWith(".deleted")) {
                assertTrue(held.contains(key), "a delete for key " + key + ", which the topic did not hold");
            } else {
                assertIsAVersionAsGranted(key, event.get("data"), terms, pseudonyms);
                held.add(key);
            }
        }
        assertEquals(ids, follower.appliedEventIds(), "the replica applied every event of the topic, each once");
    }

    private void assertIsAVersionAsGranted(String key, JsonNode data, Terms terms, Map<String, String> pseudonyms) {
        Set<String> expectedFields = new TreeSet<>(terms.fields());
        expectedFields.add("id");
        Set<String> sent = new TreeSet<>();
        data.fieldNames().forEachRemaining(sent::add);
        assertEquals(expectedFields, sent, "the fields of " + key + " as the grant shows them");
        Map<String, Object> match = versions.getOrDefault(key, List.of()).stream()
                .filter(terms::admits)
                .filter(version -> terms.fields().stream().filter(f -> !f.equals("nationalId") || terms.identified())
                        .allMatch(f -> JSON.valueToTree(version.get(f)).equals(data.get(f))))
                .findFirst().orElse(null);
        assertNotNull(match, "record " + key + " as sent, " + data + ", is no version the grant admits");
        if (!terms.identified()) {
            String pseudonym = data.get("nationalId").asText();
            assertNotEquals(match.get("nationalId"), pseudonym);
            assertFalse(pseudonym.matches("[0-9]{13}"), "a pseudonym that looks like a national ID: " + pseudonym);
            assertEquals(pseudonyms.computeIfAbsent((String) match.get("nationalId"), id -> pseudonym), pseudonym,
                    "one pseudonym per national ID");
        }
    }

    private Follower follow(TestDataset dataset, String agency) throws Exception {
        String table = agency.replace("agency-", "").replace('-', '_') + "_" + dataset.id().replace('-', '_');
        Replica replica = new Replica(LdxStack.stack().postgres().jdbcUrl(), "ldx", "ldx", table);
        Map<String, Object> kafka = new HashMap<>(AgencyKafka.config(agency));
        kafka.put(ConsumerConfig.GROUP_ID_CONFIG, agency + ".e2e-" + UUID.randomUUID());
        kafka.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500);
        String topic = "ldx.agency." + agency + "." + dataset.id();
        Subscriber subscriber = new Subscriber(kafka, topic, replica);
        Thread loop = new Thread(subscriber, "subscriber-" + agency);
        loop.start();
        return new Follower(agency, dataset, topic, table, replica, subscriber, loop);
    }

    /** An agency's reference subscriber, running as its runnable example runs it. */
    private record Follower(String agency, TestDataset dataset, String topic, String table, Replica replica,
            Subscriber subscriber, Thread loop) implements AutoCloseable {

        void awaitSameDigestAsRest() throws Exception {
            long deadline = System.nanoTime() + SYNC.toNanos();
            while (!restDigest().equals(replica.digest().hash())) {
                if (System.nanoTime() > deadline || !loop.isAlive()) {
                    throw new AssertionError(agency + "'s replica did not reach the digest of its REST view within " + SYNC);
                }
                Thread.sleep(500);
            }
        }

        private String restDigest() {
            return Api.reading(agency).get("/v1/datasets/" + dataset.id() + "/digest").then().statusCode(200)
                    .extract().path("hash");
        }

        /** The replica holds exactly the agency's REST view: same keys, same data, same versions, no delete marker left. */
        void assertEqualToRestView() throws Exception {
            Map<String, Object> expected = new TreeMap<>();
            String cursor = null;
            do {
                var request = Api.reading(agency).queryParam("limit", 1000);
                if (cursor != null) {
                    request.queryParam("cursor", cursor);
                }
                JsonPath page = request.get(dataset.recordsPath()).then().statusCode(200).extract().jsonPath();
                page.getList("items", Map.class).forEach(item ->
                        expected.put((String) item.get("key"), List.of(item.get("data"), ((Number) item.get("version")).longValue())));
                cursor = page.getString("next");
            } while (cursor != null);
            Map<String, Object> copied = new TreeMap<>();
            int markers = 0;
            try (Connection c = DriverManager.getConnection(LdxStack.stack().postgres().jdbcUrl(), "ldx", "ldx");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT record_key, data, version, deleted FROM " + table)) {
                while (rs.next()) {
                    if (rs.getBoolean("deleted")) {
                        markers++;
                    } else {
                        copied.put(rs.getString(1), List.of(JSON.readValue(rs.getString(2), Map.class), rs.getLong(3)));
                    }
                }
            }
            assertFalse(expected.isEmpty(), "the grant shows " + agency + " some records");
            assertEquals(expected, copied, agency + "'s replica against its REST view");
            assertEquals(0, markers, "every delete's tombstone removed its marker");
        }

        Set<String> appliedEventIds() throws Exception {
            Set<String> ids = new LinkedHashSet<>();
            try (Connection c = DriverManager.getConnection(LdxStack.stack().postgres().jdbcUrl(), "ldx", "ldx");
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT event_id FROM " + table + "_event")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }

        @Override
        public void close() throws Exception {
            subscriber.close();
            loop.join(10_000);
            replica.close();
        }
    }
}
