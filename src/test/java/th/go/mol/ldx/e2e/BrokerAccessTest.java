package th.go.mol.ldx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.devstack.demo.DemoParties;
import th.go.mol.ldx.e2e.support.AgencyKafka;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;
import th.go.mol.ldx.e2e.support.TestDataset;
import th.go.mol.ldx.e2e.support.Tokens;

/**
 * The broker's agency listener: agencies authenticate with their Keycloak credentials and read only what an ACL
 * gives them, and the gateway derives those ACLs from the grants in effect; nobody else gets in. A grant's topic
 * lives as long as the grant.
 */
@ExtendWith(LdxStack.class)
class BrokerAccessTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void anAgencyAuthenticatesWithItsKeycloakClientButReadsNoCanonicalTopic() {
        TestDataset dataset = TestDataset.create().grant("agency-nso", true);
        dataset.put("B-1", TestDataset.record("B-1", 1));

        KafkaConsumer<String, String> nso = AgencyKafka.consumer("agency-nso");
        nso.assign(List.of(new TopicPartition(dataset.topic(), 0)));
        AgencyKafka.assertRefused(nso, WAIT);
    }

    @Test
    void aGrantGivesItsAgencyATopicOfItsOwnAndItsRevocationShutsItOutAndDeletesTheTopicWithinFiveSeconds()
            throws Exception {
        TestDataset dataset = TestDataset.create();
        dataset.put("K-1", TestDataset.record("K-1", 1));
        String topic = agencyTopic("agency-rd", dataset);
        String grant = dataset.grant("agency-rd", Map.of("fields", List.of("amount")));

        try (KafkaConsumer<String, String> rd = AgencyKafka.consumer("agency-rd")) {
            rd.assign(List.of(new TopicPartition(topic, partitionOf(topic, "K-1"))));
            List<String> first = AgencyKafka.readFirst(rd, WAIT);
            assertEquals(1, first.size(), "the back-fill of the one record");
            assertEquals("{\"id\":\"K-1\",\"amount\":1}", new ObjectMapper().readTree(first.get(0)).get("data").toString());
        }
        try (Admin admin = internalAdmin()) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            assertEquals("compact", admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource)
                    .get(TopicConfig.CLEANUP_POLICY_CONFIG).value(), "the agency topic keeps each record's last message");
        }
        KafkaConsumer<String, String> nso = AgencyKafka.consumer("agency-nso");
        nso.assign(List.of(new TopicPartition(topic, 0)));
        AgencyKafka.assertRefused(nso, WAIT);

        Api.as("ldx-admin").contentType("application/json").body(Map.of("reason", "end of the test"))
                .post("/v1/grants/" + grant + "/revoke").then().statusCode(200);
        long revoked = System.nanoTime();
        Api.reading("agency-rd").get(dataset.recordsPath()).then().statusCode(403);
        KafkaConsumer<String, String> rd = AgencyKafka.consumer("agency-rd");
        rd.assign(List.of(new TopicPartition(topic, 0)));
        AgencyKafka.assertRefused(rd, Duration.ofSeconds(5).minusNanos(System.nanoTime() - revoked));
        try (Admin admin = internalAdmin()) {
            while (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                if (System.nanoTime() - revoked > Duration.ofSeconds(5).toNanos()) {
                    throw new AssertionError("the topic of the revoked grant is still there 5 s after the revocation");
                }
                Thread.sleep(100);
            }
        }
    }

    @Test
    void aGrantThatExpiresShutsItsAgencyOutAndTakesItsTopicWithinFiveSeconds() throws Exception {
        TestDataset dataset = TestDataset.create();
        dataset.put("E-1", TestDataset.record("E-1", 1));
        String topic = agencyTopic("agency-rd", dataset);
        Instant until = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        String grant = dataset.request("agency-rd", Map.of("fields", List.of("amount"), "validUntil", until.toString()))
                .then().statusCode(201).extract().path("id");
        Api.as("ldx-admin").contentType("application/json").body(Map.of())
                .post("/v1/grants/" + grant + "/approve").then().statusCode(200);
        partitionOf(topic, "E-1");

        KafkaConsumer<String, String> rd = AgencyKafka.consumer("agency-rd");
        rd.assign(List.of(new TopicPartition(topic, 0)));
        AgencyKafka.assertRefused(rd, Duration.between(Instant.now(), until.plusSeconds(5)));
        try (Admin admin = internalAdmin()) {
            while (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                if (Instant.now().isAfter(until.plusSeconds(5))) {
                    throw new AssertionError("the topic of the expired grant is still there 5 s after it expired");
                }
                Thread.sleep(100);
            }
        }
    }

    /**
     * An agency's consumer groups are named after it and a dot: a group that merely starts with its id could be
     * another organisation's ({@code agency-rd-north}'s), and the broker refuses it.
     */
    @Test
    void anAgencyJoinsConsumerGroupsNamedAfterItAndADotOnly() throws Exception {
        TestDataset dataset = TestDataset.create();
        dataset.put("G-1", TestDataset.record("G-1", 1));
        String topic = agencyTopic("agency-rd", dataset);
        dataset.grant("agency-rd", Map.of("fields", List.of("amount")));
        try (KafkaConsumer<String, String> assigned = AgencyKafka.consumer("agency-rd")) {
            assigned.assign(List.of(new TopicPartition(topic, partitionOf(topic, "G-1"))));
            assertEquals(1, AgencyKafka.readFirst(assigned, WAIT).size(), "the ACLs of the grant are in place");
        }

        try (KafkaConsumer<String, String> own = inGroup("agency-rd." + UUID.randomUUID())) {
            own.subscribe(List.of(topic));
            assertEquals(1, AgencyKafka.readFirst(own, WAIT).size(), "a group of the agency's own");
        }
        KafkaConsumer<String, String> other = inGroup("agency-rd-north." + UUID.randomUUID());
        other.subscribe(List.of(topic));
        try {
            assertThrows(GroupAuthorizationException.class, () -> AgencyKafka.pollUntilRefused(other, WAIT));
        } finally {
            try {
                other.close();
            } catch (KafkaException e) {
                // the refusal asserted above, reported once more as the consumer leaves
            }
        }
    }

    private static KafkaConsumer<String, String> inGroup(String group) {
        Map<String, Object> config = new HashMap<>(AgencyKafka.config("agency-rd"));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    @Test
    void anAclOnAnAgencyTopicThatNoGrantExplainsIsRemovedAndOperatorsAclsAreLeftAlone() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        AclBinding stray = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "ldx.agency.agency-dopa.stray-" + suffix,
                PatternType.LITERAL), new AccessControlEntry("User:agency-dopa", "*", AclOperation.READ, AclPermissionType.ALLOW));
        AclBinding operators = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "ops.audit-" + suffix,
                PatternType.LITERAL), new AccessControlEntry("User:ops-" + suffix, "*", AclOperation.READ, AclPermissionType.ALLOW));
        try (Admin admin = internalAdmin()) {
            admin.createAcls(List.of(stray, operators)).all().get(30, TimeUnit.SECONDS);

            long deadline = System.nanoTime() + WAIT.toNanos();
            while (acls(admin).contains(stray)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the unexplained ACL is still there after " + WAIT);
                }
                Thread.sleep(200);
            }
            assertEquals(true, acls(admin).contains(operators), "an ACL outside the agency topics is not LDX's to remove");
        }
    }

    @Test
    void aTokenOfTheRealmForAnotherAudienceIsRefusedByTheBroker() {
        DemoParties.Credential outsider = Tokens.newClient(Map.of(), false);

        try (KafkaConsumer<String, String> consumer = AgencyKafka.consumer(outsider)) {
            consumer.assign(List.of(new TopicPartition("ldx.relay.checkpoints", 0)));
            assertThrows(SaslAuthenticationException.class, () -> AgencyKafka.pollUntilRefused(consumer, WAIT));
        }
    }

    @Test
    void aClientWithoutCredentialsGetsNothingFromTheAgencyListener() {
        try (Admin anonymous = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LdxStack.stack().kafka().agencyBootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4000))) {
            ExecutionException refused = assertThrows(ExecutionException.class,
                    () -> anonymous.listTopics().names().get(10, TimeUnit.SECONDS));
            assertInstanceOf(org.apache.kafka.common.errors.TimeoutException.class, refused.getCause(),
                    "a plaintext client never completes a request on the SASL listener");
        }
    }

    private static String agencyTopic(String agency, TestDataset dataset) {
        return "ldx.agency." + agency + "." + dataset.id();
    }

    /** The partition of a key, as the Kafka producer's default partitioner picks it, once the topic exists. */
    private static int partitionOf(String topic, String key) throws Exception {
        try (Admin admin = internalAdmin()) {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no topic " + topic + " after " + WAIT);
                }
                Thread.sleep(100);
            }
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic)
                    .partitions().size();
            return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
        }
    }

    private static java.util.Collection<AclBinding> acls(Admin admin) throws Exception {
        return admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS);
    }

    private static Admin internalAdmin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, LdxStack.stack().kafka().bootstrapServers()));
    }
}
