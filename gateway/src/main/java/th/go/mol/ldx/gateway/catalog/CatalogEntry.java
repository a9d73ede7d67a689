package th.go.mol.ldx.gateway.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A dataset as the catalog describes it to one caller: its metadata, what LDX knows of it (record count, last
 * change, fields, topics), the ways to reach it, and the caller's own access to it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogEntry(
        String id,
        String uri,
        LocalizedText title,
        LocalizedText description,
        String owner,
        Classification classification,
        CatalogMetadata metadata,
        List<PersonalDataField> personalDataFields,
        List<String> fields,
        int schemaVersion,
        String schemaUri,
        Statistics statistics,
        long recordCount,
        Instant lastChangeAt,
        Instant updatedAt,
        List<Distribution> distributions,
        Access access) {

    /** One way to reach the records: a REST endpoint, an export, the change feed, or a Kafka topic. */
    public record Distribution(String id, LocalizedText title, String accessUrl, String mediaType) {

        /** The distribution that is a Kafka topic. */
        public static final String KAFKA = "kafka";
    }

    /**
     * The caller's access: {@code owner} (the owner department, every record whole), {@code granted} (a grant in
     * effect, with its terms), or {@code none} (ask for a grant).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Access(String kind, UUID grantId, Set<String> fields, List<String> purposes, Boolean identified,
            Instant validUntil, String topic) {

        public static final String OWNER = "owner";
        public static final String GRANTED = "granted";
        public static final String NONE = "none";
    }
}
