package th.go.mol.ldx.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    private static final Instant AT = Instant.parse("2026-11-25T10:15:30.123456Z");

    private static AuditEntry entry(String agency, Integer records) {
        return new AuditEntry(0, AT, AuditEntry.Kind.ACCESS, "records.page", agency, agency, "sso-insured-persons",
                "statistics", UUID.fromString("5949783c-453c-4907-af11-74a5c3c04e65"),
                "{\"method\":\"GET\",\"path\":\"/v1/datasets/sso-insured-persons/records\"}", records, 200,
                "4bf92f3577b34da6a3ce929d0e0e4736", null, null);
    }

    private static List<AuditEntry> chain(AuditEntry... entries) {
        List<AuditEntry> chained = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (AuditEntry entry : entries) {
            AuditEntry linked = entry.chained(chained.size() + 1, previous);
            chained.add(linked);
            previous = linked.hash();
        }
        return chained;
    }

    /** Computed outside Java (Python: hashlib.sha256 over the canonical JSON array): the chain is reproducible by anyone. */
    @Test
    void theFirstEntrysHashIsTheDocumentedFunctionOfItsContent() {
        AuditEntry first = chain(entry("agency-nso", 10)).get(0);
        assertEquals(AuditChain.GENESIS, first.prevHash());
        assertEquals("7d973118dcb5448d32e008d5ad18d4fbd23c304aceefcb7dd2877605ddff14e6", first.hash());
    }

    @Test
    void anIntactChainHasNoBreak() {
        List<AuditEntry> entries = chain(entry("agency-nso", 10), entry("agency-rd", null), entry("agency-nso", 0));
        long seq = 0;
        String hash = AuditChain.GENESIS;
        for (AuditEntry entry : entries) {
            assertEquals(Optional.empty(), AuditChain.breakOf(entry, seq, hash));
            seq = entry.seq();
            hash = entry.hash();
        }
    }

    @Test
    void aChangedValueIsCaughtAtItsEntry() {
        List<AuditEntry> entries = chain(entry("agency-nso", 10), entry("agency-rd", 5));
        AuditEntry second = entries.get(1);
        AuditEntry tampered = new AuditEntry(second.seq(), second.at(), second.kind(), second.action(),
                second.credential(), second.agency(), second.datasetId(), second.purpose(), second.grantId(),
                second.detail(), 4, second.outcome(), second.traceId(), second.prevHash(), second.hash());
        assertEquals(Optional.of("its content does not match its hash"),
                AuditChain.breakOf(tampered, 1, entries.get(0).hash()));
    }

    @Test
    void aRecomputedEntryBreaksTheLinkOfTheNext() {
        List<AuditEntry> entries = chain(entry("agency-nso", 10), entry("agency-rd", 5), entry("agency-nso", 1));
        AuditEntry rewritten = entry("agency-rd", 4).chained(2, entries.get(0).hash());
        assertNotEquals(entries.get(1).hash(), rewritten.hash());
        assertEquals(Optional.empty(), AuditChain.breakOf(rewritten, 1, entries.get(0).hash()));
        assertEquals(Optional.of("its link to the entry before does not match that entry's hash"),
                AuditChain.breakOf(entries.get(2), 2, rewritten.hash()));
    }

    @Test
    void aRemovedEntryIsNamed() {
        List<AuditEntry> entries = chain(entry("agency-nso", 10), entry("agency-rd", 5), entry("agency-nso", 1));
        Optional<String> fault = AuditChain.breakOf(entries.get(2), 1, entries.get(0).hash());
        assertTrue(fault.orElseThrow().startsWith("entry 2 is missing"), fault.toString());
    }
}
