package dev.clerk.jakarta.core.conformance;

import static dev.clerk.jakarta.core.conformance.Conformance.assertSignedIn;
import static dev.clerk.jakarta.core.conformance.Conformance.assertSignedOut;
import static dev.clerk.jakarta.core.conformance.Conformance.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.auth.AcceptedTokens;
import dev.clerk.jakarta.core.auth.MachineAuth;
import dev.clerk.jakarta.core.auth.SessionAuth;
import dev.clerk.jakarta.core.auth.SignedOutAuth;
import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.testing.FakeResponse;
import dev.clerk.jakarta.testing.RecordedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spec §6 "Machine tokens" (44–50) and §5. */
class ConformanceMachineTokenTest {
  static final String API_KEY = "ak_LCWGdaM8mv8K4PC/57IICZQXAeWfCgF30DZaFXHoGn9=";
  static final String OAUTH = "oat_8XOIucKvqHVr5tYP123456789abcdefghij";
  static final String M2M = "mt_8XOIucKvqHVr5tYP123456789abcdefghij";

  private final Conformance fx = Conformance.prod();
  private final Map<String, Boolean> known = new LinkedHashMap<>();

  @BeforeEach
  void routes() {
    known.put(API_KEY, true);
    known.put(OAUTH, true);
    known.put(M2M, true);
    fx.fake.route(
        "POST", "/api_keys/verify", req -> verify(req, "secret", "API key not found", apiKey()));
    fx.fake.route(
        "POST",
        "/oauth_applications/access_tokens/verify",
        req -> verify(req, "access_token", "OAuth token not found", oauth()));
    fx.fake.route(
        "POST",
        "/m2m_tokens/verify",
        req -> verify(req, "token", "Machine token not found", m2m()));
  }

  @AfterEach
  void close() {
    fx.close();
  }

  private FakeResponse verify(
      RecordedRequest req, String field, String notFound, Map<String, Object> body) {
    String auth = req.header("Authorization");
    if (auth == null
        || !(auth.equals("Bearer " + fx.fake.secretKey()) || auth.equals("Bearer ak_xxxxx"))) {
      return FakeResponse.clerkError(
          401, "clerk_key_invalid", "The provided Clerk Secret Key is invalid.");
    }
    Object token = req.jsonBody().get(field);
    if (!(token instanceof String s) || !known.getOrDefault(s, false)) {
      return FakeResponse.clerkError(404, "resource_not_found", notFound);
    }
    return FakeResponse.json(200, body);
  }

