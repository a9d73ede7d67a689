package th.go.mol.ldx.devstack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The demo's organisations and their credentials, registered and issued through the admin API as an administrator
 * would: the bootstrap administrator (the gateway's own client, the only client in the realm file) registers LDX's
 * administration and issues its credential; that credential registers the others and issues one credential each,
 * named {@value #CREDENTIAL}. Keycloak generates every secret; they are shown once, so they are kept here.
 */
public final class DemoParties {

    /** The name of each demo organisation's credential: its client id is {@code <organisation>.main}. */
    public static final String CREDENTIAL = "main";

    /** A credential's client id and secret, for the client-credentials grant. */
    public record Credential(String clientId, String secret) {
    }

    private final LdxApi api;
    private final Map<String, Credential> byOrganisation;

    private DemoParties(LdxApi api, Map<String, Credential> byOrganisation) {
        this.api = api;
        this.byOrganisation = byOrganisation;
    }

    /** Registers every demo organisation and issues its credential, with the bootstrap administrator's token. */
    public static DemoParties provision(LdxApi api, String bootstrapToken) {
        Map<String, Credential> issued = new LinkedHashMap<>();
        String token = bootstrapToken;
        for (DemoOrganisation organisation : DemoOrganisation.all()) {
            api.put("/v1/admin/organisations/" + organisation.id(), token, organisation.registrationJson());
            issued.put(organisation.id(), issue(api, token, organisation.id(), organisation.credentialJson()));
            if (organisation.id().equals(DemoOrganisation.ADMINISTRATION)) {
                Credential admin = issued.get(organisation.id());
                token = api.token(admin.clientId(), admin.secret());
            }
        }
        return new DemoParties(api, Collections.synchronizedMap(issued));
    }

    /** The demo credential of an organisation. */
    public Credential of(String organisationId) {
        Credential credential = byOrganisation.get(organisationId);
        if (credential == null) {
            throw new IllegalArgumentException("no demo credential for " + organisationId);
        }
        return credential;
    }

    /** A token of an organisation's demo credential. */
    public String token(String organisationId) {
        Credential credential = of(organisationId);
        return api.token(credential.clientId(), credential.secret());
    }

    /**
     * Registers one more agency and issues it a credential of limits tier {@code tier} (null: the default); it is
     * then one of these parties.
     */
    public Credential newAgency(String id, String tier) {
        String admin = token(DemoOrganisation.ADMINISTRATION);
        DemoOrganisation agency = new DemoOrganisation(id, "agency", "หน่วยงานทดสอบ " + id, "Test agency " + id,
                "Test desk", "test@" + id + ".example.go.th", tier);
        api.put("/v1/admin/organisations/" + id, admin, agency.registrationJson());
        Credential credential = issue(api, admin, id, agency.credentialJson());
        byOrganisation.put(id, credential);
        return credential;
    }

    /** Writes the credentials as properties (client id and secret per organisation) for people and scripts. */
    public synchronized void write(Path file) {
        String text = Map.copyOf(byOrganisation).entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + ".client-id=" + e.getValue().clientId() + "\n" + e.getKey() + ".client-secret="
                        + e.getValue().secret())
                .collect(Collectors.joining("\n", "# Demo credentials issued through the admin API; secrets are shown "
                        + "once, so they are kept here. Test values only.\n", "\n"));
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Credential issue(LdxApi api, String token, String organisationId, String json) {
        JsonNode issued = api.post("/v1/admin/organisations/" + organisationId + "/credentials", token, json);
        return new Credential(issued.get("credential").get("clientId").asText(), issued.get("clientSecret").asText());
    }
}
