package th.go.mol.ldx.connector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ViewDigestTest {

    /** Pinned values computed outside Java (Python's hashlib), so both sides of a comparison can be rebuilt anywhere. */
    @Test
    void digestsMatchTheFixedTestVectors() {
        assertEquals("f30eafe3ceac9561", new ViewDigest().add("SSO-00000001", 1).hash());
        assertEquals("5da140eecd12e369",
                new ViewDigest().add("SSO-00000001", 1).add("SSO-00000002", 7).add("ก-1", 3).hash());
        assertEquals("0000000000000000", new ViewDigest().hash());
    }

    @Test
    void theOrderOfRecordsDoesNotMatterButTheirVersionsDo() {
        ViewDigest one = new ViewDigest().add("A", 1).add("B", 2).add("C", 3);
        ViewDigest other = new ViewDigest().add("C", 3).add("A", 1).add("B", 2);

        assertEquals(one.hash(), other.hash());
        assertEquals(3, other.records());
        assertEquals(false, one.hash().equals(new ViewDigest().add("A", 1).add("B", 2).add("C", 4).hash()));
    }

    @Test
    void aSubscriberKeepsItUpToDateChangeByChange() {
        ViewDigest replica = new ViewDigest().add("A", 1).add("B", 2);

        replica.remove("B", 2).add("B", 5).remove("A", 1);

        assertEquals(new ViewDigest().add("B", 5).hash(), replica.hash());
        assertEquals(1, replica.records());
    }
}
