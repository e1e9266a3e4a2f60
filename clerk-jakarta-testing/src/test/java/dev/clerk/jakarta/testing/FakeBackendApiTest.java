package dev.clerk.jakarta.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FakeBackendApiTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final FakeClerk fake = FakeClerk.start();

  @AfterEach
  void stop() {
    fake.close();
  }

  private HttpResponse<String> send(String method, String pathAndQuery, String bearer, String body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(fake.apiUrl() + pathAndQuery))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String code(HttpResponse<String> r) {
    @SuppressWarnings("unchecked")
    Map<String, Object> e =
        (Map<String, Object>) ((List<?>) Json.parseObject(r.body()).get("errors")).get(0);
    return (String) e.get("code");
  }

  @Test
  void everyRouteWhenBearerWrongThenClerkKeyInvalid() throws Exception {
    for (String[] route :
        new String[][] {
          {"GET", "/v1/clients/handshake_payload?nonce=n"},
          {"POST", "/v1/sessions/sess_1/refresh"},
          {"POST", "/api_keys/verify"},
          {"POST", "/m2m_tokens/verify"},
          {"POST", "/oauth_applications/access_tokens/verify"},
          {"GET", "/v1/users"},
          {"GET", "/v1/organizations"},
          {"GET", "/v1/invitations"}
        }) {
      HttpResponse<String> r =
          send(route[0], route[1], "sk_test_wrong", route[0].equals("POST") ? "{}" : null);
      assertEquals(401, r.statusCode(), route[1]);
      assertEquals("clerk_key_invalid", code(r), route[1]);
    }
  }

  @Test
  void handshakePayloadWhenNoNonceThen422() throws Exception {
    HttpResponse<String> r = send("GET", "/v1/clients/handshake_payload", fake.secretKey(), null);

    assertEquals(422, r.statusCode());
    assertEquals("form_param_missing", code(r));
  }

  @Test
  void refreshWhenFormatNotCookieThen422() throws Exception {
    fake.registerRefreshToken("rt", "sess_1", "user_1");

    HttpResponse<String> r =
        send(
            "POST",
            "/v1/sessions/sess_1/refresh",
            fake.secretKey(),
            "{\"format\":\"token\",\"expired_token\":\"e\",\"refresh_token\":\"rt\"}");

    assertEquals(422, r.statusCode());
  }

  @Test
  void refreshWhenValidThenCookiesObject() throws Exception {
    fake.registerRefreshToken("rt", "sess_1", "user_1");

    HttpResponse<String> r =
        send(
            "POST",
            "/v1/sessions/sess_1/refresh?suffixed_cookies=false",
            fake.secretKey(),
            "{\"format\":\"cookie\",\"expired_token\":\"e\",\"refresh_token\":\"rt\"}");

    assertEquals(200, r.statusCode());
    Map<String, Object> body = Json.parseObject(r.body());
    assertEquals("cookies", body.get("object"));
    assertEquals(2, ((List<?>) body.get("cookies")).size());
  }

  @Test
  void cookieSuffixWhenKnownKeyThenMatchesClerkExample() {
    try (FakeClerk prod = FakeClerk.builder().production().frontendApi("clerk.clerk.dev").start()) {
      // Spec §2.4: pk_live_Y2xlcmsuY2xlcmsuZGV2JA -> 1Z8AzTQD
      assertEquals("pk_live_Y2xlcmsuY2xlcmsuZGV2JA", prod.publishableKey());
      assertEquals("1Z8AzTQD", prod.backendApi().cookieSuffix());
    }
  }

  @Test
  void m2mVerifyWhenMachineSecretKeyThenAccepted() throws Exception {
    fake.registerM2mToken("mt_1", "mch_1", "mch_2");
    fake.backendApi().registerMachineSecretKey("ak_machine");

    HttpResponse<String> ok =
        send("POST", "/m2m_tokens/verify", "ak_machine", "{\"token\":\"mt_1\"}");
    HttpResponse<String> apiKeyWithMachineKey =
        send("POST", "/api_keys/verify", "ak_machine", "{\"secret\":\"x\"}");

    assertEquals(200, ok.statusCode());
    assertEquals("mch_1", Json.parseObject(ok.body()).get("subject"));
    assertEquals(401, apiKeyWithMachineKey.statusCode());
  }

  @Test
  void verifyWhenBodyFieldMissingThen422() throws Exception {
    HttpResponse<String> r =
        send("POST", "/api_keys/verify", fake.secretKey(), "{\"token\":\"ak_1\"}");

    assertEquals(422, r.statusCode());
    assertEquals("form_param_missing", code(r));
  }

  @Test
  void revokeWhenRegisteredThenServedRevoked() throws Exception {
    fake.registerOAuthToken("oat_1", "user_1", "client_1");

    assertTrue(fake.backendApi().revoke("oat_1", "user asked"));
    HttpResponse<String> r =
        send(
            "POST",
            "/oauth_applications/access_tokens/verify",
            fake.secretKey(),
            "{\"access_token\":\"oat_1\"}");

    assertEquals(true, Json.parseObject(r.body()).get("revoked"));
    assertEquals("user asked", Json.parseObject(r.body()).get("revocation_reason"));
  }

  @Test
  void bodyRoutesWhenBodyIsNotJsonThenMalformedRequestBody() throws Exception {
    for (String path :
        List.of(
            "/v1/sessions/sess_1/refresh",
            "/api_keys/verify",
            "/m2m_tokens/verify",
            "/oauth_applications/access_tokens/verify",
            "/v1/users",
            "/v1/organizations")) {
      HttpResponse<String> r = send("POST", path, fake.secretKey(), "{not json");

      assertEquals(400, r.statusCode(), path);
      assertEquals("malformed_request_body", code(r), path);
    }
  }

  @Test
  void putApiKeyWhenCallerChangesItsMapAfterwardsThenServedObjectUnchanged() throws Exception {
    Map<String, Object> key = fake.registerApiKey("ak_secret", "user_1", "read");
    key.put("subject", "user_2");
    fake.backendApi().putApiKey("ak_other", key);
    key.put("subject", "user_3");

    HttpResponse<String> first =
        send("POST", "/api_keys/verify", fake.secretKey(), "{\"secret\":\"ak_secret\"}");
    HttpResponse<String> other =
        send("POST", "/api_keys/verify", fake.secretKey(), "{\"secret\":\"ak_other\"}");

    assertEquals("user_1", Json.parseObject(first.body()).get("subject"));
    assertEquals("user_2", Json.parseObject(other.body()).get("subject"));
  }
}
