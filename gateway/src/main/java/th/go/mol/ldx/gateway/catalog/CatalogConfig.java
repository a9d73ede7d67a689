package th.go.mol.ldx.gateway.catalog;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.Set;

/** How the catalog names datasets and where it says partners reach them. */
@ConfigMapping(prefix = "ldx.catalog")
public interface CatalogConfig {

    /**
     * The base of every dataset's stable URI, {@code <base>/datasets/<id>}: its identifier in DCAT, harvested by
     * portals, so it never changes when the gateway moves. Not necessarily an address of this gateway.
     */
    @WithDefault("https://ldx.mol.go.th")
    @Pattern(regexp = "https?://[^\\s/]+(/[^\\s]*[^\\s/])?", message = "must be an http(s) URI without a trailing /")
    String uriBase();

    /** The gateway's address as partners reach it: the REST and export distributions' access URLs. */
    @Pattern(regexp = "https?://[^\\s/]+(/[^\\s]*[^\\s/])?", message = "must be an http(s) URL without a trailing /")
    String publicUrl();

    /** The broker's partner listener (host:port), named by the topics' distributions. */
    @Pattern(regexp = "[^\\s/:]+:[0-9]{1,5}(,[^\\s/:]+:[0-9]{1,5})*", message = "must be host:port[,host:port...]")
    String partnerKafka();

    /**
     * Categories whose datasets the public DCAT catalog leaves out: portals harvest the metadata of public and of
     * personal data (whose access is restricted), not the existence of security data or official secrets.
     */
    @WithDefault("security,official-secret")
    Set<CatalogMetadata.Category> unlistedCategories();

    /**
     * How long a replica holds a catalog entry for the reads that need its definition (pages, records, statistics):
     * a definition changed on another replica serves reads here within this time.
     */
    @WithDefault("1s")
    Duration cacheTtl();

    /** A dataset's stable URI: its identifier in DCAT. */
    default String datasetUri(String datasetId) {
        return uriBase() + "/datasets/" + datasetId;
    }

    /** The stable URI of a version of a dataset's schema: the {@code dataschema} of the events checked against it. */
    default String schemaUri(String datasetId, int version) {
        return datasetUri(datasetId) + "/schemas/" + version;
    }
}
