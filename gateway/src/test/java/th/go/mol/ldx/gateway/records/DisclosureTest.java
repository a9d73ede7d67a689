package th.go.mol.ldx.gateway.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import th.go.mol.ldx.gateway.records.Disclosure.Suppression;

class DisclosureTest {

    private static final Suppression P = Suppression.PRIMARY;
    private static final Suppression C = Suppression.COMPLEMENTARY;

    @Test
    void aSmallCellOfOneDimensionTakesTheNextSmallestWithItForTheTotalWouldGiveItAway() {
        List<List<String>> keys = List.of(List.of("10"), List.of("11"), List.of("50"), List.of("90"));

        assertEquals(Arrays.asList(null, P, C, null),
                Disclosure.suppress(keys, List.of(10L, 3L, 8L, 20L), 5));
        assertEquals(Arrays.asList(null, null, null, null),
                Disclosure.suppress(keys, List.of(10L, 5L, 8L, 20L), 5));
        assertEquals(Arrays.asList(null, P, P, null),
                Disclosure.suppress(keys, List.of(10L, 3L, 1L, 20L), 5), "two small cells protect each other");
    }

    @Test
    void aSmallCellOfATwoWayTableIsHiddenInItsRowAndItsColumnAndTheCornerThatClosesThem() {
        // provinces x sex:  10: F 40 M 2 / 11: F 30 M 25 / 50: F 12 M 16
        List<List<String>> keys = List.of(List.of("10", "F"), List.of("10", "M"), List.of("11", "F"),
                List.of("11", "M"), List.of("50", "F"), List.of("50", "M"));
        List<Long> counts = List.of(40L, 2L, 30L, 25L, 12L, 16L);

        List<Suppression> shown = Disclosure.suppress(keys, counts, 5);

        // 10/M is small; its row takes 10/F, its column the smallest male cell 50/M, and 50/F closes that row.
        assertEquals(Arrays.asList(C, P, null, null, C, C), shown);
        assertEveryLineHoldsNoneOrSeveral(keys, shown);
    }

    @Test
    void everyLineOfAnyTableEndsWithNoneOrAtLeastTwoSuppressedCellsAndTheSameCountsAlwaysGiveTheSameCells() {
        Random random = new Random(20261204);
        for (int table = 0; table < 500; table++) {
            int dimensions = 1 + random.nextInt(3);
            List<List<String>> keys = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            for (int cell = 0; cell < 40; cell++) {
                List<String> key = new ArrayList<>();
                for (int d = 0; d < dimensions; d++) {
                    key.add(String.valueOf(random.nextInt(4)));
                }
                if (!keys.contains(key)) {
                    keys.add(key);
                    counts.add(1L + random.nextInt(random.nextBoolean() ? 6 : 60));
                }
            }

            List<Suppression> shown = Disclosure.suppress(keys, counts, 5);

            for (int i = 0; i < keys.size(); i++) {
                if (counts.get(i) < 5) {
                    assertEquals(P, shown.get(i), "every small cell is suppressed");
                }
                if (shown.get(i) == C) {
                    assertTrue(counts.get(i) >= 5, "a complementary cell is a large one");
                }
            }
            assertEveryLineHoldsNoneOrSeveral(keys, shown);
            assertEquals(shown, Disclosure.suppress(keys, counts, 5));
        }
    }

    /** No line with other cells holds exactly one suppressed cell: its total would give it away. */
    private static void assertEveryLineHoldsNoneOrSeveral(List<List<String>> keys, List<Suppression> shown) {
        int dimensions = keys.get(0).size();
        for (int free = 0; free < dimensions; free++) {
            Map<List<String>, List<Integer>> lines = new HashMap<>();
            for (int i = 0; i < keys.size(); i++) {
                List<String> fixed = new ArrayList<>(keys.get(i));
                fixed.remove(free);
                lines.computeIfAbsent(fixed, k -> new ArrayList<>()).add(i);
            }
            for (List<Integer> line : lines.values()) {
                long suppressed = line.stream().filter(i -> shown.get(i) != null).count();
                if (line.size() > 1) {
                    assertNotEquals(1, suppressed, "line " + line + " of " + keys + " gives away its one cell");
                }
            }
        }
    }
}
