package dev.clerk.jakarta.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.Fault;
import dev.clerk.jakarta.testing.RecordedRequest;
import java.util.List;
import java.util.Map;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SessionsTest {
  private final FakeClerk fake = FakeClerk.start();
  private final FakeTime time = new FakeTime();
  private final BackendApi api = TestApis.api(fake, time);

  @AfterEach
  void stop() {
    fake.close();
  }

  private static RefreshSessionRequest request(String refreshToken) {
    return new RefreshSessionRequest(
        "expired.jwt.value",
        refreshToken,
        "https://app.example.com",
        Map.of(
            "Cookie",
            List.of("__session=expired.jwt.value"),
            "X-Forwarded-For",
            List.of("10.0.0.1", "10.0.0.2")));
  }

  private static JwtClaims claims(String jwt) throws Exception {
    return new JwtConsumerBuilder()
        .setSkipAllValidators()
        .setDisableRequireSignature()
        .setSkipSignatureVerification()
        .build()
        .processToClaims(jwt);
  }

  @Test
  void refreshWhenRefreshTokenKnownThenFreshSessionCookies() throws Exception {
    fake.registerRefreshToken("rt_1", "sess_1", "user_1");

    SessionCookies c = api.sessions().refresh("sess_1", request("rt_1"), false);

    assertEquals(2, c.cookies().size());
    assertTrue(c.cookies().get(0).startsWith("__session="), c.cookies().get(0));
    assertTrue(c.cookies().get(1).startsWith("__client_uat="), c.cookies().get(1));
    String jwt =
        c.cookies().get(0).substring("__session=".length(), c.cookies().get(0).indexOf(';'));
    JwtClaims claims = claims(jwt);
    assertEquals("sess_1", claims.getStringClaimValue("sid"));
    assertEquals("user_1", claims.getSubject());

    RecordedRequest r = fake.requests("/v1/sessions/sess_1/refresh").get(0);
    assertEquals("POST", r.method());
    assertEquals("suffixed_cookies=false", r.rawQuery());
    assertEquals("application/json", r.header("Content-Type"));
    Map<String, Object> body = r.jsonBody();
    assertEquals("cookie", body.get("format"));
    assertEquals("expired.jwt.value", body.get("expired_token"));
    assertEquals("rt_1", body.get("refresh_token"));
    assertEquals("https://app.example.com", body.get("request_origin"));
    assertEquals(
        Map.of(
            "Cookie",
            List.of("__session=expired.jwt.value"),
            "X-Forwarded-For",
            List.of("10.0.0.1", "10.0.0.2")),
        body.get("request_headers"));
  }

  @Test
  void refreshWhenSuffixedCookiesThenSuffixedTwinsToo() throws Exception {
    fake.registerRefreshToken("rt_1", "sess_1", "user_1");

    SessionCookies c = api.sessions().refresh("sess_1", request("rt_1"), true);

    String suffix = fake.backendApi().cookieSuffix();
    assertEquals(4, c.cookies().size());
    assertTrue(c.cookies().get(0).startsWith("__session_" + suffix + "="), c.cookies().get(0));
    assertEquals(
        "suffixed_cookies=true", fake.requests("/v1/sessions/sess_1/refresh").get(0).rawQuery());
  }

  @Test
  void refreshWhenRefreshTokenUnknownThenClerkErrorCode() {
    fake.registerRefreshToken("rt_1", "sess_other", "user_1");

    ClerkApiException e =
        assertThrows(
            ClerkApiException.class,
            () -> api.sessions().refresh("sess_1", request("rt_1"), false));

    assertEquals(400, e.statusCode());
    assertEquals("refresh_token_invalid", e.code());
  }

  @Test
  void refreshWhenServiceUnavailableThenNotRetried() {
    fake.registerRefreshToken("rt_1", "sess_1", "user_1");
    fake.enqueueFault("/v1/sessions/sess_1/refresh", Fault.status(503));

    ClerkApiException e =
        assertThrows(
            ClerkApiException.class,
            () -> api.sessions().refresh("sess_1", request("rt_1"), false));

    assertEquals(503, e.statusCode());
    assertEquals(1, fake.requestCount("/v1/sessions/sess_1/refresh"));
    assertEquals(List.of(), time.sleeps());
  }

  @Test
  void refreshRequestToStringWhenCalledThenHidesTokens() {
    String s = request("rt_secret").toString();

    assertEquals("RefreshSessionRequest{requestOrigin=https://app.example.com, 2 headers}", s);
    assertFalse(s.contains("rt_secret"));
  }

  @Test
  void getWhenSessionExistsThenMapped() throws Exception {
    Map<String, Object> s = fake.backendApi().directory().addSession("user_1");
    String sid = (String) s.get("id");

    Session session = api.sessions().get(sid);

    assertEquals(sid, session.id());
    assertEquals("user_1", session.userId());
    assertEquals(s.get("client_id"), session.clientId());
    assertEquals("active", session.status());
    assertEquals(java.time.Instant.ofEpochMilli((Long) s.get("expire_at")), session.expireAt());
    assertEquals(sid, api.sessions().getAsync(sid).get().id());
  }

  @Test
  void listWhenUserFilterThenPaginatedPage() throws Exception {
    fake.backendApi().directory().addSession("user_1");
    fake.backendApi().directory().addSession("user_1");
    fake.backendApi().directory().addSession("user_2");

    Page<Session> p =
        api.sessions()
            .list(
                ListParams.first(1).withFilter("user_id", "user_1").withFilter("status", "active"));

    assertEquals(2, p.totalCount());
    assertEquals(1, p.data().size());
    assertEquals(
        "paginated=true&limit=1&user_id=user_1&status=active",
        fake.requests("/v1/sessions").get(0).rawQuery());
    assertEquals(
        2,
        api.sessions().iterate(ListParams.first(1).withFilter("user_id", "user_1")).stream()
            .count());
  }

  @Test
  void listWhenNoUserOrClientThen422() {
    ClerkApiException e =
        assertThrows(ClerkApiException.class, () -> api.sessions().list(ListParams.defaults()));

    assertEquals(422, e.statusCode());
    assertEquals("form_param_missing", e.code());
  }

  @Test
  void revokeWhenActiveThenRevokedAndNoMoreTokens() throws Exception {
    String sid = (String) fake.backendApi().directory().addSession("user_1").get("id");

    assertEquals("revoked", api.sessions().revoke(sid).status());
    ClerkApiException e =
        assertThrows(ClerkApiException.class, () -> api.sessions().createToken(sid, null));

    assertEquals("POST", fake.requests("/v1/sessions/" + sid + "/revoke").get(0).method());
    assertEquals("session_not_active", e.code());
  }

  @Test
  void createTokenWhenNoTemplateThenSessionTokenForTheSession() throws Exception {
    String sid = (String) fake.backendApi().directory().addSession("user_1").get("id");

    SessionToken t = api.sessions().createToken(sid, null);

    JwtClaims c = claims(t.jwt());
    assertEquals(sid, c.getStringClaimValue("sid"));
    assertEquals("user_1", c.getSubject());
    RecordedRequest r = fake.requests("/v1/sessions/" + sid + "/tokens").get(0);
    assertEquals("POST", r.method());
    assertEquals("", r.body());
    assertEquals("SessionToken{jwt=[redacted]}", t.toString());
  }

  @Test
  void createTokenWhenTemplateAndLifetimeThenTemplateClaimsAndBody() throws Exception {
    String sid = (String) fake.backendApi().directory().addSession("user_1").get("id");
    fake.backendApi().directory().registerJwtTemplate("hasura", Map.of("role", "user"));

    SessionToken t = api.sessions().createToken(sid, "hasura", 120);

    JwtClaims c = claims(t.jwt());
    assertEquals("user", c.getStringClaimValue("role"));
    assertEquals(120, c.getExpirationTime().getValue() - c.getIssuedAt().getValue());
    RecordedRequest r = fake.requests("/v1/sessions/" + sid + "/tokens/hasura").get(0);
    assertEquals(Map.of("expires_in_seconds", 120L), r.jsonBody());
  }

  @Test
  void createTokenWhenLifetimeNotPositiveThenRejectedBeforeSending() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> api.sessions().createToken("sess_1", null, 0));

    assertEquals("expiresInSeconds must be positive, got 0", e.getMessage());
    assertEquals(0, fake.requests().size());
  }
}
