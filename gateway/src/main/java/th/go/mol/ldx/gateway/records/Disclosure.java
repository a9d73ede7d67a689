package th.go.mol.ldx.gateway.records;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Statistical disclosure control of a table of counts: a cell of fewer records than the threshold is suppressed
 * (primary suppression), and so is, in every line of the table that would otherwise hold exactly one suppressed
 * cell, the smallest other cell of that line (complementary suppression), until no line does. A line is the cells
 * that share their values on every dimension but one: its total is what a table grouped by one dimension fewer
 * publishes, so a line with one suppressed cell would give it away by subtraction.
 *
 * <p>That is not enough in two dimensions: row and column totals give away a suppressed cell that lies on no cycle
 * of suppressed cells (alternately along a row and along a column), even when each of its lines holds several. Two
 * blocks of suppressed cells joined by one cell, say, give that cell as the blocks' rows' totals less their columns'.
 * So in every two-way slice of the table (two dimensions free, the others fixed) such a cell gets a cycle: the
 * smallest shown cell that joins the rows on its column's side to the columns on its row's side is suppressed too.
 * A slice whose cells are missing there (no records: a known zero) may leave it without one. No I/O, no randomness:
 * the same counts are always suppressed the same way.
 */
final class Disclosure {

    /** Why a cell is not shown. */
    enum Suppression {
        PRIMARY, COMPLEMENTARY;

        String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private Disclosure() {
    }

    /**
     * The suppression of each cell (null: shown), in the order given. {@code keys} are the cells' values on each
     * dimension, in a stable textual form; {@code counts} their record counts.
     */
    static List<Suppression> suppress(List<List<String>> keys, List<Long> counts, int threshold) {
        int cells = keys.size();
        List<Suppression> result = new ArrayList<>(cells);
        for (long count : counts) {
            result.add(count < threshold ? Suppression.PRIMARY : null);
        }
        int dimensions = cells == 0 ? 0 : keys.get(0).size();
        // A cell's order among candidates: smallest count first, then its key, so that ties break the same way.
        Comparator<Integer> smallest = Comparator.<Integer>comparingLong(counts::get)
                .thenComparing(i -> String.join("\u0000", keys.get(i)));
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int d = 0; d < dimensions; d++) {
                for (List<Integer> line : slices(keys, d)) {
                    long suppressed = line.stream().filter(i -> result.get(i) != null).count();
                    if (suppressed != 1) {
                        continue;
                    }
                    Integer partner = line.stream().filter(i -> result.get(i) == null).min(smallest).orElse(null);
                    if (partner != null) {
                        result.set(partner, Suppression.COMPLEMENTARY);
                        changed = true;
                    }
                }
            }
            if (!changed) {
                changed = closeACycle(keys, result, smallest);
            }
        }
        return result;
    }

    /**
     * Suppresses, in the first two-way slice where a suppressed cell lies on no cycle of suppressed cells, the
     * smallest shown cell that closes one through it; answers whether there was one to suppress.
     */
    private static boolean closeACycle(List<List<String>> keys, List<Suppression> result,
            Comparator<Integer> smallest) {
        int dimensions = keys.isEmpty() ? 0 : keys.get(0).size();
        for (int rows = 0; rows < dimensions; rows++) {
            for (int columns = rows + 1; columns < dimensions; columns++) {
                for (List<Integer> slice : slices(keys, rows, columns)) {
                    if (closeACycle(keys, result, smallest, slice, rows, columns)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The same in one slice, whose dimensions {@code rows} and {@code columns} are free. */
    private static boolean closeACycle(List<List<String>> keys, List<Suppression> result, Comparator<Integer> smallest,
            List<Integer> slice, int rows, int columns) {
        for (int cell : slice) {
            if (result.get(cell) == null) {
                continue;
            }
            Side ofRow = Side.reached(keys, result, slice, cell, rows, columns, true);
            if (ofRow.columns().contains(keys.get(cell).get(columns))) {
                continue;
            }
            Side ofColumn = Side.reached(keys, result, slice, cell, rows, columns, false);
            Integer partner = slice.stream().filter(i -> result.get(i) == null
                    && ofColumn.rows().contains(keys.get(i).get(rows))
                    && ofRow.columns().contains(keys.get(i).get(columns))).min(smallest).orElse(null);
            if (partner != null) {
                result.set(partner, Suppression.COMPLEMENTARY);
                return true;
            }
        }
        return false;
    }

    /** The rows and columns of a slice joined to one end of a suppressed cell by the other suppressed cells. */
    private record Side(Set<String> rows, Set<String> columns) {

        static Side reached(List<List<String>> keys, List<Suppression> result, List<Integer> slice, int cell,
                int rows, int columns, boolean fromRow) {
            Side side = new Side(new HashSet<>(), new HashSet<>());
            if (fromRow) {
                side.rows().add(keys.get(cell).get(rows));
            } else {
                side.columns().add(keys.get(cell).get(columns));
            }
            boolean grew = true;
            while (grew) {
                grew = false;
                for (int i : slice) {
                    if (i == cell || result.get(i) == null) {
                        continue;
                    }
                    String row = keys.get(i).get(rows);
                    String column = keys.get(i).get(columns);
                    if (side.rows().contains(row) != side.columns().contains(column)) {
                        side.rows().add(row);
                        side.columns().add(column);
                        grew = true;
                    }
                }
            }
            return side;
        }
    }

    /**
     * The cells (their indexes) grouped by their values on every dimension but the {@code free} ones (in increasing
     * order): the lines of a table for one free dimension, its two-way slices for two.
     */
    private static List<List<Integer>> slices(List<List<String>> keys, int... free) {
        Map<List<String>, List<Integer>> slices = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            List<String> fixed = new ArrayList<>(keys.get(i));
            for (int f = free.length - 1; f >= 0; f--) {
                fixed.remove(free[f]);
            }
            slices.computeIfAbsent(fixed, k -> new ArrayList<>()).add(i);
        }
        return new ArrayList<>(slices.values());
    }

}
