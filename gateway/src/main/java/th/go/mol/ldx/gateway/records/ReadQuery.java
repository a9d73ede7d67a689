package th.go.mol.ldx.gateway.records;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import th.go.mol.ldx.gateway.access.RowFilter;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.problem.Problem.FieldError;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;

/**
 * What a reader narrows a read to with query parameters: {@code fields} (comma-separated; the record key is always
 * shown) and {@code filter} (a {@link RowFilter} in JSON). Both are checked against the dataset here; whether the
 * reader may see those fields is the policy's question.
 */
record ReadQuery(Set<String> fields, RowFilter filter) {

    static ReadQuery parse(Dataset dataset, String fields, String filter, ObjectMapper json) {
        List<FieldError> errors = new ArrayList<>();
        Set<String> shown = null;
        if (fields != null) {
            shown = new LinkedHashSet<>();
            Set<String> declared = dataset.fields();
            for (String field : fields.split(",", -1)) {
                String name = field.strip();
                if (!declared.contains(name)) {
                    errors.add(new FieldError("fields", "dataset '" + dataset.id() + "' declares no field '" + name + "'"));
                }
                shown.add(name);
            }
            shown.add(dataset.keyField());
        }
        RowFilter rows = RowFilter.ALL;
        if (filter != null) {
            try {
                rows = RowFilter.parse(json.readTree(filter), "filter", errors);
                rows.checkAgainst(dataset, "filter", errors);
            } catch (JsonProcessingException e) {
                errors.add(new FieldError("filter", "must be JSON, e.g. {\"provinceCode\":{\"in\":[\"10\",\"11\"]}}"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, "The read's fields or filter are not valid.", errors);
        }
        return new ReadQuery(shown, rows);
    }
}
