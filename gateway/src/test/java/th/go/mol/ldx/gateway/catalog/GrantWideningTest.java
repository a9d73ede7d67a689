package th.go.mol.ldx.gateway.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import th.go.mol.ldx.gateway.catalog.GrantWidening.BoundGrant;
import th.go.mol.ldx.gateway.catalog.GrantWidening.Terms;
import th.go.mol.ldx.gateway.catalog.PersonalDataField.Category;
import th.go.mol.ldx.gateway.problem.Problem.FieldError;

class GrantWideningTest {

    private static final Set<String> FIELDS = Set.of("id", "nationalId", "name", "wage", "province", "employerId");
    private static final List<PersonalDataField> DECLARED = List.of(
            new PersonalDataField("nationalId", Category.NATIONAL_ID), new PersonalDataField("name", Category.NAME));
    private static final Terms BEFORE = new Terms(FIELDS, "id", DECLARED);

    private static final BoundGrant PSEUDONYMISED = new BoundGrant("g-nso", Set.of("nationalId", "wage"), false);
    private static final BoundGrant IDENTIFIED = new BoundGrant("g-rd", Set.of("nationalId", "name", "wage"), true);
    private static final BoundGrant WAGES_ONLY = new BoundGrant("g-wages", Set.of("wage"), false);

    @Test
    void aNationalIdDeclarationTakenOffAFieldAPseudonymisedGrantShowsIsAWidening() {
        List<FieldError> errors = GrantWidening.of(BEFORE, declaring(DECLARED.get(1)), List.of(PSEUDONYMISED));

        assertEquals(1, errors.size());
        assertEquals("/personalDataFields", errors.get(0).pointer());
        assertTrue(errors.get(0).message().contains("[g-nso]"), errors.get(0).message());
        assertTrue(errors.get(0).message().contains("in clear"), errors.get(0).message());
    }

    @Test
    void aNationalIdMadeAnotherKindOfPersonalDataIsAWidening() {
        Terms after = declaring(new PersonalDataField("nationalId", Category.OTHER), DECLARED.get(1));

        assertEquals(1, GrantWidening.of(BEFORE, after, List.of(PSEUDONYMISED)).size());
    }

    @Test
    void anyDeclarationTakenOffAFieldAGrantShowsIsAWideningIdentifiedOrNot() {
        List<FieldError> errors = GrantWidening.of(BEFORE, declaring(DECLARED.get(0)), List.of(IDENTIFIED));

        assertEquals(1, errors.size());
        assertTrue(errors.get(0).message().contains("'name' declared name"), errors.get(0).message());
    }

    @Test
    void aNestedDeclarationTakenOffAFieldAGrantShowsIsAWidening() {
        List<PersonalDataField> nested = List.of(DECLARED.get(0), DECLARED.get(1),
                new PersonalDataField("/employerId/owner", Category.NATIONAL_ID));
        Terms before = new Terms(FIELDS, "id", nested);

        assertEquals(1, GrantWidening.of(before, declaring(DECLARED.get(0), DECLARED.get(1)),
                List.of(new BoundGrant("g-employers", Set.of("employerId"), false))).size());
    }

    @Test
    void aDeclarationTakenOffAFieldNoGrantShowsWidensNone() {
        assertEquals(List.of(), GrantWidening.of(BEFORE, declaring(DECLARED.get(0)), List.of(PSEUDONYMISED)));
    }

    @Test
    void noDeclarationLeftLetsGrantsReadForNoPurpose() {
        List<FieldError> errors = GrantWidening.of(BEFORE, declaring(), List.of(WAGES_ONLY));

        assertEquals(1, errors.size());
        assertTrue(errors.get(0).message().contains("for none"), errors.get(0).message());
    }

    @Test
    void aFieldAGrantNamesRemovedRenamedOrMovedIsAWidening() {
        Set<String> renamed = new HashSet<>(FIELDS);
        renamed.remove("wage");
        renamed.add("monthlyWage");

        List<FieldError> errors = GrantWidening.of(BEFORE, new Terms(renamed, "id", DECLARED),
                List.of(PSEUDONYMISED, IDENTIFIED));

        assertEquals(1, errors.size());
        assertEquals("/schema/properties/wage", errors.get(0).pointer());
        assertTrue(errors.get(0).message().contains("[g-nso, g-rd]"), errors.get(0).message());
    }

    @Test
    void aNewKeyFieldIsAWideningForGrantsNotGivenIt() {
        Terms after = new Terms(FIELDS, "employerId", DECLARED);

        List<FieldError> errors = GrantWidening.of(BEFORE, after, List.of(PSEUDONYMISED,
                new BoundGrant("g-employers", Set.of("employerId"), false)));

        assertEquals(1, errors.size());
        assertEquals("/keyField", errors.get(0).pointer());
        assertTrue(errors.get(0).message().contains("[g-nso]"), errors.get(0).message());
    }

    @Test
    void addingProtectionOrFieldsWidensNothing() {
        List<PersonalDataField> more = new ArrayList<>(DECLARED);
        more.add(new PersonalDataField("employerId", Category.OTHER));
        Set<String> wider = new HashSet<>(FIELDS);
        wider.add("sex");

        assertEquals(List.of(), GrantWidening.of(BEFORE, new Terms(wider, "id", more),
                List.of(PSEUDONYMISED, IDENTIFIED, WAGES_ONLY)));
    }

    @Test
    void withoutGrantsNothingIsWidened() {
        assertEquals(List.of(), GrantWidening.of(BEFORE, new Terms(Set.of("id"), "id", List.of()), List.of()));
    }

    private static Terms declaring(PersonalDataField... declarations) {
        return new Terms(FIELDS, "id", List.of(declarations));
    }
}
