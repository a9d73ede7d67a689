package th.go.mol.ldx.gateway.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** A catalog entry: the definition, the Kafka topic that carries its changes, and how far its change log has got. */
public record Dataset(
        String id,
        LocalizedText title,
        LocalizedText description,
        String owner,
        Classification classification,
        String keyField,
        ObjectNode schema,
        List<PersonalDataField> personalDataFields,
        String topic,
        long changeSeq,
        Instant updatedAt) {

    public boolean ownedBy(String clientId) {
        return owner.equals(clientId);
    }

    public List<String> nationalIdFields() {
        return personalDataFields.stream()
                .filter(f -> f.category() == PersonalDataField.Category.NATIONAL_ID)
                .map(PersonalDataField::field)
                .toList();
    }
}
