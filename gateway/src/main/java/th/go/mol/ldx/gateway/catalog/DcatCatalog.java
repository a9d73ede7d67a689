package th.go.mol.ldx.gateway.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import th.go.mol.ldx.gateway.credentials.Organisation;
import th.go.mol.ldx.gateway.credentials.OrganisationRegistry;

/**
 * The catalog as DCAT-AP 3 in JSON-LD, for national portals to harvest (data.go.th runs CKAN, whose DCAT
 * harvester reads it): one {@code dcat:Dataset} per dataset under its stable URI, with bilingual titles,
 * descriptions and keywords, its publisher (the owner department), contact point, frequency, coverage, access
 * rights, licence and last change, and a {@code dcat:Distribution} per way to reach it. Metadata only: no schema
 * detail and no record. Datasets of the unlisted categories are left out (ADR 012).
 */
@ApplicationScoped
public class DcatCatalog {

    public static final String MEDIA_TYPE = "application/ld+json";
    private static final String ACCESS_RIGHT = "http://publications.europa.eu/resource/authority/access-right/";
    private static final String IANA = "https://www.iana.org/assignments/media-types/";
    private static final LocalizedText TITLE = new LocalizedText("แคตตาล็อกข้อมูลแลกเปลี่ยนด้านแรงงาน",
            "Labour Data Exchange (LDX) catalog");
    private static final LocalizedText DESCRIPTION = new LocalizedText(
            "ชุดข้อมูลของกระทรวงแรงงานที่หน่วยงานภาครัฐขอใช้ผ่าน LDX",
            "The Ministry of Labour's datasets that government agencies may ask to use through LDX");
    private static final LocalizedText MINISTRY = new LocalizedText("กระทรวงแรงงาน", "Ministry of Labour");

    private final DatasetCatalog catalog;
    private final CatalogSearch search;
    private final OrganisationRegistry organisations;
    private final CatalogConfig config;
    private final ObjectMapper json;

    DcatCatalog(DatasetCatalog catalog, CatalogSearch search, OrganisationRegistry organisations, CatalogConfig config,
            ObjectMapper json) {
        this.catalog = catalog;
        this.search = search;
        this.organisations = organisations;
        this.config = config;
        this.json = json;
    }

