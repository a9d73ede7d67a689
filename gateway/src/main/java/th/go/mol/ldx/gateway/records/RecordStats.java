package th.go.mol.ldx.gateway.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import th.go.mol.ldx.gateway.access.AccessPolicy;
import th.go.mol.ldx.gateway.access.RecordView;
import th.go.mol.ldx.gateway.access.RowFilter;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.problem.Problem.FieldError;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * Counts (and sums of declared measures) of the records a caller may see, by declared dimensions. A partner's
 * table goes through statistical disclosure control ({@link Disclosure}): cells below the threshold, and the cells
 * that would let them be derived, are shown without their figures. The owner department, which holds the records
 * themselves, gets every figure. No filter is taken: two filtered tables could be subtracted cell by cell.
 */
@ApplicationScoped
public class RecordStats {

    /** One cell: its values on the dimensions, and its figures unless {@code suppressed} says why not. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cell(Map<String, JsonNode> key, Long count, Map<String, BigDecimal> sums, String suppressed) {
    }

    /** The table; {@code threshold} null when no cell was suppressed for this caller (the owner's). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Table(String datasetId, List<String> groupBy, List<String> measures, Integer threshold,
            List<Cell> cells, Cell total) {
    }

    private final RecordStore records;
    private final StatsCells statsCells;
    private final AccessPolicy policy;
    private final StatsConfig config;
    private final ObjectMapper json;
    /**
     * Tables by what makes them: the dataset at its change sequence, the rows counted, the dimensions, the measures,
     * and whether disclosure control applies. A table of an unchanged dataset is the same table, so it is answered
     * without counting the records again; any change moves the sequence, and the next request counts afresh.
     */
    private final Cache<String, Table> tables = Caffeine.newBuilder().maximumSize(1_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    RecordStats(RecordStore records, StatsCells statsCells, AccessPolicy policy, StatsConfig config,
            ObjectMapper json) {
        this.records = records;
        this.statsCells = statsCells;
        this.policy = policy;
        this.config = config;
        this.json = json;
    }

    public Table table(Dataset dataset, RecordView view, String groupBy, String measures) {
        List<String> dimensions = names(dataset, groupBy, "groupBy", true);
        List<String> sums = measures == null ? List.of() : names(dataset, measures, "measures", false);
        Map<String, Collection<String>> read = new LinkedHashMap<>();
        read.put("groupBy", dimensions);
        read.put("measures", sums);
        policy.requireShownAsStored(view, read);
        boolean controlled = view != RecordView.whole();
        long head = records.head(dataset.id());
        String key = String.join("\n", dataset.id(), Long.toString(head),
                view.rows().toJson().toString(), String.join(",", dimensions), String.join(",", sums),
                Boolean.toString(controlled));
        return tables.get(key, k -> count(dataset, head, view, dimensions, sums, controlled));
    }

    private Table count(Dataset dataset, long head, RecordView view, List<String> dimensions, List<String> sums,
            boolean controlled) {
        List<RecordStore.Group> groups = new ArrayList<>(groups(dataset, head, view.rows(), dimensions, sums));
        groups.sort(Comparator.comparing(g -> String.join("\u0000", nulls(g.values()))));
        List<Disclosure.Suppression> suppression = controlled
                ? Disclosure.suppress(groups.stream().map(g -> nulls(g.values())).toList(),
                        groups.stream().map(RecordStore.Group::count).toList(), config.threshold())
                : groups.stream().map(g -> (Disclosure.Suppression) null).toList();
        List<Cell> cells = new ArrayList<>(groups.size());
        long count = 0;
        BigDecimal[] totals = new BigDecimal[sums.size()];
        for (int i = 0; i < groups.size(); i++) {
            RecordStore.Group group = groups.get(i);
            Map<String, JsonNode> key = new LinkedHashMap<>();
            for (int d = 0; d < dimensions.size(); d++) {
                key.put(dimensions.get(d), value(group.values().get(d)));
            }
            Disclosure.Suppression hidden = suppression.get(i);
            cells.add(hidden == null ? new Cell(key, group.count(), sums(sums, group.sums()), null)
                    : new Cell(key, null, null, hidden.code()));
            count += group.count();
            for (int m = 0; m < sums.size(); m++) {
                BigDecimal sum = group.sums().get(m);
                totals[m] = sum == null ? totals[m] : totals[m] == null ? sum : totals[m].add(sum);
            }
        }
        Cell total = controlled && count < config.threshold()
                ? new Cell(Map.of(), null, null, Disclosure.Suppression.PRIMARY.code())
                : new Cell(Map.of(), count, sums(sums, List.of(totals)), null);
        return new Table(dataset.id(), dimensions, sums, controlled ? config.threshold() : null, cells, total);
    }

    /**
     * The groups, from the dataset's cells when the rows counted are bounded on its dimensions only (a cell holds
     * the values of every dimension, so the same conditions pick the same records); otherwise, or when the cells are
     * of a declaration newer than this one, from the records. No cells is also how the cells answer a declaration
     * they are not of, so an empty answer is confirmed from the records (a row bound that nothing passes costs one
     * scan per change of the dataset, the table being kept until then).
     */
    private List<RecordStore.Group> groups(Dataset dataset, long head, RowFilter rows, List<String> dimensions,
            List<String> sums) {
        boolean onDimensions = rows.conditions().stream()
                .allMatch(condition -> dataset.statistics().dimensions().contains(condition.field()));
        if (onDimensions) {
            statsCells.catchUp(dataset.id(), head);
            List<RecordStore.Group> cells = records.groupsOfCells(dataset.id(), dataset.statistics(), rows, dimensions,
                    sums);
            if (!cells.isEmpty()) {
                return cells;
            }
        }
        return records.groups(dataset.id(), rows, dimensions, sums);
    }

    /** The comma-separated names of a parameter, each declared by the dataset's statistics. */
    private List<String> names(Dataset dataset, String parameter, String name, boolean dimensions) {
        if (dataset.statistics() == null) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, "Dataset '" + dataset.id()
                    + "' declares no statistics.", List.of(new FieldError(name, "the dataset declares no "
                    + (dimensions ? "dimensions" : "measures"))));
        }
        List<String> declared = dimensions ? dataset.statistics().dimensions() : dataset.statistics().measures();
        List<String> names = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        for (String part : parameter.split(",", -1)) {
            String field = part.strip();
            if (!declared.contains(field)) {
                errors.add(new FieldError(name, "'" + field + "' is not one of the dataset's "
                        + (dimensions ? "dimensions " : "measures ") + declared));
            } else if (names.contains(field)) {
                errors.add(new FieldError(name, "'" + field + "' is named twice"));
            } else {
                names.add(field);
            }
        }
        if (dimensions && names.size() > config.maxDimensions()) {
            errors.add(new FieldError(name, "at most " + config.maxDimensions() + " dimensions"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, "The statistics asked for are not offered.",
                    errors);
        }
        return names;
    }

    private static Map<String, BigDecimal> sums(List<String> measures, List<BigDecimal> values) {
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        for (int m = 0; m < measures.size(); m++) {
            sums.put(measures.get(m), values.get(m) == null ? BigDecimal.ZERO : values.get(m));
        }
        return sums.isEmpty() ? null : sums;
    }

    /** A dimension's value as JSON text, with "null" for a record without it: a stable, comparable key. */
    private static List<String> nulls(List<String> values) {
        return values.stream().map(v -> v == null ? "null" : v).toList();
    }

    private JsonNode value(String text) {
        try {
            return text == null ? NullNode.getInstance() : json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL wrote a value that is not JSON", e);
        }
    }
}
