package th.go.mol.ldx.gateway.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import th.go.mol.ldx.gateway.access.AccessPolicy;
import th.go.mol.ldx.gateway.access.ActiveGrants;
import th.go.mol.ldx.gateway.access.Caller;
import th.go.mol.ldx.gateway.access.GrantTerms;
import th.go.mol.ldx.gateway.events.EventsConfig;

/**
 * Finds datasets in the catalog and describes each to its caller (every authenticated caller sees the metadata
 * of every dataset, and its own access to it). Text matches by substring, in either language: Thai is written
 * without spaces between words, so a word index would not find most Thai words.
 */
@ApplicationScoped
public class CatalogSearch {

    /** What a search asks: every member optional; {@code after} is the id the previous page ended with. */
    public record Query(String text, String owner, CatalogMetadata.Category category, String keyword, String after,
            int limit) {
    }

    /** A page of entries; {@code next} is null on the last page. */
    public record Page(List<CatalogEntry> items, String next) {
    }

    private static final List<Distributions> DISTRIBUTIONS = List.of(Distributions.values());

    private final DatasetCatalog catalog;
    private final ActiveGrants grants;
    private final CatalogConfig config;
    private final EventsConfig events;
    private final Clock clock = Clock.systemUTC();

    CatalogSearch(DatasetCatalog catalog, ActiveGrants grants, CatalogConfig config, EventsConfig events) {
        this.catalog = catalog;
        this.grants = grants;
        this.config = config;
        this.events = events;
    }

    public Page search(Caller caller, Query query) {
        List<String> words = query.text() == null ? List.of()
                : Arrays.stream(normal(query.text()).split("\\s+")).filter(w -> !w.isEmpty()).toList();
        List<Dataset> found = catalog.all().stream()
                .sorted(Comparator.comparing(Dataset::id))
                .filter(d -> query.after() == null || d.id().compareTo(query.after()) > 0)
                .filter(d -> query.owner() == null || d.owner().equals(query.owner()))
                .filter(d -> query.category() == null
                        || d.metadata() != null && d.metadata().category() == query.category())
                .filter(d -> query.keyword() == null || keywords(d).anyMatch(normal(query.keyword())::equals))
                .filter(d -> words.isEmpty() || words.stream().allMatch(w -> text(d).contains(w)))
                .limit(query.limit() + 1L)
                .toList();
        Map<String, GrantTerms> granted = grantsOf(caller);
        List<CatalogEntry> items = found.stream().limit(query.limit()).map(d -> entry(d, caller, granted)).toList();
        return new Page(items, found.size() > query.limit() ? items.get(items.size() - 1).id() : null);
    }

    public CatalogEntry describe(Caller caller, String datasetId) {
        return entry(catalog.require(datasetId), caller, grantsOf(caller));
    }

    /** The stable URI of a dataset: its identifier in DCAT. */
    public String uriOf(String datasetId) {
        return config.datasetUri(datasetId);
    }

    /** The ways to reach a dataset, with the Kafka topic a reader follows ({@code {agency}} when not known). */
    public List<CatalogEntry.Distribution> distributions(String datasetId, String topic) {
        String base = config.publicUrl() + "/v1/datasets/" + datasetId;
        return DISTRIBUTIONS.stream().map(d -> new CatalogEntry.Distribution(d.name().toLowerCase(Locale.ROOT)
                .replace('_', '-'), d.title, d == Distributions.KAFKA
                ? "kafka://" + config.partnerKafka() + "/" + topic : base + d.path, d.mediaType)).toList();
    }

    /** The topic partners follow, with {@code {agency}} standing for the agency's id. */
    public String agencyTopicPattern(String datasetId) {
        return events.agencyTopicOf("{agency}", datasetId);
    }

    private CatalogEntry entry(Dataset d, Caller caller, Map<String, GrantTerms> granted) {
        CatalogEntry.Access access;
        if (caller.owner() && d.ownedBy(caller.organisation())) {
            access = new CatalogEntry.Access(CatalogEntry.Access.OWNER, null, null, null, null, null, d.topic());
        } else if (granted.containsKey(d.id())) {
            GrantTerms grant = granted.get(d.id());
            access = new CatalogEntry.Access(CatalogEntry.Access.GRANTED, grant.id(), new TreeSet<>(grant.fields()),
                    grant.purposes(), grant.identified(), grant.validUntil(),
                    events.agencyTopicOf(caller.organisation(), d.id()));
        } else {
            access = new CatalogEntry.Access(CatalogEntry.Access.NONE, null, null, null, null, null, null);
        }
        String topic = access.topic() != null ? access.topic() : agencyTopicPattern(d.id());
        return new CatalogEntry(d.id(), uriOf(d.id()), d.title(), d.description(), d.owner(), d.classification(),
                d.metadata(), d.personalDataFields(), List.copyOf(d.fields()), d.schemaVersion(),
                config.schemaUri(d.id(), d.schemaVersion()), d.statistics(), d.recordCount(),
                d.lastChangeAt(), d.updatedAt(), distributions(d.id(), topic), access);
    }

    /** The caller's grants in effect, by dataset. */
    private Map<String, GrantTerms> grantsOf(Caller caller) {
        if (!caller.partner()) {
            return Map.of();
        }
        Instant now = clock.instant();
        return grants.approved().stream().filter(g -> g.agency().equals(caller.organisation()))
                .collect(Collectors.groupingBy(GrantTerms::datasetId)).entrySet().stream()
                .flatMap(e -> AccessPolicy.inEffect(e.getValue(), now).stream())
                .collect(Collectors.toMap(GrantTerms::datasetId, g -> g));
    }

    private static Stream<String> keywords(Dataset d) {
        return d.metadata() == null ? Stream.empty()
                : Stream.concat(d.metadata().keywords().th().stream(), d.metadata().keywords().en().stream())
                        .map(CatalogSearch::normal);
    }

    /** Everything a text search looks in, normalised. */
    private static String text(Dataset d) {
        List<String> parts = new ArrayList<>(List.of(d.id(), d.title().th(), d.title().en(), d.description().th(),
                d.description().en()));
        Optional.ofNullable(d.metadata()).ifPresent(m -> {
            parts.add(m.objective().th());
            parts.add(m.objective().en());
        });
        keywords(d).forEach(parts::add);
        return normal(String.join("\n", parts));
    }

    /** Compatibility-composed and lower-cased: Thai written with decomposed vowels, or English in capitals, match. */
    private static String normal(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip();
    }

    private enum Distributions {
        RECORDS("/records", "application/json",
                new LocalizedText("ระเบียนข้อมูลทีละหน้า (REST)", "Records, a page at a time (REST)")),
        EXPORT_NDJSON("/export", "application/x-ndjson",
                new LocalizedText("ส่งออกทั้งชุด (NDJSON)", "Whole export (NDJSON)")),
        EXPORT_CSV("/export?format=csv", "text/csv",
                new LocalizedText("ส่งออกทั้งชุด (CSV)", "Whole export (CSV)")),
        CHANGES("/changes", "application/json",
                new LocalizedText("ลำดับการเปลี่ยนแปลง (REST)", "Change feed (REST)")),
        KAFKA(null, "application/cloudevents+json",
                new LocalizedText("หัวข้อ Kafka ของหน่วยงาน", "The agency's Kafka topic"));

        private final String path;
        private final String mediaType;
        private final LocalizedText title;

        Distributions(String path, String mediaType, LocalizedText title) {
            this.path = path;
            this.mediaType = mediaType;
            this.title = title;
        }
    }
}
