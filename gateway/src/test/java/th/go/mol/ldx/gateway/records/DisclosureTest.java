package th.go.mol.ldx.gateway.records;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
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

    @Test
    void aSmallCellJoiningTwoBlocksOfSmallCellsIsGivenACycleForTheMarginsWouldGiveItAway() {
        // A 4 x 4 table, its small cells two 2 x 2 blocks and the cell 2/3 between them: each row and column holds
        // none or several, yet 2/3 is the blocks' rows' totals less their columns', all published.
        List<List<String>> keys = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        List<List<String>> small = List.of(List.of("1", "1"), List.of("1", "2"), List.of("2", "1"), List.of("2", "2"),
                List.of("3", "3"), List.of("3", "4"), List.of("4", "3"), List.of("4", "4"), List.of("2", "3"));
        for (int row = 1; row <= 4; row++) {
            for (int column = 1; column <= 4; column++) {
                List<String> key = List.of(String.valueOf(row), String.valueOf(column));
                keys.add(key);
                counts.add(small.contains(key) ? 2L : 10L + 10 * row + column);
            }
        }

        List<Suppression> shown = Disclosure.suppress(keys, counts, 5);

        // The smallest cell from the rows of 2/3's column side (3, 4) to the columns of its row side (1, 2): 3/1.
        assertEquals(C, shown.get(keys.indexOf(List.of("3", "1"))));
        assertEquals(10, shown.stream().filter(s -> s != null).count(), "nine small cells and one to close a cycle");
        assertEverySuppressedCellLiesOnACycle(keys, shown);
    }

    @Test
    void inEveryWholeTwoWaySliceEachSuppressedCellLiesOnACycleOfSuppressedCells() {
        Random random = new Random(20261207);
        for (int table = 0; table < 300; table++) {
            int dimensions = 2 + random.nextInt(2);
            int[] sizes = {2 + random.nextInt(5), 2 + random.nextInt(5), 2 + random.nextInt(2)};
            List<List<String>> keys = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            for (int a = 0; a < sizes[0]; a++) {
                for (int b = 0; b < sizes[1]; b++) {
                    for (int c = 0; c < (dimensions == 3 ? sizes[2] : 1); c++) {
                        keys.add(dimensions == 3 ? List.of("a" + a, "b" + b, "c" + c) : List.of("a" + a, "b" + b));
                        counts.add(1L + random.nextInt(random.nextInt(4) == 0 ? 6 : 60));
                    }
                }
            }

            List<Suppression> shown = Disclosure.suppress(keys, counts, 5);

            assertEveryLineHoldsNoneOrSeveral(keys, shown);
            assertEverySuppressedCellLiesOnACycle(keys, shown);
        }
    }

    /**
     * In every two-way slice, each suppressed cell lies on a cycle of suppressed cells (alternately along a row and
     * along a column): else the slice's row and column totals give its count by adding and subtracting.
     */
    private static void assertEverySuppressedCellLiesOnACycle(List<List<String>> keys, List<Suppression> shown) {
        int dimensions = keys.get(0).size();
        for (int a = 0; a < dimensions; a++) {
            for (int b = a + 1; b < dimensions; b++) {
                for (List<Integer> slice : cellsSharingAllBut(keys, a, b)) {
                    for (int cell : slice) {
                        if (shown.get(cell) != null) {
                            assertTrue(onACycle(keys, shown, slice, cell, a, b),
                                    "cell " + keys.get(cell) + " is given away by its slice's margins: " + keys + shown);
                        }
                    }
                }
            }
        }
    }

    /** Whether the cell's row reaches its column through the slice's other suppressed cells. */
    private static boolean onACycle(List<List<String>> keys, List<Suppression> shown, List<Integer> slice, int cell,
            int rows, int columns) {
        Set<String> reachedRows = new HashSet<>(List.of(keys.get(cell).get(rows)));
        Set<String> reachedColumns = new HashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (int i : slice) {
                if (i != cell && shown.get(i) != null && (reachedRows.contains(keys.get(i).get(rows))
                        != reachedColumns.contains(keys.get(i).get(columns)))) {
                    reachedRows.add(keys.get(i).get(rows));
                    reachedColumns.add(keys.get(i).get(columns));
                    grew = true;
                }
            }
        }
        return reachedColumns.contains(keys.get(cell).get(columns));
    }

    /** The cells (their indexes) grouped by their values on every dimension but the {@code free} ones, ascending. */
    private static Collection<List<Integer>> cellsSharingAllBut(List<List<String>> keys, int... free) {
        Map<List<String>, List<Integer>> groups = new HashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            List<String> fixed = new ArrayList<>(keys.get(i));
            for (int f = free.length - 1; f >= 0; f--) {
                fixed.remove(free[f]);
            }
            groups.computeIfAbsent(fixed, k -> new ArrayList<>()).add(i);
        }
        return groups.values();
    }

    /** No line with other cells holds exactly one suppressed cell: its total would give it away. */
    private static void assertEveryLineHoldsNoneOrSeveral(List<List<String>> keys, List<Suppression> shown) {
        int dimensions = keys.get(0).size();
        for (int free = 0; free < dimensions; free++) {
            for (List<Integer> line : cellsSharingAllBut(keys, free)) {
                long suppressed = line.stream().filter(i -> shown.get(i) != null).count();
                if (line.size() > 1) {
                    assertNotEquals(1, suppressed, "line " + line + " of " + keys + " gives away its one cell");
                }
            }
        }
    }
}
