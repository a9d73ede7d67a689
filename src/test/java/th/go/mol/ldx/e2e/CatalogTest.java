package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.lib.ShLib;
import org.apache.jena.vocabulary.RDF;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;

/**
 * The catalog: found by Thai or English text, owner, category and keyword a page at a time; each entry with what
 * LDX knows of the dataset and the caller's own access; and the whole catalog as DCAT-AP 3 JSON-LD that a harvester
 * reads as RDF, conforming to the shapes a harvester relies on, without the datasets that must not be listed.
 */
@ExtendWith(LdxStack.class)
class CatalogTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>; rel=\"next\"");
    private static final String DCAT = "http://www.w3.org/ns/dcat#";
    private static final String DCT = "http://purl.org/dc/terms/";

    @Test
    void aSearchFindsDatasetsByThaiOrEnglishTextOwnerCategoryAndKeywordAPageAtATime() {
        // A word of this test's own, so that the datasets of other tests are not found.
        String tag = "q" + UUID.randomUUID().toString().substring(0, 8);
        TestDataset informal = TestDataset.createWith(Map.of(
                "title", Map.of("th", "ผู้ประกันตนมาตรา 40 " + tag, "en", "Informal workers insured " + tag)), Map.of());
        TestDataset vacancies = TestDataset.createWith(Map.of("owner", "dept-doe",
                "title", Map.of("th", "ตำแหน่งงานว่างรายจังหวัด " + tag, "en", "Vacancies by province " + tag)),
                Map.of("category", "public", "keywords", Map.of("th", List.of("ตลาดแรงงาน" + tag), "en", List.of())));
        List<String> both = new ArrayList<>(List.of(informal.id(), vacancies.id()));
        both.sort(null);

        assertEquals(both, ids(Map.of("q", tag)));
        assertEquals(List.of(informal.id()), ids(Map.of("q", "ประกันตน " + tag)));
        assertEquals(List.of(informal.id()), ids(Map.of("q", "INFORMAL   workers " + tag)));
        assertEquals(List.of(vacancies.id()), ids(Map.of("q", tag, "owner", "dept-doe")));
        assertEquals(List.of(vacancies.id()), ids(Map.of("q", tag, "category", "public")));
        assertEquals(List.of(vacancies.id()), ids(Map.of("keyword", "ตลาดแรงงาน" + tag)));
        assertEquals(List.of(), ids(Map.of("q", "ประกันตน " + tag, "owner", "dept-doe")));

        List<String> paged = new ArrayList<>();
        String url = "/v1/catalog/datasets?limit=1&q=" + tag;
        while (url != null) {
            Response page = Api.as("agency-nso").get(url);
            page.then().statusCode(200);
            paged.addAll(page.jsonPath().getList("items.id"));
            Matcher next = page.header("Link") == null ? null : NEXT.matcher(page.header("Link"));
            url = next != null && next.find() ? next.group(1) : null;
        }
        assertEquals(both, paged);

        Api.as("agency-nso").get("/v1/catalog/datasets?category=secret").then().statusCode(400)
                .body("type", equalTo("https://ldx.mol.go.th/problems/invalid-parameter"))
                .body("errors.pointer", hasItem("category"));
        Api.as("agency-nso").get("/v1/catalog/datasets?limit=0").then().statusCode(400)
                .body("errors.pointer", hasItem("limit"));
        Api.anonymous().get("/v1/catalog/datasets").then().statusCode(401);
    }

    @Test
    void anEntrySaysWhatLdxKnowsOfTheDatasetAndTheCallersOwnAccess() {
        TestDataset dataset = TestDataset.create();
        dataset.load(n -> "C-" + n, 1, 3);
        dataset.delete("C-2");
        dataset.grant("agency-rd", Map.of("fields", List.of("amount")));
        String path = "/v1/catalog/datasets/" + dataset.id();

        JsonPath granted = Api.as("agency-rd").get(path).then().statusCode(200).extract().jsonPath();
        assertEquals("https://ldx.mol.go.th/datasets/" + dataset.id(), granted.getString("uri"));
        assertEquals(2, granted.getInt("recordCount"));
        assertNotNull(granted.getString("lastChangeAt"));
        assertEquals("personal", granted.getString("metadata.category"));
        assertEquals(List.of("provinceCode", "registeredOn"), granted.getList("statistics.dimensions"));
        assertEquals("granted", granted.getString("access.kind"));
        assertEquals(dataset.grantOf("agency-rd"), granted.getString("access.grantId"));
        assertEquals(List.of("amount", "id"), granted.getList("access.fields"));
        assertEquals("ldx.agency.agency-rd." + dataset.id(), granted.getString("access.topic"));
        String base = LdxStack.stack().gateway().baseUrl() + "/v1/datasets/" + dataset.id();
        assertEquals(List.of(base + "/records", base + "/export", base + "/export?format=csv", base + "/changes",
                "kafka://" + LdxStack.stack().kafka().agencyBootstrapServers() + "/ldx.agency.agency-rd." + dataset.id()),
                granted.getList("distributions.accessUrl"));

        Api.as(TestDataset.OWNER).get(path).then().statusCode(200).body("access.kind", equalTo("owner"))
                .body("access.topic", equalTo(dataset.topic()));
        Api.as("agency-nso").get(path).then().statusCode(200).body("access.kind", equalTo("none"))
                .body("distributions[4].accessUrl", equalTo("kafka://" + LdxStack.stack().kafka().agencyBootstrapServers()
                        + "/ldx.agency.{agency}." + dataset.id()));
        Api.as("agency-nso").get(path + "/schema").then().statusCode(200)
                .body("properties.amount.type", equalTo("integer"));
        Api.as("agency-nso").get("/v1/catalog/datasets/e2e-nothing-here").then().statusCode(404)
                .body("type", equalTo("https://ldx.mol.go.th/problems/dataset-not-found"));
    }

    /**
     * Every member of GD-Catalog's metadata that an owner gives comes back in the entry as given, in Thai and in
     * English, with what LDX adds itself: the dataset's identity, owner, classification, personal-data fields,
     * schema version, and a format (media type) per access path.
     */
    @Test
    void anEntryCarriesTheCatalogMetadataAsItsOwnerGaveIt() {
        Map<String, Object> metadata = new LinkedHashMap<>(TestDataset.metadata());
        metadata.put("temporalCoverage", Map.of("start", "2020-01-01", "end", "2025-12-31"));
        metadata.put("geographicCoverage", Map.of("th", "ทั่วประเทศ", "en", "Nationwide"));
        metadata.put("source", Map.of("th", "ระบบทะเบียนผู้ประกันตน", "en", "The insured-persons register"));
        metadata.put("contact", Map.of("name", "ทีมทดสอบ", "email", "e2e@ldx.example.go.th", "phone", "+66 2 123 4567"));
        metadata.put("licence", Map.of("name", "Open Government Licence - Thailand",
                "uri", "https://data.go.th/pages/open-government-licence-thailand"));
        TestDataset dataset = TestDataset.createWithMetadata(metadata);

        JsonPath entry = Api.as("agency-nso").get("/v1/catalog/datasets/" + dataset.id()).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(metadata, entry.getMap("metadata"));
        Map<String, Object> definition = TestDataset.definition();
        assertEquals(definition.get("title"), entry.getMap("title"));
        assertEquals(definition.get("description"), entry.getMap("description"));
        assertEquals(TestDataset.OWNER, entry.getString("owner"));
        assertEquals("confidential", entry.getString("classification"));
        assertEquals(definition.get("personalDataFields"), entry.getList("personalDataFields"));
        assertEquals(1, entry.getInt("schemaVersion"));
        assertEquals(List.of("application/json", "application/x-ndjson", "text/csv", "application/json",
                "application/cloudevents+json"), entry.getList("distributions.mediaType"));
    }

    @Test
    void theDcatCatalogConformsToTheShapesAHarvesterReliesOnAndListsNoSecret() {
        TestDataset listed = TestDataset.createWithMetadata(Map.of("temporalCoverage", Map.of("start", "2020-01-01"),
                "licence", Map.of("name", "Open Government Licence - Thailand",
                        "uri", "https://data.go.th/pages/open-government-licence-thailand")));
        TestDataset secret = TestDataset.createWithMetadata(Map.of("category", "official-secret"));

        Response answer = Api.anonymous().get("/v1/catalog/dcat");
        answer.then().statusCode(200).contentType("application/ld+json");
        Model model = ModelFactory.createDefaultModel();
        RDFParser.fromString(new String(answer.asByteArray(), StandardCharsets.UTF_8), Lang.JSONLD).parse(model);

        Shapes shapes = Shapes.parse(RDFDataMgr.loadGraph("dcat-ap-3-ldx-shapes.ttl"));
        ValidationReport report = ShaclValidator.get().validate(shapes, model.getGraph());
        if (!report.conforms()) {
            ShLib.printReport(report);
        }
        assertTrue(report.conforms(), "the catalog conforms to the DCAT-AP 3 shapes");

        Set<String> datasets = model.listSubjectsWithProperty(RDF.type, model.createResource(DCAT + "Dataset"))
                .mapWith(Resource::getURI).toSet();
        assertTrue(datasets.contains("https://ldx.mol.go.th/datasets/" + listed.id()), datasets.toString());
        assertFalse(datasets.contains("https://ldx.mol.go.th/datasets/" + secret.id()), "official secrets are unlisted");

        Resource dataset = model.getResource("https://ldx.mol.go.th/datasets/" + listed.id());
        assertEquals(Set.of("th:ชุดข้อมูลทดสอบ", "en:Test dataset"), literals(model, dataset, DCT + "title"));
        assertEquals(Set.of("th:ทดสอบ", "en:testing"), literals(model, dataset, DCAT + "keyword"));
        assertEquals("http://publications.europa.eu/resource/authority/access-right/RESTRICTED",
                dataset.getPropertyResourceValue(model.createProperty(DCT + "accessRights")).getURI());
        assertEquals("http://publications.europa.eu/resource/authority/frequency/IRREG",
                dataset.getPropertyResourceValue(model.createProperty(DCT + "accrualPeriodicity")).getURI());
        Set<String> accessUrls = new TreeSet<>();
        Set<String> licences = new TreeSet<>();
        Property distribution = model.createProperty(DCAT + "distribution");
        dataset.listProperties(distribution).forEach(s -> {
            Resource way = s.getResource();
            accessUrls.add(way.getPropertyResourceValue(model.createProperty(DCAT + "accessURL")).getURI());
            licences.add(way.getPropertyResourceValue(model.createProperty(DCT + "license")).getURI());
        });
        String base = LdxStack.stack().gateway().baseUrl() + "/v1/datasets/" + listed.id();
        assertEquals(new TreeSet<>(Set.of(base + "/records", base + "/export", base + "/export?format=csv",
                base + "/changes", "kafka://" + LdxStack.stack().kafka().agencyBootstrapServers())), accessUrls);
        assertEquals(Set.of("https://data.go.th/pages/open-government-licence-thailand"), licences);
        Resource publisher = dataset.getPropertyResourceValue(model.createProperty(DCT + "publisher"));
        assertEquals("https://ldx.mol.go.th/organisations/dept-sso", publisher.getURI());
    }

    /** The ids found, the query written out in UTF-8 here (as a browser does) rather than in the JVM's charset. */
    private static List<String> ids(Map<String, String> query) {
        String url = "/v1/catalog/datasets?limit=100" + query.entrySet().stream()
                .map(p -> "&" + p.getKey() + "=" + URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining());
        return Api.as("agency-nso").urlEncodingEnabled(false).get(url)
                .then().statusCode(200).extract().jsonPath().getList("items.id");
    }

    private static Set<String> literals(Model model, Resource subject, String property) {
        return subject.listProperties(model.createProperty(property)).mapWith(s -> s.getObject().asLiteral())
                .mapWith(l -> l.getLanguage() + ":" + l.getString()).toSet().stream().collect(Collectors.toSet());
    }
}
