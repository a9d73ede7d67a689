package th.go.mol.ldx.gateway.events;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.jboss.logging.Logger;
import th.go.mol.ldx.gateway.access.ActiveGrants;
import th.go.mol.ldx.gateway.access.GrantTerms;
import th.go.mol.ldx.gateway.credentials.Revocations;
import th.go.mol.ldx.gateway.db.Periodic;

/**
 * Keeps the broker's ACLs equal to the grants in effect and the credentials active: each active credential of an
 * agency (principal {@code User:<agency>.<name>}) may read (and describe) the topic of the agency's view of each
 * dataset it holds a grant on, and use consumer groups whose names start with the agency's id and a dot
 * ({@code agency-nso.replica-1}: the dot, which no organisation id holds, keeps {@code nso} out of the groups of
 * {@code nso-north}, as a bare prefix would not). Every gateway replica
 * aligns them every {@code ldx.events.acl-interval}, from the first moment after start: a grant approved, revoked or
 * expired, or a credential disabled or deleted, through any replica is reflected within that interval, and an ACL
 * that no grant explains is removed. The ACLs it owns are those on agency topics and the group ACLs of the
 * agencies' credentials; operators' other ACLs are left alone.
 */
@ApplicationScoped
public class AgencyAcls {

    private static final Logger LOG = Logger.getLogger(AgencyAcls.class);

    private final EventsConfig config;
    private final KafkaSettings kafka;
    private final ActiveGrants grants;
    private final Revocations credentials;
    private Periodic loop;
    private Admin admin;

    AgencyAcls(EventsConfig config, KafkaSettings kafka, ActiveGrants grants, Revocations credentials) {
        this.config = config;
        this.kafka = kafka;
        this.grants = grants;
        this.credentials = credentials;
    }

    void start(@Observes StartupEvent startup) {
        loop = Periodic.every(config.aclInterval(), "ldx-agency-acls", "aligning Kafka ACLs with the grants", LOG,
                this::align);
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        loop.stop(config.kafkaTimeout());
        if (admin != null) {
            admin.close();
        }
    }

    /** The ACLs the grants in effect at {@code now} call for. */
    Set<AclBinding> wanted(Instant now) {
        Set<AclBinding> wanted = new HashSet<>();
        for (GrantTerms grant : grants.approved()) {
            if (!grant.inEffectAt(now)) {
                continue;
            }
            ResourcePattern topic = new ResourcePattern(ResourceType.TOPIC,
                    config.agencyTopicOf(grant.agency(), grant.datasetId()), PatternType.LITERAL);
            ResourcePattern groups = new ResourcePattern(ResourceType.GROUP, grant.agency() + ".",
                    PatternType.PREFIXED);
            for (String credential : credentials.activeAgencyCredentials(grant.agency())) {
                String principal = "User:" + credential;
                wanted.add(allow(topic, principal, AclOperation.READ));
                wanted.add(allow(topic, principal, AclOperation.DESCRIBE));
                wanted.add(allow(groups, principal, AclOperation.READ));
            }
        }
        return wanted;
    }

    /**
     * Whether an ACL is one this class keeps: on an agency topic, or on an agency's groups for one of its credentials
     * (or for the agency itself, as principals were named before credentials), the groups' prefix with its dot or
     * without (as it was until 2026-12-07: such an ACL is removed, no grant explains it now).
     */
    boolean owns(AclBinding acl) {
        ResourcePattern resource = acl.pattern();
        if (resource.resourceType() == ResourceType.TOPIC) {
            return resource.name().startsWith(config.agencyTopicPrefix());
        }
        if (resource.resourceType() != ResourceType.GROUP || resource.patternType() != PatternType.PREFIXED) {
            return false;
        }
        String agency = resource.name().endsWith(".")
                ? resource.name().substring(0, resource.name().length() - 1) : resource.name();
        return acl.entry().principal().startsWith("User:" + agency + ".")
                || acl.entry().principal().equals("User:" + agency);
    }

    /** Aligns the ACLs; after a failure the admin client is made again, in case its connection is what failed. */
    private void align() {
        try {
            alignOnce();
        } catch (RuntimeException e) {
            if (admin != null) {
                admin.close();
                admin = null;
            }
            throw e;
        }
    }

    private void alignOnce() {
        Set<AclBinding> wanted = wanted(Instant.now());
        Set<AclBinding> present = new HashSet<>();
        for (AclBinding acl : await(admin().describeAcls(AclBindingFilter.ANY).values())) {
            if (owns(acl)) {
                present.add(acl);
            }
        }
        Set<AclBinding> missing = new HashSet<>(wanted);
        missing.removeAll(present);
        Set<AclBinding> unexplained = new HashSet<>(present);
        unexplained.removeAll(wanted);
        if (!unexplained.isEmpty()) {
            await(admin().deleteAcls(unexplained.stream().map(AclBinding::toFilter).toList()).all());
        }
        if (!missing.isEmpty()) {
            await(admin().createAcls(missing).all());
        }
    }

    private static AclBinding allow(ResourcePattern resource, String principal, AclOperation operation) {
        return new AclBinding(resource, new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW));
    }

    private <T> T await(KafkaFuture<T> future) {
        try {
            return KafkaCalls.await(future, config.kafkaTimeout(), "a Kafka ACL call");
        } catch (ExecutionException e) {
            throw new IllegalStateException("a Kafka ACL call failed: " + e.getCause(), e.getCause());
        }
    }

    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(kafka.with(Map.of(
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) config.kafkaTimeout().toMillis(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.kafkaTimeout().toMillis())));
        }
        return admin;
    }
}
