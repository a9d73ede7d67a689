package th.go.mol.ldx.gateway.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import th.go.mol.ldx.gateway.problem.Problem.FieldError;

/**
 * What a dataset's redefinition would show its grants beyond what their owner approved. A grant was decided on the
 * definition it was asked under: its fields as they were declared, national IDs as pseudonyms, personal data read
 * for a purpose. A redefinition widens it when it
 * <ul>
 * <li>takes a declaration (national ID, name, birth date, contact, other) off a field the grant shows, or leaves the
 * dataset with no personal data at all (reads would need no purpose);</li>
 * <li>removes from the schema, renames or moves a field the grant names (a field of that name added later would be
 * shown to it unasked);</li>
 * <li>keys records by a field the grant was not given (the key is shown always).</li>
 * </ul>
 * Adding protection widens nothing. Pure, so that each case is tested without a database.
 */
final class GrantWidening {

    /** A grant in effect or still to be decided: its id, the fields it names, and whether it is identified. */
    record BoundGrant(String id, Set<String> fields, boolean identified) {

        BoundGrant {
            fields = Set.copyOf(fields);
        }
    }

    /** What the grants were decided under: the schema's fields, the key, the declarations. */
    record Terms(Set<String> fields, String keyField, List<PersonalDataField> declarations) {

        static Terms of(Dataset dataset) {
            return new Terms(dataset.fields(), dataset.keyField(), dataset.personalDataFields());
        }

        static Terms of(DatasetDefinition definition) {
            Set<String> fields = new LinkedHashSet<>();
            definition.schema().path("properties").fieldNames().forEachRemaining(fields::add);
            return new Terms(fields, definition.keyField(), definition.personalDataFields());
        }

        /** What a grant sees of these terms: the fields it names that the schema declares, and the key. */
        Set<String> shownTo(BoundGrant grant) {
            Set<String> shown = new TreeSet<>(grant.fields());
            shown.retainAll(fields);
            shown.add(keyField);
            return shown;
        }
    }

    private GrantWidening() {
    }

    /** Each way the redefinition {@code after} would widen {@code grants}, with a pointer into it; empty if none. */
    static List<FieldError> of(Terms before, Terms after, List<BoundGrant> grants) {
        List<FieldError> errors = new ArrayList<>();
        if (grants.isEmpty()) {
            return errors;
        }
        Map<String, List<String>> keyedUnasked = new LinkedHashMap<>();
        Map<String, List<String>> removed = new LinkedHashMap<>();
        Map<PersonalDataField, List<String>> undeclared = new LinkedHashMap<>();
        for (BoundGrant grant : grants) {
            if (!after.keyField().equals(before.keyField()) && !grant.fields().contains(after.keyField())) {
                keyedUnasked.computeIfAbsent(after.keyField(), k -> new ArrayList<>()).add(grant.id());
            }
            for (String field : new TreeSet<>(grant.fields())) {
                if (before.fields().contains(field) && !after.fields().contains(field)) {
                    removed.computeIfAbsent(field, f -> new ArrayList<>()).add(grant.id());
                }
            }
            Set<String> shown = before.shownTo(grant);
            for (PersonalDataField declaration : before.declarations()) {
                if (shown.contains(declaration.topField()) && !after.declarations().contains(declaration)) {
                    undeclared.computeIfAbsent(declaration, d -> new ArrayList<>()).add(grant.id());
                }
            }
        }
        keyedUnasked.forEach((field, ids) -> errors.add(new FieldError("/keyField", "grants " + ids + " see the "
                + "record key always and were not given '" + field + "': keyed by it, they would be shown it")));
        removed.forEach((field, ids) -> errors.add(new FieldError("/schema/properties/" + JsonPointer.token(field),
                "grants " + ids + " name field '" + field + "': removed, renamed or moved, a field added later under "
                        + "its name would be shown to them unasked")));
        undeclared.forEach((declaration, ids) -> errors.add(new FieldError("/personalDataFields",
                "grants " + ids + " show '" + declaration.field() + "' declared " + declaration.category().code()
                        + ": " + consequence(declaration, grants, ids))));
        if (!before.declarations().isEmpty() && after.declarations().isEmpty()) {
            errors.add(new FieldError("/personalDataFields", "grants " + grants.stream().map(BoundGrant::id).toList()
                    + " read personal data for a stated purpose: without any declaration they would read it for none"));
        }
        return errors;
    }

    private static String consequence(PersonalDataField declaration, List<BoundGrant> grants, List<String> ids) {
        boolean pseudonymised = grants.stream().anyMatch(g -> ids.contains(g.id()) && !g.identified());
        if (declaration.category() == PersonalDataField.Category.NATIONAL_ID && pseudonymised) {
            return "undeclared, the national IDs pseudonymised grants hold would reach them in clear";
        }
        return "undeclared, it would be shown as data that is not personal, beyond what their owner approved";
    }
}
