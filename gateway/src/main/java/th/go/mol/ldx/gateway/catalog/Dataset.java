package th.go.mol.ldx.gateway.catalog;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A catalog entry: the definition, the Kafka topic that carries its changes, how far its change log has got, how
 * many records it holds and when one last changed ({@code lastChangeAt}, null before the first). {@code updatedAt}
 * is when the definition last changed. {@code metadata} is null for an entry defined before the catalog asked for it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Dataset(
        String id,
        LocalizedText title,
        LocalizedText description,
        String owner,
        Classification classification,
        String keyField,
        ObjectNode schema,
        int schemaVersion,
        List<PersonalDataField> personalDataFields,
        CatalogMetadata metadata,
        Statistics statistics,
        String topic,
        long changeSeq,
        long recordCount,
        Instant lastChangeAt,
        Instant updatedAt) {

    public boolean ownedBy(String clientId) {
        return owner.equals(clientId);
    }

    /** The fields the schema declares ({@code properties}), in schema order. */
    public Set<String> fields() {
        Set<String> fields = new LinkedHashSet<>();
        JsonNode properties = schema.get("properties");
        if (properties != null && properties.isObject()) {
            properties.fieldNames().forEachRemaining(fields::add);
        }
        return fields;
    }

    /** The schema of one declared field. */
    public Optional<JsonNode> fieldSchema(String field) {
        JsonNode properties = schema.get("properties");
        return properties == null ? Optional.empty() : Optional.ofNullable(properties.get(field));
    }

    /** Personal data under the PDPA: a read of this dataset by a partner states its purpose. */
    public boolean holdsPersonalData() {
        return !personalDataFields.isEmpty();
    }

    /** The fields of the record declared national IDs. */
    public List<String> nationalIdFields() {
        return personalDataFields.stream()
                .filter(f -> f.category() == PersonalDataField.Category.NATIONAL_ID && !f.nested())
                .map(PersonalDataField::field)
                .toList();
    }

    /** The members nested in objects declared national IDs, each as the names from the record down to it. */
    public List<List<String>> nestedNationalIds() {
        return personalDataFields.stream()
                .filter(f -> f.category() == PersonalDataField.Category.NATIONAL_ID && f.nested())
                .map(PersonalDataField::path)
                .toList();
    }
}
