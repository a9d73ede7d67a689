package th.go.mol.ldx.e2e.support;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.nio.file.Path;

/**
 * REST Assured requests to the gateway. Every response passes through a filter that checks it against
 * api-spec/openapi.yaml, so any test that gets an undocumented status, header or body shape fails: the contract
 * is checked on every call, not in one test ({@link Contract}). Requests are not checked, since tests send bad ones
 * on purpose.
 */
public final class Api {

    public static final Path SPEC = Path.of(System.getProperty("ldx.api-spec", "../../api-spec"));

    private static final Contract CONTRACT = new Contract(SPEC.resolve("openapi.yaml"));

    private Api() {
    }

    /** A request as the given demo client (agency, department or ldx-admin). */
    public static RequestSpecification as(String clientId) {
        return anonymous().auth().oauth2(Tokens.of(clientId));
    }

    /** A read as an agency that states the purpose every test grant names. */
    public static RequestSpecification reading(String clientId) {
        return as(clientId).header("LDX-Purpose", TestDataset.PURPOSE);
    }

    public static RequestSpecification withToken(String token) {
        return anonymous().auth().oauth2(token);
    }

    /** A request without any token. */
    public static RequestSpecification anonymous() {
        return given().baseUri(LdxStack.stack().gateway().baseUrl()).filter(CONTRACT);
    }

    /** For the operations endpoints under /q, which are Quarkus's and not part of the LDX contract. */
    public static RequestSpecification operations() {
        return given().baseUri(LdxStack.stack().gateway().baseUrl());
    }
}
