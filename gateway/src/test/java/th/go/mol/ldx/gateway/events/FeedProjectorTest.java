package th.go.mol.ldx.gateway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import th.go.mol.ldx.gateway.access.AccessPolicy;
import th.go.mol.ldx.gateway.access.Fixtures;
import th.go.mol.ldx.gateway.access.GrantTerms;
import th.go.mol.ldx.gateway.access.RowFilter;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.events.ChangeLogReader.Chunk;
import th.go.mol.ldx.gateway.records.StoredRecord;
import th.go.mol.ldx.security.PseudonymDomain;
import th.go.mol.ldx.security.Pseudonymiser;

/**
 * What an agency topic receives: the grant's projection of each change, a delete and a tombstone for a record that
 * leaves the grant's rows, nothing at all (not even the key) for a record the agency never held, and back-fill
 * chunks placed exactly at their snapshot among the changes.
 */
class FeedProjectorTest {

    private static final Pseudonymiser PSEUDONYMS =
            new Pseudonymiser("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final Dataset INSURED = Fixtures.dataset(true);
    private static final RowFilter BANGKOK = filter("{\"provinceCode\":{\"eq\":\"10\"}}");
    private static final RowFilter BANGKOK_OR_SAMUT_PRAKAN = filter("{\"provinceCode\":{\"in\":[\"10\",\"11\"]}}");
    private static final GrantTerms NARROW = Fixtures.grant("agency-nso", Set.of("amount", "provinceCode"), BANGKOK, false);
    private static final GrantTerms WIDE = Fixtures.grant("agency-nso", Set.of("nationalId", "name", "amount", "provinceCode"),
            BANGKOK_OR_SAMUT_PRAKAN, false);

    private final FeedProjector projector = new FeedProjector(
            new AccessPolicy(null, PSEUDONYMS, Clock.fixed(Fixtures.FROM, ZoneOffset.UTC), null));

    /**
     * What a topic's checkpoint records of its pseudonyms names the master secret too, so that a topic made under a
     * secret replaced since is sent again; a topic that shows no pseudonym records nothing.
     */
    @Test
    void aTopicsPseudonymsNameTheirFieldsAndTheMasterSecretTheyCameFrom() {
        FeedProjector replaced = new FeedProjector(new AccessPolicy(null,
                new Pseudonymiser("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII)),
                Clock.fixed(Fixtures.FROM, ZoneOffset.UTC), null));

        Set<String> now = projector.pseudonymised(WIDE.view(), INSURED);
        assertEquals(Set.of("nationalId", "key:" + PSEUDONYMS.keyId()), now);
        assertNotEquals(now, replaced.pseudonymised(WIDE.view(), INSURED));
        assertEquals(Set.of(), projector.pseudonymised(NARROW.view(), INSURED));
        assertEquals(16, PSEUDONYMS.keyId().length());
    }

    @Test
    void aChangeReachesTheTopicAsTheGrantShowsItAndARecordThatLeavesTheRowsIsDeleted() {
        Feed feed = streaming(NARROW, 0);
        List<PendingChange> batch = List.of(
                upsert(1, "A", "10", 100, null),
                upsert(2, "A", "11", 200, record("A", "10", 100)),
                upsert(3, "A", "11", 300, record("A", "11", 200)),
                upsert(4, "A", "10", 400, record("A", "11", 300)),
                upsert(5, "B", "50", 1, null),
                delete(6, "B", record("B", "50", 1)),
                delete(7, "A", record("A", "10", 400)));

        FeedProjector.Step step = projector.advance(feed, INSURED, batch, true, null, Map.of());

        assertEquals(List.of("A upsert 1 {\"id\":\"A\",\"provinceCode\":\"10\",\"amount\":100}",
                "A delete 2", "A tombstone",
                "A upsert 4 {\"id\":\"A\",\"provinceCode\":\"10\",\"amount\":400}",
                "A delete 7", "A tombstone"), describe(step.messages()));
        assertEquals(batch.get(0).eventId().toString(), step.messages().get(0).event().id().toString(),
                "a change keeps its event id on every topic");
        assertEquals(NARROW.id().toString(), step.messages().get(0).event().grant().toString());
        assertEquals(7, step.feed().position());
    }

    @Test
    void nationalIdsReachAPseudonymisedGrantAsTheAgencysPseudonyms() {
        ObjectNode data = record("A", "10", 100);
        data.put("nationalId", "1103702071561");

        FeedProjector.Step step = projector.advance(streaming(WIDE, 0), INSURED, List.of(upsert(1, "A", data, null)),
                true, null, Map.of());

        JsonNode sent = data(step.messages().get(0).event());
        assertEquals(PSEUDONYMS.pseudonym(new PseudonymDomain("agency-nso", 1), "1103702071561"), sent.get("nationalId").asText());
    }

    @Test
    void changesAlreadyOnTheTopicAreSkippedAndAnEmptyBatchChangesNothing() {
        Feed feed = streaming(NARROW, 2);
        List<PendingChange> batch = List.of(upsert(1, "A", "10", 1, null), upsert(2, "A", "10", 2, record("A", "10", 1)),
                upsert(3, "A", "10", 3, record("A", "10", 2)));

        FeedProjector.Step step = projector.advance(feed, INSURED, batch, true, null, Map.of());
        FeedProjector.Step idle = projector.advance(step.feed(), INSURED, List.of(), true, null, Map.of());

        assertEquals(List.of("A upsert 3 {\"id\":\"A\",\"provinceCode\":\"10\",\"amount\":3}"), describe(step.messages()));
        assertEquals(List.of(), idle.messages());
        assertEquals(step.feed(), idle.feed());
    }

    @Test
    void aBackfillChunkGoesExactlyAtItsSnapshotAndLaterChangesFollowOnlyForTheKeysItSettled() {
        Feed fresh = Feed.start("ldx.agency.agency-nso.insured", NARROW, Set.of()).at(5);
        Chunk chunk = new Chunk(5, List.of(row("A", "10", 50, 2), row("B", "11", 60, 4), row("C", "10", 70, 5)), false);
        List<PendingChange> batch = List.of(
                upsert(5, "C", "10", 70, record("C", "10", 7)),
                upsert(6, "A", "10", 51, record("A", "10", 50)),
                upsert(7, "D", "10", 80, null),
                upsert(8, "C", "11", 71, record("C", "10", 70)));

        FeedProjector.Step step = projector.advance(fresh, INSURED, batch, true, chunk, Map.of());

        assertEquals(List.of(
                "A upsert 2 {\"id\":\"A\",\"provinceCode\":\"10\",\"amount\":50}",
                "C upsert 5 {\"id\":\"C\",\"provinceCode\":\"10\",\"amount\":70}",
                "A upsert 6 {\"id\":\"A\",\"provinceCode\":\"10\",\"amount\":51}",
                "C delete 8", "C tombstone"), describe(step.messages()),
                "B is outside the rows; D lies after the chunk and waits for the next one");
        assertEquals("C", step.feed().backfill().after());
        assertEquals(8, step.feed().position());
    }

    @Test
    void aChunkWaitsWhileTheBatchHasNotReachedItsSnapshot() {
        Feed feed = Feed.start("ldx.agency.agency-nso.insured", NARROW, Set.of()).at(3).backfilledTo("A", 3);
        Chunk chunk = new Chunk(9, List.of(row("B", "10", 1, 9)), true);
        List<PendingChange> batch = List.of(upsert(4, "A", "10", 4, record("A", "10", 3)), upsert(5, "B", "10", 5, null));

        FeedProjector.Step step = projector.advance(feed, INSURED, batch, false, chunk, Map.of());

        assertEquals(List.of("A upsert 4 {\"id\":\"A\",\"provinceCode\":\"10\",\"amount\":4}"), describe(step.messages()));
        assertEquals("A", step.feed().backfill().after(), "the chunk is read again next time");
        assertEquals(5, step.feed().position());
    }

    @Test
    void aNarrowedGrantReprojectsWhatItShowsAndDeletesWhatTheTopicHeldAndNoLongerMay() {
        Feed wide = streaming(WIDE, 20);
        Feed narrowed = wide.reproject(NARROW, Set.of());
        Chunk chunk = new Chunk(25, List.of(row("A", "10", 1, 3), row("B", "11", 2, 22), row("D", "50", 4, 4)), true);
        Map<String, JsonNode> past = new HashMap<>(Map.of(
                "A", record("A", "10", 1), "B", record("B", "10", 2), "C", record("C", "11", 3), "D", record("D", "50", 4)));

        assertEquals(List.of(new FeedProjector.PastRange(null, null, 20)), projector.pastRanges(narrowed, chunk));
        FeedProjector.Step step = projector.advance(narrowed.at(25), INSURED, List.of(), true, chunk, past);

        assertEquals(List.of(
                "A upsert 3 {\"id\":\"A\",\"provinceCode\":\"10\",\"amount\":1}",
                "B delete 22", "B tombstone",
                "C delete 25", "C tombstone"), describe(sorted(step.messages())),
                "A loses the national ID and the name; B moved out of the rows (at its version 22), C was deleted since "
                        + "(before the snapshot, 25); D was never held");
        assertNull(step.feed().backfill(), "the last chunk ends the back-fill");
        assertEquals(NARROW.id().toString(), step.messages().get(0).event().grant().toString());
    }

    @Test
    void aGrantThatChangesAgainDuringABackfillRemembersWhatEachKeyRangeHeld() {
        Feed halfway = streaming(WIDE, 20).reproject(NARROW, Set.of()).backfilledTo("M", 30);
        GrantTerms third = Fixtures.grant("agency-nso", Set.of("amount"), RowFilter.ALL, false);

        Feed again = halfway.reproject(third, Set.of());
        Chunk firstChunk = new Chunk(40, List.of(row("K", "10", 1, 1)), false);
        Chunk lastChunk = new Chunk(40, List.of(row("Q", "10", 1, 1)), true);

        assertEquals(List.of(new FeedProjector.PastRange(null, "K", 30)), projector.pastRanges(again, firstChunk));
        assertEquals(List.of(new FeedProjector.PastRange("K", "M", 30), new FeedProjector.PastRange("M", null, 20)),
                projector.pastRanges(again.backfilledTo("K", 40), lastChunk));
        assertTrue(again.backfilling());
        assertFalse(again.covers("A"), "a new back-fill covers nothing yet");
    }

    @Test
    void eachKeyRangeIsComparedWithWhatItsOwnEarlierTermsShowed() {
        // Keys up to "M" were back-filled under NARROW (Bangkok) when the grant changed again; the rest still hold WIDE.
        Feed halfway = streaming(WIDE, 20).reproject(NARROW, Set.of()).backfilledTo("M", 30);
        GrantTerms samutPrakanOnly = Fixtures.grant("agency-nso", Set.of("amount", "provinceCode"),
                filter("{\"provinceCode\":{\"eq\":\"11\"}}"), false);
        Feed again = halfway.reproject(samutPrakanOnly, Set.of()).at(40);
        Chunk chunk = new Chunk(40, List.of(row("B", "50", 1, 3), row("Q", "50", 2, 4)), true);
        Map<String, JsonNode> past = Map.of(
                "A", record("A", "11", 1), "B", record("B", "10", 1),
                "P", record("P", "11", 2), "Q", record("Q", "10", 2));

        FeedProjector.Step step = projector.advance(again, INSURED, List.of(), true, chunk, past);

        assertEquals(List.of("B delete 3", "B tombstone", "P delete 40", "P tombstone", "Q delete 4", "Q tombstone"),
                describe(sorted(step.messages())),
                "A (Samut Prakan) was hidden by NARROW; B (Bangkok) was shown by it; P and Q were shown by WIDE");
    }

    @Test
    void backfillEventIdsAreTheSameOnARetryAndDifferForTheNextBackfill() {
        Feed feed = Feed.start("ldx.agency.agency-nso.insured", NARROW, Set.of()).at(5);
        Chunk chunk = new Chunk(5, List.of(row("A", "10", 50, 2)), true);

        String first = projector.advance(feed, INSURED, List.of(), true, chunk, Map.of()).messages().get(0).event().id().toString();
        String retried = projector.advance(feed, INSURED, List.of(), true, chunk, Map.of()).messages().get(0).event().id().toString();
        Feed next = streaming(NARROW, 5).reproject(WIDE, Set.of()).at(5);
        String later = projector.advance(next, INSURED, List.of(), true, chunk, Map.of()).messages().get(0).event().id().toString();

        assertEquals(first, retried);
        assertFalse(first.equals(later));
    }

    private static Feed streaming(GrantTerms grant, long position) {
        return new Feed("ldx.agency.agency-nso.insured", "insured", grant.id(), grant.view(), Set.of(), position, null);
    }

    private static List<FeedProjector.Message> sorted(List<FeedProjector.Message> messages) {
        List<FeedProjector.Message> sorted = new ArrayList<>(messages);
        sorted.sort((a, b) -> a.key().compareTo(b.key()));
        return sorted;
    }

    private static List<String> describe(List<FeedProjector.Message> messages) {
        return messages.stream().map(m -> {
            if (m.event() == null) {
                return m.key() + " tombstone";
            }
            String sequence = String.valueOf(m.event().sequence());
            return m.event().type().equals(ChangeEvents.DELETED) ? m.key() + " delete " + sequence
                    : m.key() + " upsert " + sequence + " " + data(m.event());
        }).toList();
    }

    private static JsonNode data(ChangeEvent event) {
        return event.data();
    }

    private static ObjectNode record(String key, String province, int amount) {
        return Fixtures.JSON.createObjectNode().put("id", key).put("provinceCode", province).put("amount", amount);
    }

    private static StoredRecord row(String key, String province, int amount, long version) {
        return new StoredRecord(key, record(key, province, amount), version, Instant.parse("2026-02-01T00:00:00Z"), 1);
    }

    private static PendingChange upsert(long seq, String key, String province, int amount, JsonNode previous) {
        return upsert(seq, key, record(key, province, amount), previous);
    }

    private static PendingChange upsert(long seq, String key, ObjectNode data, JsonNode previous) {
        return new PendingChange("insured", seq, UUID.randomUUID(), key, false, null, data, time(), previous, 1);
    }

    private static PendingChange delete(long seq, String key, JsonNode previous) {
        return new PendingChange("insured", seq, UUID.randomUUID(), key, true, null, null, time(), previous, 0);
    }

    private static OffsetDateTime time() {
        return OffsetDateTime.of(2026, 2, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    }

    private static RowFilter filter(String json) {
        try {
            return RowFilter.ofStored(Fixtures.JSON.readTree(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Only the source prefix matters to the events built here. */
    static EventsConfig config() {
        return (EventsConfig) Proxy.newProxyInstance(EventsConfig.class.getClassLoader(), new Class<?>[] {EventsConfig.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("sourcePrefix")) {
                        return "/ldx/datasets/";
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
