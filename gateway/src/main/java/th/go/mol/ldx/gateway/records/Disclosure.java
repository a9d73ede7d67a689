package th.go.mol.ldx.gateway.records;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Statistical disclosure control of a table of counts: a cell of fewer records than the threshold is suppressed
 * (primary suppression), and so is, in every line of the table that would otherwise hold exactly one suppressed
 * cell, the smallest other cell of that line (complementary suppression), until no line does. A line is the cells
 * that share their values on every dimension but one: its total is what a table grouped by one dimension fewer
 * publishes, so a line with one suppressed cell would give it away by subtraction. No I/O, no randomness: the same
 * counts are always suppressed the same way.
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
                for (List<Integer> line : lines(keys, d)) {
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
        }
        return result;
    }

    /** The cells (their indexes) grouped by their values on every dimension but {@code free}. */
    private static List<List<Integer>> lines(List<List<String>> keys, int free) {
        Map<List<String>, List<Integer>> lines = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            List<String> fixed = new ArrayList<>(keys.get(i));
            fixed.remove(free);
            lines.computeIfAbsent(fixed, k -> new ArrayList<>()).add(i);
        }
        return new ArrayList<>(lines.values());
    }
}
