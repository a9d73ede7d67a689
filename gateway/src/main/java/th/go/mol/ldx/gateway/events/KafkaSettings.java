package th.go.mol.ldx.gateway.events;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;

/** The Kafka client settings of this gateway ({@code kafka.*} in the configuration), as a fresh map per client. */
@ApplicationScoped
public class KafkaSettings {

    private final Map<String, Object> common;

    @Inject
    KafkaSettings(@Identifier("default-kafka-broker") Map<String, Object> common) {
        this.common = Map.copyOf(common);
    }

    public String bootstrapServers() {
        return String.valueOf(common.get("bootstrap.servers"));
    }

    public Map<String, Object> with(Map<String, Object> specific) {
        Map<String, Object> settings = new HashMap<>(common);
        settings.putAll(specific);
        return settings;
    }
}
