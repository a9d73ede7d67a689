package th.go.mol.ldx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.connector.ViewDigest;
import th.go.mol.ldx.connector.subscriber.ChangeMessage;
import th.go.mol.ldx.connector.subscriber.Replica;
import th.go.mol.ldx.connector.subscriber.Subscriber;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;

/**
 * The reference subscriber keeps a PostgreSQL copy of a topic equal to what its reader sees on REST, through
 * updates, deletes and their tombstones, a restart that resumes from committed offsets, and a full replay that
 * applies nothing twice. It follows the dataset's topic as its owner department sees it (agency topics are next).
 */
@ExtendWith(LdxStack.class)
class SubscriberTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CATCH_UP = Duration.ofSeconds(30);

    @Test
    void aReplicaFollowsTheTopicThroughDeletesARestartAndAFullReplayAndEndsEqualToTheView() throws Exception {
        TestDataset dataset = TestDataset.create();
        dataset.load(SubscriberTest::key, 1, 20);
        for (int n = 1; n <= 5; n++) {
            dataset.put(key(n), TestDataset.record(key(n), n + 100));
        }
        dataset.delete(key(6));
        dataset.delete(key(7));
        String table = "replica_" + dataset.id().replace('-', '_');
        String group = "e2e-subscriber-" + UUID.randomUUID();

        try (Replica replica = replica(table)) {
            try (Following first = follow(replica, group, dataset)) {
                first.awaitMessages(27 + 2);
                assertEquals(27, first.subscriber().applied());
            }
            assertInSync(dataset, table, replica);

            dataset.put(key(21), TestDataset.record(key(21), 21));
            dataset.put(key(8), TestDataset.record(key(8), 208));
            dataset.delete(key(9));
            try (Following resumed = follow(replica, group, dataset)) {
                resumed.awaitMessages(3 + 1);
                assertEquals(3, resumed.subscriber().applied(), "a restart resumes after the committed offsets");
                assertEquals(0, resumed.subscriber().duplicates());
            }
            assertInSync(dataset, table, replica);

            String before = replica.digest().hash();
            try (Following replay = follow(replica, "e2e-replay-" + UUID.randomUUID(), dataset)) {
                replay.awaitMessages(30 + 3);
                assertEquals(0, replay.subscriber().applied(), "no event is applied twice");
                assertEquals(33, replay.subscriber().duplicates(), "30 events and 3 tombstones, each recognised");
            }
            assertEquals(before, replica.digest().hash());
            assertInSync(dataset, table, replica);
        }
    }

    @Test
    void aReplicaTakesATombstoneWithoutItsDeleteAndNeverGoesBackToAnOlderVersion() throws Exception {
        String table = "replica_unit_" + UUID.randomUUID().toString().substring(0, 8);
        try (Replica replica = replica(table)) {
            Replica.Applied first = replica.apply(List.of(
                    at(0, upsert("K1", 5)), at(1, upsert("K1", 3)),
                    at(2, upsert("K2", 4)), at(3, new ChangeMessage.Tombstone("K2")),
                    at(4, upsert("K3", 6)), at(5, delete("K3", 7)), at(6, new ChangeMessage.Tombstone("K3")),
                    at(7, upsert("K3", 8))));
            Replica.Applied replayed = replica.apply(List.of(at(0, upsert("K1", 5)), at(6, new ChangeMessage.Tombstone("K3"))));

            assertEquals(new Replica.Applied(5, 0, 1, 2), first);
            assertEquals(new Replica.Applied(0, 2, 0, 0), replayed);
            assertEquals(Map.of("K1", 5L, "K3", 8L), rows(table));
            assertEquals(new ViewDigest().add("K1", 5).add("K3", 8).hash(), replica.digest().hash());
        }
    }

    private static Replica.Positioned at(long offset, ChangeMessage message) {
        return new Replica.Positioned(0, offset, message);
    }

    private static ChangeMessage upsert(String key, long sequence) {
        return new ChangeMessage.Event(key, UUID.randomUUID(), sequence, false, JSON.createObjectNode().put("id", key));
    }

    private static ChangeMessage delete(String key, long sequence) {
        return new ChangeMessage.Event(key, UUID.randomUUID(), sequence, true, null);
    }

    private static Map<String, Long> rows(String table) throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(LdxStack.stack().postgres().jdbcUrl(), "ldx", "ldx");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT record_key, version FROM " + table)) {
            while (rs.next()) {
                rows.put(rs.getString(1), rs.getLong(2));
            }
        }
        return rows;
    }

    /** The copy holds exactly the owner's view, row for row, with the same versions, and the digests agree. */
    private static void assertInSync(TestDataset dataset, String table, Replica replica) throws Exception {
        Map<String, Object> expected = new TreeMap<>();
        Api.as(TestDataset.OWNER).queryParam("limit", 1000).get(dataset.recordsPath()).then().statusCode(200)
                .extract().jsonPath().getList("items", Map.class)
                .forEach(item -> expected.put((String) item.get("key"), List.of(item.get("data"), item.get("version"))));
        Map<String, Object> copied = new TreeMap<>();
        try (Connection c = DriverManager.getConnection(LdxStack.stack().postgres().jdbcUrl(), "ldx", "ldx");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT record_key, data, version FROM " + table + " WHERE NOT deleted")) {
            while (rs.next()) {
                copied.put(rs.getString(1), List.of(JSON.readValue(rs.getString(2), Map.class), (int) rs.getLong(3)));
            }
        }
        assertEquals(expected, copied);
        Map<String, Object> digest = Api.as(TestDataset.OWNER).get("/v1/datasets/" + dataset.id() + "/digest")
                .then().statusCode(200).extract().jsonPath().getMap("");
        assertEquals(digest.get("hash"), replica.digest().hash());
        assertEquals(((Number) digest.get("lastSequence")).longValue(), replica.lastSequence());
        try (Connection c = DriverManager.getConnection(LdxStack.stack().postgres().jdbcUrl(), "ldx", "ldx");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table + " WHERE deleted")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "every delete's tombstone removed its marker");
        }
    }

    private static Replica replica(String table) throws SQLException {
        return new Replica(LdxStack.stack().postgres().jdbcUrl(), "ldx", "ldx", table);
    }

    /** A subscriber running in a thread of its own, as the runnable example runs it. */
    private record Following(Subscriber subscriber, Thread loop, Replica replica, TestDataset dataset) implements AutoCloseable {

        /** Until this many messages (events and tombstones) are handled: every partition has been read that far. */
        void awaitMessages(long messages) throws Exception {
            await(() -> subscriber.messages() >= messages);
        }

        private void await(Condition condition) throws Exception {
            long deadline = System.nanoTime() + CATCH_UP.toNanos();
            while (!condition.holds()) {
                if (System.nanoTime() > deadline || !loop.isAlive()) {
                    throw new AssertionError("the subscriber did not catch up within " + CATCH_UP);
                }
                Thread.sleep(100);
            }
        }

        @Override
        public void close() throws InterruptedException {
            subscriber.close();
            loop.join(10_000);
        }
    }

    @FunctionalInterface
    private interface Condition {
        boolean holds() throws Exception;
    }

    private static Following follow(Replica replica, String group, TestDataset dataset) {
        Subscriber subscriber = new Subscriber(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LdxStack.stack().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500), dataset.topic(), replica);
        Thread loop = new Thread(subscriber, "subscriber-" + group);
        loop.start();
        return new Following(subscriber, loop, replica, dataset);
    }

    private static String key(int n) {
        return String.format("S-%02d", n);
    }
}
