package th.go.mol.ldx.devstack.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** A small client of the LDX API for seeding: tokens from Keycloak, JSON PUTs and POSTs to the gateway. */
public final class LdxApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String gatewayUrl;
    private final String tokenUrl;

    public LdxApi(String gatewayUrl, String tokenUrl) {
        this.gatewayUrl = gatewayUrl;
        this.tokenUrl = tokenUrl;
    }

    /** An access token from the client-credentials grant. */
    public String token(String clientId, String secret) {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUrl))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        HttpResponse<String> response = send(request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token for " + clientId + ": HTTP " + response.statusCode() + " " + response.body());
        }
        try {
            JsonNode body = JSON.readTree(response.body());
            return body.get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void put(String path, String token, String json) {
        HttpResponse<String> response = send(request(path, token).PUT(HttpRequest.BodyPublishers.ofString(json)).build());
        requireSuccess(path, response);
    }

    /** POSTs JSON; answers the response body. */
    public JsonNode post(String path, String token, String json) {
        return post(path, token, json, Map.of());
    }

    /** POSTs JSON with extra headers; answers the response body. */
    public JsonNode post(String path, String token, String json, Map<String, String> headers) {
        HttpRequest.Builder request = request(path, token).POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(request::header);
        HttpResponse<String> response = send(request.build());
        requireSuccess(path, response);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpRequest.Builder request(String path, String token) {
        return HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
    }

    private static void requireSuccess(String path, HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(response.request().method() + " " + path + ": HTTP " + response.statusCode() + " " + response.body());
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
