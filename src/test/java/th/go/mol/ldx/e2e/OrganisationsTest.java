package th.go.mol.ldx.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import th.go.mol.ldx.e2e.support.Api;
import th.go.mol.ldx.e2e.support.LdxStack;

/** Administrators register the agencies and departments LDX gives credentials to. */
@ExtendWith(LdxStack.class)
class OrganisationsTest {

    private static Map<String, Object> registration(String kind, String en, String email) {
        return Map.of("kind", kind, "name", Map.of("th", "หน่วยงานทดสอบ", "en", en),
                "contact", Map.of("name", "Data exchange desk", "email", email, "phone", "+66 2 123 4567"));
    }

    @Test
    void anAdministratorRegistersAnAgencyThenUpdatesIt() {
        String id = "e2e-agency-" + UUID.randomUUID().toString().substring(0, 8);

        JsonPath created = Api.as("ldx-admin").contentType("application/json")
                .body(registration("agency", "Test agency", "desk@test.example.go.th"))
                .put("/v1/admin/organisations/" + id).then().statusCode(201).extract().jsonPath();
        assertEquals("agency", created.getString("kind"));
        assertEquals("หน่วยงานทดสอบ", created.getString("name.th"));
        assertEquals("desk@test.example.go.th", created.getString("contact.email"));

        Api.as("ldx-admin").contentType("application/json")
                .body(registration("agency", "Test agency, renamed", "new-desk@test.example.go.th"))
                .put("/v1/admin/organisations/" + id).then().statusCode(200)
                .body("name.en", equalTo("Test agency, renamed"))
                .body("registeredAt", equalTo(created.getString("registeredAt")));
        Api.as("ldx-admin").get("/v1/admin/organisations/" + id).then().statusCode(200)
                .body("contact.email", equalTo("new-desk@test.example.go.th"));
        Api.as("ldx-admin").get("/v1/admin/organisations").then().statusCode(200).body("id", hasItem(id));
    }

    @Test
    void onlyAdministratorsRegisterAndABadRegistrationStoresNothing() {
        String id = "e2e-refused-" + UUID.randomUUID().toString().substring(0, 8);
        Api.as("agency-nso").contentType("application/json")
                .body(registration("agency", "Self-registered", "me@example.go.th"))
                .put("/v1/admin/organisations/" + id).then().statusCode(403);
        Api.as("ldx-admin").contentType("application/json")
                .body(registration("ministry", "Unknown kind", "x@example.go.th"))
                .put("/v1/admin/organisations/" + id).then().statusCode(400);
        Api.as("ldx-admin").contentType("application/json")
                .body(registration("agency", "Bad e-mail", "not-an-address"))
                .put("/v1/admin/organisations/" + id).then().statusCode(400)
                .body("errors.pointer", hasItem("email"));
        Api.as("ldx-admin").contentType("application/json")
                .body(registration("agency", "Upper-case id", "x@example.go.th"))
                .put("/v1/admin/organisations/Agency_X").then().statusCode(400);
        Api.as("ldx-admin").get("/v1/admin/organisations/" + id).then().statusCode(404)
                .body("type", equalTo("https://ldx.mol.go.th/problems/organisation-not-found"));
        Api.as("ldx-admin").get("/v1/admin/organisations").then().statusCode(200).body("id", not(hasItem(id)));
    }
}
