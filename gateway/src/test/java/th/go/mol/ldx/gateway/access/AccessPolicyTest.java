package th.go.mol.ldx.gateway.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static th.go.mol.ldx.gateway.access.Fixtures.FROM;
import static th.go.mol.ldx.gateway.access.Fixtures.UNTIL;
import static th.go.mol.ldx.gateway.access.Fixtures.dataset;
import static th.go.mol.ldx.gateway.access.Fixtures.grant;
import static th.go.mol.ldx.gateway.access.Fixtures.record;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import th.go.mol.ldx.gateway.catalog.Dataset;
import th.go.mol.ldx.gateway.catalog.PersonalDataField;
import th.go.mol.ldx.gateway.problem.Problem.FieldError;
import th.go.mol.ldx.gateway.problem.ProblemException;
import th.go.mol.ldx.gateway.problem.ProblemType;
import th.go.mol.ldx.gateway.problem.StrictJson;
import th.go.mol.ldx.security.PseudonymDomain;
import th.go.mol.ldx.security.Pseudonymiser;

class AccessPolicyTest {

    private static final Pseudonymiser PSEUDONYMS =
            new Pseudonymiser("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    private static final Caller NSO = new Caller("agency-nso.main", "agency-nso", null, true, false, false);
    private static final Caller RD = new Caller("agency-rd.main", "agency-rd", null, true, false, false);
    private static final Caller SSO = new Caller("dept-sso.main", "dept-sso", null, false, true, false);
    private static final Caller DOE = new Caller("dept-doe.main", "dept-doe", null, false, true, false);
    private static final Dataset INSURED = dataset(true);

    private final Map<String, List<GrantTerms>> grants = new java.util.HashMap<>();
    private final AccessContext context = new AccessContext();

    @Test
    void theOwnerDepartmentSeesItsRecordsWholeAndAnotherDepartmentNothing() {
        RecordView view = policyAt(FROM).readView(SSO, INSURED, null);

        assertEquals(record(), view.apply(record()).orElseThrow());
        assertEquals(ProblemType.NOT_GRANTED, refusal(() -> policyAt(FROM).readView(DOE, INSURED, null)));
    }

    @Test
    void aPartnerSeesOnlyTheGrantedFieldsAndAlwaysTheKey() {
        grants.put("agency-nso", List.of(grant("agency-nso", Set.of("amount", "provinceCode"), RowFilter.ALL, false)));

        ObjectNode seen = policyAt(FROM).readView(NSO, INSURED, "planning").project(record());

        assertEquals(json("{\"id\":\"I-1\",\"provinceCode\":\"10\",\"amount\":12000}"), seen);
    }

    @Test
    void nationalIdsAreTheAgencysOwnPseudonymsUnlessTheGrantIsIdentified() {
        grants.put("agency-nso", List.of(grant("agency-nso", Set.of("nationalId", "name"), RowFilter.ALL, false)));
        grants.put("agency-rd", List.of(grant("agency-rd", Set.of("nationalId", "name"), RowFilter.ALL, true)));

        ObjectNode nso = policyAt(FROM).readView(NSO, INSURED, "planning").project(record());
        ObjectNode rd = policyAt(FROM).readView(RD, INSURED, "planning").project(record());

        assertEquals(PSEUDONYMS.pseudonym(new PseudonymDomain("agency-nso", 1), "1103702071561"), nso.get("nationalId").asText());
        assertEquals("Somchai", nso.get("name").asText(), "only national IDs are pseudonymised");
        assertEquals("1103702071561", rd.get("nationalId").asText());
        assertEquals("1103702071561", record().get("nationalId").asText(), "the stored record is left as it was");
    }

    @Test
    void aRotatedKeyShowsTheAgencyNewPseudonymsAndSaysWhichVersionTheyAre() {
        GrantTerms first = grant("agency-nso", Set.of("nationalId"), RowFilter.ALL, false);
        GrantTerms rotated = new GrantTerms(first.id(), first.agency(), first.datasetId(), first.fields(), first.rows(),
                first.purposes(), false, FROM, UNTIL, 2, 0);
        AccessPolicy policy = policyAt(FROM);

        RecordView before = policy.viewOf(first.view(), INSURED);
        RecordView after = policy.viewOf(rotated.view(), INSURED);

        assertEquals(PSEUDONYMS.pseudonym(new PseudonymDomain("agency-nso", 2), "1103702071561"),
                after.project(record()).get("nationalId").asText());
        assertFalse(before.project(record()).get("nationalId").equals(after.project(record()).get("nationalId")));
        assertEquals(1, before.pseudonymKey());
        assertEquals(2, after.pseudonymKey());
        assertEquals(null, policy.viewOf(grant("agency-nso", Set.of("amount"), RowFilter.ALL, false).view(), INSURED)
                .pseudonymKey(), "no pseudonym shown, no key version said");
        GrantTerms identified = new GrantTerms(first.id(), first.agency(), first.datasetId(), first.fields(),
                first.rows(), first.purposes(), true, FROM, UNTIL, 5, 0);
        assertEquals(grant("agency-nso", Set.of("nationalId"), RowFilter.ALL, true).view(), identified.view(),
                "a rotation changes nothing an identified grant is shown");
    }

    @Test
    void aNationalIdStoredAsANumberIsPseudonymisedAllTheSame() {
        grants.put("agency-nso", List.of(grant("agency-nso", Set.of("nationalId"), RowFilter.ALL, false)));

        ObjectNode seen = policyAt(FROM).readView(NSO, INSURED, "planning").project(record().put("nationalId", 1103702071561L));

        assertEquals(PSEUDONYMS.pseudonym(new PseudonymDomain("agency-nso", 1), "1103702071561"), seen.get("nationalId").asText());
    }

    @Test
    void aNumberIsPseudonymisedByItsValueWrittenOutInFullInATreeAndFromBytes() throws Exception {
        grants.put("agency-nso", List.of(grant("agency-nso", Set.of("nationalId"), RowFilter.ALL, false)));
        RecordView nso = policyAt(FROM).readView(NSO, INSURED, "planning");
        ObjectMapper gateways = new ObjectMapper();
        new StrictJson().customize(gateways);
        Map<String, String> written = Map.of("1E-7", "0.0000001", "1.5e3", "1500", "1.50", "1.50", "-0", "0",
                "1103702071561", "1103702071561");

        for (Map.Entry<String, String> number : written.entrySet()) {
            String stored = "{\"id\": \"I-1\", \"nationalId\": " + number.getKey() + "}";
            // The tree as the gateway reads it (exact numbers, StrictJson): what a Kafka feed projects.
            ObjectNode tree = (ObjectNode) gateways.readTree(stored);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            nso.writeProjected(stored.getBytes(StandardCharsets.UTF_8), bytes);

            String pseudonym = PSEUDONYMS.pseudonym(new PseudonymDomain("agency-nso", 1), number.getValue());
            assertEquals(pseudonym, nso.project(tree).get("nationalId").asText(), number.getKey());
            assertEquals(pseudonym, Fixtures.JSON.readTree(bytes.toByteArray()).get("nationalId").asText(),
                    number.getKey());
        }
    }

    @Test
    void aNationalIdNestedInAnObjectIsPseudonymisedWhereItIsDeclaredFromATreeAndFromBytes() throws Exception {
        List<PersonalDataField> declared = new ArrayList<>(INSURED.personalDataFields());
        declared.add(new PersonalDataField("/address/owner/nationalId", PersonalDataField.Category.NATIONAL_ID));
        declared.add(new PersonalDataField("/address/kin", PersonalDataField.Category.NATIONAL_ID));
        Dataset nested = new Dataset(INSURED.id(), INSURED.title(), INSURED.description(), INSURED.owner(),
                INSURED.classification(), INSURED.keyField(), INSURED.schema(), 1, declared, null, null,
                INSURED.topic(), 0, 0, null, FROM);
        grants.put("agency-nso", List.of(grant("agency-nso", Set.of("address", "amount"), RowFilter.ALL, false)));
        grants.put("agency-rd", List.of(grant("agency-rd", Set.of("address"), RowFilter.ALL, true)));
        RecordView nso = policyAt(FROM).readView(NSO, nested, "planning");
        RecordView rd = policyAt(FROM).readView(RD, nested, "planning");
        ObjectMapper gateways = new ObjectMapper();
        new StrictJson().customize(gateways);
        ObjectNode stored = (ObjectNode) gateways.readTree("""
                {"id":"I-1","amount":1,"address":{"line":"ถนน 1","owner":{"nationalId":"1103702071561","since":0.10},
                 "kin":["3100000000018"]}}""");

        ObjectNode shown = nso.project(stored);
        assertEquals(PSEUDONYMS.pseudonym(new PseudonymDomain("agency-nso", 1), "1103702071561"),
                shown.path("address").path("owner").path("nationalId").asText());
        assertFalse(shown.path("address").has("kin"), "an array declared a national ID is left out");
        assertEquals("1103702071561", stored.path("address").path("owner").path("nationalId").asText(),
                "the stored record is left untouched");
        assertEquals(Set.of("/address/kin", "/address/owner/nationalId"), nso.pseudonymisedMembers());
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        nso.writeProjected(gateways.writeValueAsBytes(stored), written);
        assertEquals(shown, gateways.readTree(written.toByteArray()));
        assertTrue(written.toString(StandardCharsets.UTF_8).contains("\"since\":0.10"), written.toString());
        assertEquals(stored.get("address"), rd.project(stored).get("address"), "identified: as stored");
        assertEquals(Set.of(), rd.pseudonymisedMembers());
    }

    @Test
    void aRecordProjectedFromItsBytesIsTheProjectionOfItsTree() throws Exception {
        grants.put("agency-nso", List.of(grant("agency-nso", Set.of("nationalId", "amount", "address"), RowFilter.ALL,
                false)));
        grants.put("agency-rd", List.of(grant("agency-rd", Set.of("nationalId", "name"), RowFilter.ALL, true)));
        RecordView nso = policyAt(FROM).readView(NSO, INSURED, "planning");
        RecordView rd = policyAt(FROM).readView(RD, INSURED, "planning");
        List<ObjectNode> records = List.of(record(), record().put("nationalId", 1103702071561L),
                record().putNull("nationalId"), (ObjectNode) record().set("nationalId", json("{\"a\":1}")),
                (ObjectNode) record().set("address", json("{\"line\":\"ถนน \\\"1\\\"\",\"tags\":[1,null,true]}")),
                record().put("nationalId", "11037\"0207\\1561").put("name", "ส\u0000มชาย\n"),
                json("{\"id\":\"I-2\",\"amount\":1.5e3,\"extra\":[{\"deep\":[]}]}"), json("{}"));

        for (RecordView view : List.of(nso, rd, nso.narrowed(Set.of("amount"), RowFilter.ALL))) {
            for (ObjectNode stored : records) {
                // Compact as Jackson writes it, and with spaces and line breaks between tokens (PostgreSQL writes a
                // jsonb with a space after each colon and comma).
                byte[] compact = Fixtures.JSON.writeValueAsBytes(stored);
                byte[] spaced = stored.toPrettyString().getBytes(StandardCharsets.UTF_8);
                for (byte[] bytes : List.of(compact, spaced)) {
                    ByteArrayOutputStream written = new ByteArrayOutputStream();
                    view.writeProjected(bytes, written);
                    assertEquals(view.project(stored), Fixtures.JSON.readTree(written.toByteArray()),
                            stored.toString());
                    assertFalse(written.toString(StandardCharsets.UTF_8).contains(" \""),
                            "written without the spaces between tokens: " + written);
                }
            }
        }
    }

    @Test
    void spacesOfEveryKindAndBracketsInsideTextsDoNotMisleadTheProjection() throws Exception {
        grants.put("agency-nso", List.of(grant("agency-nso", Set.of("nationalId", "amount", "address", "status"),
                RowFilter.ALL, false)));
        RecordView nso = policyAt(FROM).readView(NSO, INSURED, "planning");
        byte[] stored = (" \t\r\n{ \"address\" \t:\r\n{\"line\" : \"a}]{[,:\\\"\" , \"tags\" : [ \"]\" , {} ] } ,"
                + "\"name\":\"}{\",\"amount\":-1.5E+3 , \"status\" : false , \"nationalId\" : \"1103702071561\" }\r\n")
                .getBytes(StandardCharsets.UTF_8);

        ByteArrayOutputStream written = new ByteArrayOutputStream();
        nso.writeProjected(stored, written);

        assertEquals(nso.project((ObjectNode) Fixtures.JSON.readTree(stored)),
                Fixtures.JSON.readTree(written.toByteArray()));
        assertEquals("{\"address\":{\"line\":\"a}]{[,:\\\"\",\"tags\":[\"]\",{}]},\"amount\":-1.5E+3,\"status\":false,"
                + "\"nationalId\":\"" + PSEUDONYMS.pseudonym(new PseudonymDomain("agency-nso", 1), "1103702071561") + "\"}",
                written.toString(StandardCharsets.UTF_8), "members copied as stored, spaces between tokens dropped");
    }

    @Test
    void aMemberWhoseNameHoldsAnEscapeIsFoundByItsDecodedName() throws Exception {
        grants.put("agency-nso", List.of(grant("agency-nso", Set.of("nationalId", "amount"), RowFilter.ALL, false)));
        RecordView nso = policyAt(FROM).readView(NSO, INSURED, "planning");
        byte[] stored = "{\"nation\\u0061lId\": \"1103702071561\", \"am\\u006funt\": 5, \"name\": \"x\"}"
                .getBytes(StandardCharsets.UTF_8);

        ByteArrayOutputStream written = new ByteArrayOutputStream();
        nso.writeProjected(stored, written);

        assertEquals(json("{\"nationalId\":\"" + PSEUDONYMS.pseudonym(new PseudonymDomain("agency-nso", 1), "1103702071561")
                + "\",\"amount\":5}"), Fixtures.JSON.readTree(written.toByteArray()));
    }

    @Test
    void aStoredRecordThatIsNotAWholeObjectIsRefused() {
        grants.put("agency-nso", List.of(grant("agency-nso", Set.of("amount"), RowFilter.ALL, false)));
        RecordView nso = policyAt(FROM).readView(NSO, INSURED, "planning");

        for (String stored : List.of("", "[1]", "{\"amount\": 1", "{\"amount\": \"x}", "{\"amount\" 1}",
                "{\"amount\": {\"a\": [1}", "{\"amount\": }", "{\"a\": 1 \"b\": 2}", "{\"amount\": 1} x",
                "{\"amount\": 1}}", "{} {}")) {
            assertThrows(IllegalStateException.class, () -> nso.writeProjected(
                    stored.getBytes(StandardCharsets.UTF_8), new ByteArrayOutputStream()),
                    stored);
        }
    }

    @Test
    void rowsOutsideTheGrantAreNotAdmitted() {
        grants.put("agency-nso", List.of(grant("agency-nso", Set.of("amount"),
                RowFilterTest.parseQuietly("{\"provinceCode\":{\"in\":[\"11\",\"12\"]}}"), false)));

        RecordView view = policyAt(FROM).readView(NSO, INSURED, "planning");

        assertTrue(view.apply(record()).isEmpty());
        assertTrue(view.apply((ObjectNode) record().put("provinceCode", "12")).isPresent());
    }

    @Test
    void aGrantIsInEffectFromItsFirstInstantToJustBeforeItsLast() {
        grants.put("agency-nso", List.of(grant("agency-nso", Set.of("amount"), RowFilter.ALL, false)));

        assertEquals(ProblemType.NOT_GRANTED, refusal(() -> policyAt(FROM.minusNanos(1000)).readView(NSO, INSURED, "planning")));
        policyAt(FROM).readView(NSO, INSURED, "planning");
        policyAt(UNTIL.minusNanos(1000)).readView(NSO, INSURED, "planning");
        ProblemException expired = assertThrows(ProblemException.class,
                () -> policyAt(UNTIL).readView(NSO, INSURED, "planning"));
        assertEquals(ProblemType.NOT_GRANTED, expired.type());
        assertTrue(expired.getMessage().contains("expired at " + UNTIL), expired.getMessage());
    }

    @Test
    void aReadOfPersonalDataStatesOneOfTheGrantsPurposes() {
        grants.put("agency-nso", List.of(grant("agency-nso", Set.of("amount"), RowFilter.ALL, false)));

        ProblemException missing = assertThrows(ProblemException.class, () -> policyAt(FROM).readView(NSO, INSURED, null));
        ProblemException other = assertThrows(ProblemException.class, () -> policyAt(FROM).readView(NSO, INSURED, "marketing"));
        policyAt(FROM).readView(NSO, INSURED, "planning");

        assertEquals(ProblemType.PURPOSE_REQUIRED, missing.type());
        assertEquals(ProblemType.PURPOSE_NOT_ALLOWED, other.type());
        assertEquals(List.of("labour-statistics", "planning"), other.allowedPurposes());
        assertEquals("planning", context.purpose().orElseThrow());
        assertEquals(grants.get("agency-nso").get(0).id(), context.grantId().orElseThrow());
    }

    @Test
    void aDatasetWithoutPersonalDataIsReadWithoutAPurpose() {
        grants.put("agency-nso", List.of(grant("agency-nso", Set.of("amount"), RowFilter.ALL, false)));

        policyAt(FROM).readView(NSO, dataset(false), null);

        assertTrue(context.purpose().isEmpty());
        assertEquals(ProblemType.PURPOSE_NOT_ALLOWED, refusal(() -> policyAt(FROM).readView(NSO, dataset(false), "marketing")));
    }

    @Test
    void aReaderNarrowsItsViewButNeverReachesAHiddenField() {
        grants.put("agency-nso", List.of(grant("agency-nso", Set.of("amount", "provinceCode"), RowFilter.ALL, false)));
        AccessPolicy policy = policyAt(FROM);
        RecordView view = policy.readView(NSO, INSURED, "planning");

        RecordView narrowed = policy.narrow(view, Set.of("id", "amount"), RowFilterTest.parseQuietly("{\"amount\":{\"gt\":100}}"));

        assertEquals(json("{\"id\":\"I-1\",\"amount\":12000}"), narrowed.project(record()));
        assertFalse(narrowed.admits(record().put("amount", 50)));
        assertEquals(ProblemType.FIELD_NOT_GRANTED, refusal(() -> policy.narrow(view, Set.of("name"), RowFilter.ALL)));
        assertEquals(ProblemType.FIELD_NOT_GRANTED, refusal(() -> policy.narrow(view, null,
                RowFilterTest.parseQuietly("{\"name\":{\"eq\":\"Somchai\"}}"))));
    }

    @Test
    void aRefusedFieldIsNamedWhereItWasAskedFor() {
        grants.put("agency-nso", List.of(grant("agency-nso", Set.of("nationalId", "amount"), RowFilter.ALL, false)));
        AccessPolicy policy = policyAt(FROM);
        RecordView view = policy.readView(NSO, INSURED, "planning");

        ProblemException refused = assertThrows(ProblemException.class, () -> policy.narrow(view,
                Set.of("amount", "name"), RowFilterTest.parseQuietly("{\"name\":{\"eq\":\"Somchai\"},"
                        + "\"nationalId\":{\"eq\":\"1103702071561\"},\"amount\":{\"gt\":1}}")));
        assertEquals(ProblemType.FIELD_NOT_GRANTED, refused.type());
        assertEquals(400, refused.type().status());
        assertEquals(Set.of("fields", "filter/name", "filter/nationalId"),
                refused.errors().stream().map(FieldError::pointer).collect(Collectors.toSet()));

        ProblemException counted = assertThrows(ProblemException.class, () -> policy.requireShownAsStored(view,
                Map.of("groupBy", List.of("amount", "name"), "measures", List.of("nationalId"))));
        assertEquals(List.of("groupBy", "measures"),
                counted.errors().stream().map(FieldError::pointer).sorted().toList());
        policy.requireShownAsStored(view, Map.of("groupBy", List.of("amount"), "measures", List.of()));
    }

    @Test
    void aPseudonymisedFieldIsShownButNeverFilteredOn() {
        grants.put("agency-nso", List.of(grant("agency-nso", Set.of("nationalId"), RowFilter.ALL, false)));
        grants.put("agency-rd", List.of(grant("agency-rd", Set.of("nationalId"), RowFilter.ALL, true)));
        RowFilter byId = RowFilterTest.parseQuietly("{\"nationalId\":{\"eq\":\"1103702071561\"}}");
        AccessPolicy policy = policyAt(FROM);

        RecordView nso = policy.readView(NSO, INSURED, "planning");
        assertEquals(ProblemType.FIELD_NOT_GRANTED, refusal(() -> policy.narrow(nso, Set.of("nationalId"), byId)));
        policy.narrow(nso, Set.of("nationalId"), RowFilter.ALL);
        assertTrue(policy.narrow(policy.readView(RD, INSURED, "planning"), null, byId).admits(record()));
    }

    @Test
    void filtersAreCheckedAgainstTheDatasetSchema() {
        List<FieldError> errors = new ArrayList<>();
        RowFilterTest.parseQuietly("""
                {"salary":{"eq":1},"provinceCode":{"gte":"10"},"status":{"eq":"pending"},"amount":{"lt":"5"},
                 "registeredOn":{"gt":"2026-02-30"},"address":{"eq":"x"},"name":{"eq":"Somchai"}}
                """).checkAgainst(INSURED, "/rows", errors);

        assertEquals(List.of("/rows/salary", "/rows/provinceCode/gte", "/rows/status/eq", "/rows/amount/lt",
                "/rows/registeredOn/gt", "/rows/address/eq"), errors.stream().map(FieldError::pointer).toList());
        List<FieldError> pattern = new ArrayList<>();
        RowFilterTest.parseQuietly("{\"provinceCode\":{\"in\":[\"10\",\"1\"]}}").checkAgainst(INSURED, "", pattern);
        assertEquals(1, pattern.size());
    }

    private AccessPolicy policyAt(Instant now) {
        ActiveGrants lookup = new ActiveGrants() {
            @Override
            public List<GrantTerms> approved(String agency, String datasetId) {
                return grants.getOrDefault(agency, List.of());
            }

            @Override
            public List<GrantTerms> approved() {
                return grants.values().stream().flatMap(List::stream).toList();
            }
        };
        return new AccessPolicy(lookup, PSEUDONYMS, Clock.fixed(now, ZoneOffset.UTC), context);
    }

    private static ProblemType refusal(Runnable read) {
        return assertThrows(ProblemException.class, read::run).type();
    }

    private static ObjectNode json(String text) {
        try {
            return (ObjectNode) Fixtures.JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
