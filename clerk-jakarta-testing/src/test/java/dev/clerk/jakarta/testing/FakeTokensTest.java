package dev.clerk.jakarta.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class FakeTokensTest {
  private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
  private static final FakeClerk FAKE = FakeClerk.builder().clock(FakeClock.at(NOW)).start();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @AfterAll
  static void close() {
    FAKE.close();
  }

  private static Map<String, Object> claims(FakeCredential c) {
    return Json.parseObject(
        new String(
            Base64.getUrlDecoder().decode(c.token().split("\\.")[1]), StandardCharsets.UTF_8));
  }

  private static long number(Map<String, Object> claims, String name) {
    return ((Number) claims.get(name)).longValue();
  }

  @Test
  void sessionWhenUserOnlyThenV2ClaimsWithoutOrganization() {
    FakeCredential c = FAKE.tokens().session("user_1");
    Map<String, Object> claims = claims(c);
    assertEquals("user_1", claims.get("sub"));
    assertEquals(c.sessionId(), claims.get("sid"));
    assertTrue(c.sessionId().startsWith("sess_"), c.sessionId());
    assertEquals(2L, number(claims, "v"));
    assertEquals("active", claims.get("sts"));
    assertEquals(null, claims.get("o"));
    assertEquals(NOW.getEpochSecond() + 60, number(claims, "exp"));
    assertEquals(FakeCredential.SESSION_TOKEN, c.type());
  }

  @Test
  void sessionWhenOrganizationThenV2EncodingOfRoleAndPermissions() {
    Map<String, Object> claims =
        claims(
            FAKE.tokens()
                .session(
                    "user_1",
                    "org_1",
                    "org:admin",
                    "org:invoices:read",
                    "org:reports:manage",
                    "org:invoices:write",
                    "org:reports:read"));
    assertEquals(
        Map.of(
            "id",
            "org_1",
            "slg",
            "org_1",
            "rol",
            "admin",
            "per",
            "read,manage,write",
            "fpm",
            "5,3"),
        claims.get("o"));
    assertEquals("o:invoices,o:reports", claims.get("fea"));
  }

  @Test
  void sessionWhenPermissionNotOrgFeaturePermissionThenIllegalArgument() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FAKE.tokens().session("user_1", "org_1", "org:admin", "org:invoices"));
    assertEquals(
        "permission \"org:invoices\" is not of the form org:<feature>:<permission>",
        e.getMessage());
  }

  @Test
  void sessionV1WhenOrganizationThenV1Claims() {
    Map<String, Object> claims =
        claims(FAKE.tokens().sessionV1("user_1", "org_1", "org:admin", "org:invoices:read"));
    assertEquals("org_1", claims.get("org_id"));
    assertEquals("org:admin", claims.get("org_role"));
    assertEquals(List.of("org:invoices:read"), claims.get("org_permissions"));
    assertNull(claims.get("v"));
  }

  @Test
  void expiredSessionWhenMintedThenExpiredAMinuteAgo() {
    Map<String, Object> claims = claims(FAKE.tokens().expiredSession("user_1"));
    assertEquals(NOW.getEpochSecond() - 60, number(claims, "exp"));
    assertEquals(NOW.getEpochSecond() - 120, number(claims, "iat"));
  }

  @Test
  void notYetValidSessionWhenMintedThenNotBeforeAMinuteAhead() {
    Map<String, Object> claims = claims(FAKE.tokens().notYetValidSession("user_1"));
    assertEquals(NOW.getEpochSecond() + 60, number(claims, "nbf"));
    assertEquals(NOW.getEpochSecond() + 120, number(claims, "exp"));
  }

  @Test
  void cookieHeaderWhenDevelopmentSessionThenSessionClientUatAndDevBrowser() {
    FakeCredential c = FAKE.tokens().session("user_1");
    assertEquals(
        "__session="
            + c.token()
            + "; __client_uat="
            + NOW.getEpochSecond()
            + "; __clerk_db_jwt="
            + FAKE.devBrowserToken(),
        c.cookieHeader());
    assertEquals("Bearer " + c.token(), c.authorizationHeader());
  }

  @Test
  void cookieHeaderWhenProductionSessionThenNoDevBrowser() {
    try (FakeClerk production = FakeClerk.builder().production().clock(FakeClock.at(NOW)).start()) {
      FakeCredential c = production.tokens().session("user_1");
      assertNull(production.devBrowserToken());
      assertEquals(
          "__session=" + c.token() + "; __client_uat=" + NOW.getEpochSecond(), c.cookieHeader());
    }
  }

  @Test
  void cookieHeaderWhenMachineTokenThenIllegalState() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> FAKE.tokens().apiKey("user_1").cookieHeader());
    assertEquals(
        "a api_key travels in the Authorization header only, never in a cookie", e.getMessage());
  }

  @Test
  void apiKeyWhenMintedThenBackendApiVerifiesIt() throws Exception {
    FakeCredential key = FAKE.tokens().apiKey("user_1", "read");
    assertTrue(key.token().startsWith("ak_"), key.token());
    Map<String, Object> verified = verify("/api_keys/verify", "secret", key.token());
    assertEquals("user_1", verified.get("subject"));
    assertEquals(List.of("read"), verified.get("scopes"));
  }

  @Test
  void m2mTokenWhenMintedThenBackendApiVerifiesIt() throws Exception {
    FakeCredential token = FAKE.tokens().m2mToken("mch_1", "mch_2");
    assertTrue(token.token().startsWith("mt_"), token.token());
    assertEquals(FakeCredential.M2M_TOKEN, token.type());
    assertEquals("mch_1", verify("/m2m_tokens/verify", "token", token.token()).get("subject"));
  }

  @Test
  void oauthTokenWhenMintedThenBackendApiVerifiesIt() throws Exception {
    FakeCredential token = FAKE.tokens().oauthToken("user_1", "client_1", "profile");
    assertTrue(token.token().startsWith("oat_"), token.token());
    Map<String, Object> verified =
        verify("/oauth_applications/access_tokens/verify", "access_token", token.token());
    assertEquals("client_1", verified.get("client_id"));
  }

  @Test
  void toStringWhenAnyCredentialThenNoToken() {
    FakeCredential c = FAKE.tokens().session("user_1");
    assertEquals("FakeCredential[session_token, user_1, " + c.sessionId() + "]", c.toString());
  }

  private static Map<String, Object> verify(String path, String field, String token)
      throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(FAKE.apiUrl() + path))
                .header("Authorization", "Bearer " + FAKE.secretKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"" + field + "\":\"" + token + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return Json.parseObject(r.body());
  }
}
