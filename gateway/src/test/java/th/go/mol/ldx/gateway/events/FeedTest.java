package th.go.mol.ldx.gateway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import th.go.mol.ldx.gateway.access.Fixtures;
import th.go.mol.ldx.gateway.access.GrantTerms;
import th.go.mol.ldx.gateway.access.RowFilter;

/** A feed survives its checkpoint: written as JSON into the checkpoint topic, read back equal after a restart. */
class FeedTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Test
    void aFeedInTheMiddleOfASecondBackfillReadsBackEqual() throws Exception {
        RowFilter rows = RowFilter.ofStored(JSON.readTree("{\"provinceCode\":{\"in\":[\"10\",\"11\"]},\"amount\":{\"gte\":100}}"));
        GrantTerms first = Fixtures.grant("agency-nso", Set.of("amount", "provinceCode"), rows, false);
        GrantTerms second = Fixtures.grant("agency-rd", Set.of("amount"), RowFilter.ALL, true);
        Feed feed = new Feed("ldx.agency.agency-nso.insured", "insured", first.id(), first.view(), Set.of(), 42, null)
                .reproject(second, Set.of()).backfilledTo("K-0100", 50)
                .reproject(first, Set.of()).backfilledTo("K-0050", 60);

        Feed read = JSON.readValue(JSON.writeValueAsBytes(feed), Feed.class);

        assertEquals(feed, read);
        assertEquals(Arrays.asList("K-0100", null), read.backfill().previous().stream().map(Feed.Segment::upTo).toList(),
                "keys up to K-0100 hold the second grant's view, the rest the first's");
        assertEquals(RowFilter.ALL, read.backfill().previous().get(0).terms().rows());
        assertEquals(rows, read.backfill().previous().get(1).terms().rows());
        assertEquals(UUID.class, read.grantId().getClass());
    }

    @Test
    void aCheckpointWithoutTheFieldsShownAsPseudonymsReadsThemAsNotKnownAndOneFromALaterVersionReads() throws Exception {
        GrantTerms grant = Fixtures.grant("agency-nso", Set.of("amount", "nationalId"), RowFilter.ALL, false);
        ObjectNode written = JSON.valueToTree(Feed.start("ldx.agency.agency-nso.insured", grant, Set.of("nationalId")));

        ObjectNode older = written.deepCopy();
        older.remove("pseudonymised");
        assertEquals(null, JSON.treeToValue(older, Feed.class).pseudonymised(), "not known: the topic is back-filled");
        ObjectNode later = written.deepCopy();
        later.put("somethingNew", true);
        assertEquals(Set.of("nationalId"), JSON.treeToValue(later, Feed.class).pseudonymised());
    }
}
