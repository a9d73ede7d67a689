package th.go.mol.ldx.gateway.grants;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import th.go.mol.ldx.gateway.access.RowFilter;

class GrantTest {

    private static final Instant REQUESTED = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant APPROVED = Instant.parse("2026-01-02T00:00:00Z");
    private static final Instant FROM = Instant.parse("2026-02-01T00:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void anApprovedGrantIsScheduledThenActiveFromItsFirstInstantThenExpiredAtItsLast() {
        assertEquals(GrantState.SCHEDULED, stateAt(FROM.minusNanos(1)));
        assertEquals(GrantState.ACTIVE, stateAt(FROM));
        assertEquals(GrantState.ACTIVE, stateAt(UNTIL.minusNanos(1)));
        assertEquals(GrantState.EXPIRED, stateAt(UNTIL));
    }

    @Test
    void decisionsAreStatesOfTheirOwnWhateverTheClock() {
        for (GrantState.Status status : List.of(GrantState.Status.REQUESTED, GrantState.Status.REJECTED,
                GrantState.Status.REVOKED, GrantState.Status.SUPERSEDED)) {
            assertEquals(status.name(), GrantState.of(status, FROM, UNTIL, FROM).name());
            assertEquals(status.name(), GrantState.of(status, FROM, UNTIL, UNTIL.plusSeconds(1)).name());
        }
    }

    @Test
    void theClocksStepsJoinTheHistoryInOrder() {
        Grant expired = Grant.of(stored(GrantState.Status.APPROVED), decided(), UNTIL);

        assertEquals(List.of("requested", "approved", "activated", "expired"),
                expired.history().stream().map(GrantEvent::action).toList());
        assertEquals(List.of("agency-nso", "dept-sso", "ldx", "ldx"), expired.history().stream().map(GrantEvent::by).toList());
        assertEquals(List.of(REQUESTED, APPROVED, FROM, UNTIL), expired.history().stream().map(GrantEvent::at).toList());
        assertEquals(List.of("requested", "approved"),
                Grant.of(stored(GrantState.Status.APPROVED), decided(), FROM.minusSeconds(1)).history().stream()
                        .map(GrantEvent::action).toList(), "not yet activated");
    }

    @Test
    void aGrantRevokedBeforeItsStartWasNeverActivated() {
        Instant revokedAt = FROM.minusSeconds(60);
        List<GrantEvent> events = new java.util.ArrayList<>(decided());
        events.add(new GrantEvent("revoked", "dept-sso", revokedAt, "no longer needed"));

        Grant revoked = Grant.of(stored(GrantState.Status.REVOKED), events, UNTIL.plusSeconds(1));

        assertEquals(GrantState.REVOKED, revoked.state());
        assertEquals(List.of("requested", "approved", "revoked"), revoked.history().stream().map(GrantEvent::action).toList());
    }

    @Test
    void aScheduledGrantShortenedByARenewalStillBecomesActiveThenExpiresWhereTheRenewalBegins() {
        Instant renewalFrom = UNTIL.minusSeconds(3600);
        List<GrantEvent> events = new java.util.ArrayList<>(decided());
        events.add(new GrantEvent("shortened", "dept-sso", APPROVED.plusSeconds(60), "ends at " + renewalFrom));
        Grant.Stored shortened = new Grant.Stored(UUID.randomUUID(), "agency-nso", "insured", List.of("id"), RowFilter.ALL,
                List.of("planning"), false, FROM, renewalFrom, GrantState.Status.APPROVED, 0L);

        assertEquals(GrantState.ACTIVE, Grant.of(shortened, events, FROM).state());
        Grant over = Grant.of(shortened, events, renewalFrom);
        assertEquals(GrantState.EXPIRED, over.state());
        assertEquals(List.of("requested", "approved", "shortened", "activated", "expired"),
                over.history().stream().map(GrantEvent::action).toList());
    }

    private static GrantState stateAt(Instant now) {
        return Grant.of(stored(GrantState.Status.APPROVED), decided(), now).state();
    }

    private static List<GrantEvent> decided() {
        return List.of(new GrantEvent("requested", "agency-nso", REQUESTED, null),
                new GrantEvent("approved", "dept-sso", APPROVED, null));
    }

    private static Grant.Stored stored(GrantState.Status status) {
        return new Grant.Stored(UUID.randomUUID(), "agency-nso", "insured", List.of("id", "amount"), RowFilter.ALL,
                List.of("planning"), false, FROM, UNTIL, status, 0L);
    }
}