    public ObjectNode document() {
        ObjectNode root = json.createObjectNode();
        ObjectNode context = root.putObject("@context");
        context.put("dcat", "http://www.w3.org/ns/dcat#");
        context.put("dct", "http://purl.org/dc/terms/");
        context.put("foaf", "http://xmlns.com/foaf/0.1/");
        context.put("vcard", "http://www.w3.org/2006/vcard/ns#");
        context.put("skos", "http://www.w3.org/2004/02/skos/core#");
        context.put("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
        context.put("xsd", "http://www.w3.org/2001/XMLSchema#");
        root.put("@id", config.uriBase() + "/catalog");
        root.put("@type", "dcat:Catalog");
        root.set("dct:title", texts(TITLE));
        root.set("dct:description", texts(DESCRIPTION));
        root.set("dct:publisher", agent(config.uriBase() + "/organisations/mol", MINISTRY));
        root.set("foaf:homepage", id(config.publicUrl() + "/v1/catalog/datasets"));
        Map<String, Organisation> byId = organisations.all().stream()
                .collect(Collectors.toMap(Organisation::id, Function.identity()));
        ArrayNode datasets = root.putArray("dcat:dataset");
        catalog.all().stream().sorted(Comparator.comparing(Dataset::id))
                .filter(d -> d.metadata() != null && !config.unlistedCategories().contains(d.metadata().category()))
                .forEach(d -> datasets.add(dataset(d, byId.get(d.owner()))));
        return root;
    }

    private ObjectNode dataset(Dataset d, Organisation owner) {
        CatalogMetadata m = d.metadata();
        String uri = search.uriOf(d.id());
        ObjectNode dataset = json.createObjectNode();
        dataset.put("@id", uri);
        dataset.put("@type", "dcat:Dataset");
        dataset.put("dct:identifier", d.id());
        dataset.set("dct:title", texts(d.title()));
        dataset.set("dct:description", texts(d.description()));
        ArrayNode keywords = dataset.putArray("dcat:keyword");
        m.keywords().th().forEach(k -> keywords.add(text(k, "th")));
        m.keywords().en().forEach(k -> keywords.add(text(k, "en")));
        dataset.set("dct:publisher", agent(config.uriBase() + "/organisations/" + d.owner(),
                owner == null ? new LocalizedText(d.owner(), d.owner()) : owner.name()));
        ObjectNode contact = dataset.putObject("dcat:contactPoint");
        contact.put("@type", "vcard:Kind");
        contact.put("vcard:fn", m.contact().name());
        contact.set("vcard:hasEmail", id("mailto:" + m.contact().email()));
        if (m.contact().phone() != null) {
            contact.set("vcard:hasTelephone", id("tel:" + m.contact().phone().replaceAll("[^0-9+]", "")));
        }
        dataset.set("dct:accrualPeriodicity", id(m.updateFrequency().uri()));
        dataset.set("dct:accessRights", id(ACCESS_RIGHT + (m.category() == CatalogMetadata.Category.PUBLIC
                && d.classification() == Classification.PUBLIC ? "PUBLIC" : "RESTRICTED")));
        dataset.set("dct:type", text(m.dataType().code(), null));
        if (m.temporalCoverage() != null) {
            ObjectNode temporal = dataset.putObject("dct:temporal");
            temporal.put("@type", "dct:PeriodOfTime");
            temporal.set("dcat:startDate", typed(m.temporalCoverage().start().toString(), "xsd:date"));
            if (m.temporalCoverage().end() != null) {
                temporal.set("dcat:endDate", typed(m.temporalCoverage().end().toString(), "xsd:date"));
            }
        }
        if (m.geographicCoverage() != null) {
            ObjectNode spatial = dataset.putObject("dct:spatial");
            spatial.put("@type", "dct:Location");
            spatial.set("skos:prefLabel", texts(m.geographicCoverage()));
        }
        if (m.source() != null) {
            ObjectNode provenance = dataset.putObject("dct:provenance");
            provenance.put("@type", "dct:ProvenanceStatement");
            provenance.set("rdfs:label", texts(m.source()));
        }
        Instant modified = d.lastChangeAt() != null && d.lastChangeAt().isAfter(d.updatedAt()) ? d.lastChangeAt()
                : d.updatedAt();
        dataset.set("dct:modified", typed(modified.toString(), "xsd:dateTime"));
        ArrayNode distributions = dataset.putArray("dcat:distribution");
        for (CatalogEntry.Distribution way : search.distributions(d.id(), search.agencyTopicPattern(d.id()))) {
            ObjectNode distribution = distributions.addObject();
            distribution.put("@id", uri + "#" + way.id());
            distribution.put("@type", "dcat:Distribution");
            distribution.set("dct:title", texts(way.title()));
            if (way.id().equals(CatalogEntry.Distribution.KAFKA)) {
                // An IRI cannot hold the {agency} of the topic's name: the broker is the access point, the
                // description names the topic.
                String topic = search.agencyTopicPattern(d.id());
                distribution.set("dcat:accessURL", id("kafka://" + config.partnerKafka().split(",")[0]));
                distribution.set("dct:description", texts(new LocalizedText(
                        "หัวข้อ " + topic + " โดย {agency} คือรหัสหน่วยงานที่ได้รับอนุญาต (SASL/OAUTHBEARER)",
                        "Topic " + topic + ", where {agency} is the granted agency's id (SASL/OAUTHBEARER)")));
            } else {
                distribution.set("dcat:accessURL", id(way.accessUrl()));
            }
            distribution.set("dcat:mediaType", id(IANA + way.mediaType()));
            ObjectNode licence = distribution.putObject("dct:license");
            if (m.licence().uri() != null) {
                licence.put("@id", m.licence().uri());
            }
            licence.put("@type", "dct:LicenseDocument");
            licence.set("rdfs:label", text(m.licence().name(), null));
        }
        return dataset;
    }

    private ObjectNode agent(String uri, LocalizedText name) {
        ObjectNode agent = json.createObjectNode();
        agent.put("@id", uri);
        agent.put("@type", "foaf:Agent");
        agent.set("foaf:name", texts(name));
        return agent;
    }

    private ArrayNode texts(LocalizedText text) {
        return json.createArrayNode().add(text(text.th(), "th")).add(text(text.en(), "en"));
    }

    private ObjectNode text(String value, String language) {
        ObjectNode literal = json.createObjectNode().put("@value", value);
        return language == null ? literal : literal.put("@language", language);
    }

    private ObjectNode typed(String value, String type) {
        return json.createObjectNode().put("@value", value).put("@type", type);
    }

    private ObjectNode id(String uri) {
        return json.createObjectNode().put("@id", uri);
    }
}