  private static Map<String, Object> apiKey() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("object", "api_key");
    m.put("id", "ak_id_1");
    m.put("type", "api_key");
    m.put("name", "my key");
    m.put("subject", "user_1");
    m.put("scopes", List.of("read"));
    m.put("claims", Map.of("a", "b"));
    m.put("revoked", false);
    m.put("revocation_reason", null);
    m.put("expired", false);
    m.put("expiration", null);
    m.put("created_by", "user_1");
    m.put("description", null);
    m.put("last_used_at", null);
    m.put("created_at", 1666648250000L);
    m.put("updated_at", 1666648250000L);
    return m;
  }

  private static Map<String, Object> oauth() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("object", "clerk_idp_oauth_access_token");
    m.put("id", "oat_id_1");
    m.put("client_id", "client_1");
    m.put("type", "oauth:access_token");
    m.put("subject", "user_2");
    m.put("scopes", List.of("email", "profile"));
    m.put("revoked", false);
    m.put("revocation_reason", null);
    m.put("expired", false);
    m.put("expiration", null);
    m.put("created_at", 1666648250000L);
    m.put("updated_at", 1666648250000L);
    return m;
  }

  private static Map<String, Object> m2m() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("object", "machine_to_machine_token");
    m.put("id", "mt_id_1");
    m.put("subject", "mch_1");
    m.put("scopes", List.of("mch_2"));
    m.put("claims", null);
    m.put("revoked", false);
    m.put("revocation_reason", null);
    m.put("expired", false);
    m.put("expiration", null);
    m.put("created_at", 1666648250000L);
    m.put("updated_at", 1666648250000L);
    return m;
  }

  private Clerk clerk(String accepts) {
    return fx.clerk(o -> o.acceptsToken(accepts));
  }

  private RequestState bearer(Clerk clerk, String token) {
    return clerk.authenticateRequest(request().header("authorization", "Bearer " + token).build());
  }

  @Test
  void s44_eachTypeVerifiedOrNotFound() {
    record Case(String accepts, String token, TokenType type, String notFound) {}
    for (Case c :
        List.of(
            new Case("api_key", API_KEY, TokenType.API_KEY, "API key not found"),
            new Case("oauth_token", OAUTH, TokenType.OAUTH_TOKEN, "OAuth token not found"),
            new Case("m2m_token", M2M, TokenType.M2M_TOKEN, "Machine token not found"))) {
      known.put(c.token(), true);
      RequestState ok = bearer(clerk(c.accepts()), c.token());
      assertSignedIn(ok);
      MachineAuth auth = assertInstanceOf(MachineAuth.class, ok.auth());
      assertEquals(c.type(), auth.tokenType());
      assertEquals(c.type(), ok.tokenType());
      known.put(c.token(), false);
      RequestState missing = bearer(clerk(c.accepts()), c.token());
      assertSignedOut(missing, "token-invalid", c.notFound() + " (code=token-invalid, status=404)");
      assertEquals(c.type(), missing.tokenType());
      assertInstanceOf(SignedOutAuth.class, missing.auth());
      assertNull(missing.token());
    }
  }

  @Test
  void s44b_machineFieldsMapped() {
    MachineAuth key = assertInstanceOf(MachineAuth.class, bearer(clerk("api_key"), API_KEY).auth());
    assertEquals("ak_id_1", key.id());
    assertEquals("user_1", key.subject());
    assertEquals("user_1", key.userId());
    assertEquals(List.of("read"), key.scopes());
    MachineAuth oat =
        assertInstanceOf(MachineAuth.class, bearer(clerk("oauth_token"), OAUTH).auth());
    assertEquals("client_1", oat.clientId());
    assertEquals("user_2", oat.userId());
    MachineAuth mt = assertInstanceOf(MachineAuth.class, bearer(clerk("m2m_token"), M2M).auth());
    assertEquals("mch_1", mt.machineId());
  }

  @Test
  void s44c_wrongSecretKey_secretKeyInvalid() {
    Clerk clerk =
        Clerk.builder()
            .secretKey("sk_live_wrong")
            .publishableKey(fx.fake.publishableKey())
            .apiUrl(fx.fake.apiUrl())
            .configure(o -> o.clock(Conformance.CLOCK).acceptsToken("api_key"))
            .build();
    RequestState state = bearer(clerk, API_KEY);
    assertSignedOut(
        state,
        "secret-key-invalid",
        "The provided Clerk Secret Key is invalid. (code=secret-key-invalid, status=401)");
  }

  @Test
  void s44d_backendFailure_unexpectedError() {
    fx.fake.route(
        "POST",
        "/api_keys/verify",
        req -> FakeResponse.clerkError(500, "internal_clerk_error", "boom"));
    RequestState state = bearer(clerk("api_key"), API_KEY);
    assertSignedOut(
        state, "unexpected-error", "Unexpected error (code=unexpected-error, status=500)");
  }

  @Test
  void s45_machineSecretKeyUsedAsBearerForM2m() {
    Clerk clerk = fx.clerk(o -> o.acceptsToken("m2m_token").machineSecretKey("ak_xxxxx"));
    assertSignedIn(bearer(clerk, M2M));
    List<RecordedRequest> calls = fx.fake.requests("/m2m_tokens/verify");
    assertEquals("Bearer ak_xxxxx", calls.get(calls.size() - 1).header("Authorization"));
  }

  @Test
  void s46_m2mWithoutAnyKey_failsAtBuild() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Clerk.builder().configure(o -> o.acceptsToken("m2m_token")).build());
    assertEquals(
        "Machine token authentication requires either a Machine secret key or a Clerk secret key. Ensure a Clerk"
            + " secret key or Machine secret key is set. (CLERK_SECRET_KEY / CLERK_MACHINE_SECRET_KEY)",
        e.getMessage());
  }

  @Test
  void s47_anyAcceptsEveryType() {
    Clerk clerk = clerk("any");
    assertEquals(TokenType.API_KEY, bearer(clerk, API_KEY).tokenType());
    assertEquals(TokenType.OAUTH_TOKEN, bearer(clerk, OAUTH).tokenType());
    assertEquals(TokenType.M2M_TOKEN, bearer(clerk, M2M).tokenType());
    RequestState session = bearer(clerk, fx.token().sign());
    assertSignedIn(session);
    assertInstanceOf(SessionAuth.class, session.auth());
  }

  @Test
  void s48_singleTypeMismatches() {
    RequestState a = bearer(clerk("oauth_token"), API_KEY);
    assertSignedOut(a, "token-type-mismatch", "");
    assertEquals(TokenType.OAUTH_TOKEN, a.tokenType());
    assertEquals(TokenType.M2M_TOKEN, bearer(clerk("m2m_token"), OAUTH).tokenType());
    assertSignedOut(bearer(clerk("m2m_token"), OAUTH), "token-type-mismatch", "");
    assertSignedOut(bearer(clerk("api_key"), M2M), "token-type-mismatch", "");
    RequestState session = bearer(clerk("m2m_token"), fx.token().sign());
    assertSignedOut(session, "token-type-mismatch", "");
    assertEquals(TokenType.M2M_TOKEN, session.tokenType());
    String oauthJwt = fx.token().header("typ", "at+jwt").sign();
    assertSignedOut(bearer(fx.clerk(), oauthJwt), "token-type-mismatch", "");
    assertEquals(
        0, fx.fake.requestCount("/api_keys/verify") + fx.fake.requestCount("/m2m_tokens/verify"));
  }

  @Test
  void s48b_opaqueMachineTokenWithSessionDefault_tokenInvalid() {
    assertSignedOut(bearer(fx.clerk(), M2M), "token-invalid");
  }

  @Test
  void s49_lists() {
    assertSignedIn(
        bearer(
            fx.clerk(
                o ->
                    o.acceptsToken(
                        AcceptedTokens.anyOf(List.of(TokenType.API_KEY, TokenType.OAUTH_TOKEN)))),
            API_KEY));
    Clerk sessionOrKey =
        fx.clerk(
            o ->
                o.acceptsToken(
                    AcceptedTokens.anyOf(List.of(TokenType.SESSION_TOKEN, TokenType.API_KEY))));
    assertSignedIn(bearer(sessionOrKey, fx.token().sign()));
    RequestState cookie =
        sessionOrKey.authenticateRequest(
            request().header("cookie", "__client_uat=1; __session=" + fx.token().sign()).build());
    assertNotEquals("token-type-mismatch", String.valueOf(cookie.reason()));
    assertSignedIn(cookie);
    assertSignedIn(
        bearer(
            fx.clerk(
                o ->
                    o.acceptsToken(
                        AcceptedTokens.anyOf(
                            List.of(TokenType.SESSION_TOKEN, TokenType.M2M_TOKEN)))),
            M2M));
    Clerk keyOrOauth =
        fx.clerk(
            o ->
                o.acceptsToken(
                    AcceptedTokens.anyOf(List.of(TokenType.API_KEY, TokenType.OAUTH_TOKEN))));
    for (RequestState s :
        List.of(
            bearer(keyOrOauth, M2M),
            bearer(keyOrOauth, fx.token().sign()),
            fx.clerk(
                    o ->
                        o.acceptsToken(
                            AcceptedTokens.anyOf(List.of(TokenType.API_KEY, TokenType.M2M_TOKEN))))
                .authenticateRequest(request().build()))) {
      assertSignedOut(s, "token-type-mismatch", "");
      assertNull(s.tokenType());
    }
  }

  @Test
  void s50_machineTokenOnlyInCookie_noTokenInHeader() {
    for (String type : List.of("api_key", "oauth_token", "m2m_token")) {
      RequestState state =
          clerk(type)
              .authenticateRequest(request().header("cookie", "__session=" + API_KEY).build());
      assertSignedOut(state, "No token in header", "");
      assertEquals(TokenType.fromValue(type).orElseThrow(), state.tokenType());
    }
  }

  // ---- JWT forms (§5.2) ----

  @Test
  void m2mJwt_verifiedNetworklessOfBackendApi() {
    String jwt =
        fx.token()
            .subject("mch_1")
            .header("cat", "cl_B7d4PD333AAA")
            .claim("jti", "mt_jwt_1")
            .claim("scopes", "mch_2 mch_3")
            .authorizedParty(null)
            .sign();
    RequestState state = bearer(clerk("m2m_token"), jwt);
    assertSignedIn(state);
    MachineAuth auth = assertInstanceOf(MachineAuth.class, state.auth());
    assertEquals("mt_jwt_1", auth.id());
    assertEquals("mch_1", auth.machineId());
    assertEquals(List.of("mch_2", "mch_3"), auth.scopes());
    assertEquals(0, fx.fake.requestCount("/m2m_tokens/verify"));
  }

  @Test
  void m2mJwtWrongCategory_tokenInvalid() {
    String jwt = fx.token().subject("mch_1").header("cat", "cl_B7d4PD111AAA").sign();
    assertSignedOut(
        bearer(clerk("m2m_token"), jwt),
        "token-invalid",
        "Invalid M2M JWT category. (code=token-invalid, status=n/a)");
  }

  @Test
  void oauthJwt_verified() {
    String jwt =
        fx.token()
            .header("typ", "at+jwt")
            .subject("user_9")
            .claim("client_id", "c1")
            .claim("scope", "read write")
            .claim("jti", "j1")
            .sign();
    RequestState state = bearer(clerk("oauth_token"), jwt);
    assertSignedIn(state);
    MachineAuth auth = assertInstanceOf(MachineAuth.class, state.auth());
    assertEquals("c1", auth.clientId());
    assertEquals(List.of("read", "write"), auth.scopes());
    assertEquals("user_9", auth.userId());
  }

  @Test
  void oauthJwtExpired_tokenVerificationFailed() {
    String jwt =
        fx.token()
            .header("typ", "application/at+jwt")
            .shiftTimes(java.time.Duration.ofHours(-2))
            .sign();
    RequestState state = bearer(clerk("oauth_token"), jwt);
    assertSignedOut(state, "token-verification-failed");
    assertEquals(TokenType.OAUTH_TOKEN, state.tokenType());
  }

  @Test
  void outage_garbageFromBackendApi_unexpectedErrorLoggedOnce() {
    fx.fake.failAlways("/api_keys/verify", dev.clerk.jakarta.testing.Fault.garbage());
    Clerk clerk = clerk("api_key");
    try (Conformance.LogCapture log = new Conformance.LogCapture()) {
      for (int i = 0; i < 3; i++) {
        RequestState state = bearer(clerk, API_KEY);
        assertSignedOut(state, "unexpected-error");
        assertEquals(TokenType.API_KEY, state.tokenType());
      }
      assertEquals(1, log.messages.size(), log.all());
    }
  }
}
