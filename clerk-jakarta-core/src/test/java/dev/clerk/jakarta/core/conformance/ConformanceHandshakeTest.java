package dev.clerk.jakarta.core.conformance;

import static dev.clerk.jakarta.core.conformance.Conformance.HANDSHAKE_BASE;
import static dev.clerk.jakarta.core.conformance.Conformance.REDIRECT_COUNT_1;
import static dev.clerk.jakarta.core.conformance.Conformance.assertHandshake;
import static dev.clerk.jakarta.core.conformance.Conformance.assertSignedIn;
import static dev.clerk.jakarta.core.conformance.Conformance.assertSignedOut;
import static dev.clerk.jakarta.core.conformance.Conformance.cookies;
import static dev.clerk.jakarta.core.conformance.Conformance.params;
import static dev.clerk.jakarta.core.conformance.Conformance.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.HandshakeMode;
import dev.clerk.jakarta.core.request.AuthStatus;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.testing.FakeResponse;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Spec §6 HandshakeService (60–68), redirect URL (78), handshake results (79), redirect loop (63),
 * the directive guard, and the opt-in interstitial.
 */
class ConformanceHandshakeTest {
  // Nonces as long as Clerk's: shorter values are refused before any Backend API call.
  private static final String NONCE_1 = "hsn_2x8PqRt7VwLm4KcN9bYd1";
  private static final String NONCE_2 = "hsn_2x8PqRt7VwLm4KcN9bYd2";
  private static final String NONCE_3 = "hsn_2x8PqRt7VwLm4KcN9bYd3";
  private Conformance fx = Conformance.prod();

  @AfterEach
  void close() {
    fx.close();
  }

  private void development() {
    fx.close();
    fx = Conformance.dev();
  }

  private static ClerkRequest.Builder example(String url) {
    return ClerkRequest.builder()
        .method("GET")
        .url(URI.create(url))
        .header("sec-fetch-dest", "document");
  }

  private String handshakeToken(List<String> directives) {
    return fx.token().claim("handshake", directives).sign();
  }

  private String sessionCookie(String token) {
    return "__session=" + token + "; Path=/; SameSite=Lax";
  }

  // ---- 60 eligibility ----

  @Test
  void s60_eligibility() {
    Clerk clerk = fx.clerk();
    ClerkRequest.Builder base =
        example("https://example.com/").header("cookie", "__client_uat=12345");
    assertHandshake(clerk.authenticateRequest(base.build()), "client-uat-but-no-session-token");
    assertHandshake(
        clerk.authenticateRequest(
            example("https://example.com/")
                .setHeader("sec-fetch-dest", "iframe")
                .header("cookie", "__client_uat=1")
                .build()),
        "client-uat-but-no-session-token");
    ClerkRequest html =
        ClerkRequest.builder()
            .url(URI.create("https://example.com/"))
            .header("accept", "text/html,application/xhtml+xml")
            .header("cookie", "__client_uat=1")
            .build();
    assertHandshake(clerk.authenticateRequest(html), "client-uat-but-no-session-token");
    ClerkRequest image =
        ClerkRequest.builder()
            .url(URI.create("https://example.com/"))
            .header("sec-fetch-dest", "image")
            .header("accept", "image/png")
            .header("cookie", "__client_uat=1")
            .build();
    assertSignedOut(clerk.authenticateRequest(image), "client-uat-but-no-session-token", "");
    for (String method : List.of("POST", "PUT")) {
      assertSignedOut(
          clerk.authenticateRequest(
              example("https://example.com/")
                  .method(method)
                  .header("cookie", "__client_uat=1")
                  .build()),
          "client-uat-but-no-session-token");
    }
    ClerkRequest postHtml =
        ClerkRequest.builder()
            .method("POST")
            .url(URI.create("https://example.com/"))
            .header("accept", "text/html")
            .header("cookie", "__client_uat=1")
            .build();
    assertSignedOut(clerk.authenticateRequest(postHtml), "client-uat-but-no-session-token");
  }

  // ---- 61 redirect parameters ----

  @Test
  void s61_redirectParameters_prodSuffixed() {
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                example("https://example.com/")
                    .header("cookie", "__client_uat_MqCvchyS=12345")
                    .build());
    assertHandshake(state, "client-uat-but-no-session-token");
    assertEquals(
        HANDSHAKE_BASE
            + "?redirect_url=https%3A%2F%2Fexample.com%2F&__clerk_api_version=2026-05-12&suffixed_cookies=true"
            + "&__clerk_hs_reason=client-uat-but-no-session-token&format=nonce",
        state.location().orElseThrow());
  }

  @Test
  void s61_redirectParameters_sessionAndDevBrowserAndComplexUrl() {
    development();
    String token = fx.token().sign();
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                example("https://example.com/path?existing=param#fragment")
                    .header("cookie", cookies("__clerk_db_jwt=dvb_1", "__session=" + token))
                    .build());
    assertHandshake(state, "session-token-but-no-client-uat");
    Map<String, String> p = params(state.location().orElseThrow());
    assertEquals(
        List.of(
            "redirect_url",
            "__clerk_api_version",
            "suffixed_cookies",
            "__clerk_hs_reason",
            "format",
            "__session",
            "__clerk_db_jwt"),
        List.copyOf(p.keySet()));
    assertEquals("https://example.com/path?existing=param#fragment", p.get("redirect_url"));
    assertEquals(token, p.get("__session"));
    assertEquals("dvb_1", p.get("__clerk_db_jwt"));
  }

  @Test
  void s61_prodNeverSendsDevBrowser_andRedirectUrlDropsDevParams() {
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                example("https://example.com/p?__clerk_db_jwt=x&__dev_session=y&keep=1")
                    .header("cookie", cookies("__client_uat=1", "__clerk_db_jwt=dvb"))
                    .build());
    Map<String, String> p = params(state.location().orElseThrow());
    assertFalse(p.containsKey("__clerk_db_jwt"));
    assertEquals("https://example.com/p?keep=1", p.get("redirect_url"));
    assertEquals("false", p.get("suffixed_cookies"));
  }

  // ---- 63 loop ----

  @Test
  void s63_redirectLoop() {
    Clerk clerk = fx.clerk();
    RequestState third =
        clerk.authenticateRequest(
            example("https://example.com/")
                .header("cookie", cookies("__client_uat=1", "__clerk_redirect_count=3"))
                .build());
    assertSignedOut(third, "client-uat-but-no-session-token", "");
    assertEquals(List.of(), third.headers("Set-Cookie"));
    RequestState first =
        clerk.authenticateRequest(
            example("https://example.com/").header("cookie", "__client_uat=1").build());
    assertEquals(List.of(REDIRECT_COUNT_1), first.headers("Set-Cookie"));
    RequestState second =
        clerk.authenticateRequest(
            example("https://example.com/")
                .header("cookie", cookies("__client_uat=1", "__clerk_redirect_count=2"))
                .build());
    assertEquals(
        List.of("__clerk_redirect_count=3; SameSite=Lax; HttpOnly; Max-Age=2"),
        second.headers("Set-Cookie"));
  }

  // ---- 64 nonce ----

  @Test
  void s64_nonce_directivesFromBackendApi() {
    String session = fx.token().sign();
    List<String> directives = List.of(sessionCookie(session), "__client_uat=1666648250; Path=/");
    fx.fake.route(
        "GET",
        "/v1/clients/handshake_payload",
        req ->
            NONCE_1.equals(req.queryParam("nonce"))
                ? FakeResponse.json(200, Map.of("directives", directives))
                : FakeResponse.clerkError(404, "not_found", "no"));
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                example("https://example.com/?__clerk_handshake_nonce=" + NONCE_1).build());
    assertSignedIn(state);
    assertEquals(directives, state.headers("Set-Cookie"));
    assertEquals(List.of("null"), state.headers("Access-Control-Allow-Origin"));
    assertEquals(List.of("true"), state.headers("Access-Control-Allow-Credentials"));
    assertTrue(state.location().isEmpty());
    assertEquals(List.of(), state.headers("Cache-Control"));
  }

  @Test
  void s64_nonceFromCookie_andBackendError_noCookies() {
    fx.fake.route(
        "GET",
        "/v1/clients/handshake_payload",
        req -> FakeResponse.clerkError(400, "bad_request", "boom"));
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                example("https://example.com/")
                    .header("cookie", "__clerk_handshake_nonce=" + NONCE_2)
                    .build());
    assertSignedOut(state, "session-token-missing", "");
    assertEquals(List.of(), state.headers("Set-Cookie"));
    // Deliberate difference: no directives, so no Access-Control-Allow-* (the reference sends
    // both).
    assertEquals(List.of(), state.headers("Access-Control-Allow-Origin"));
    assertEquals(List.of(), state.headers("Access-Control-Allow-Credentials"));
  }

  @Test
  void s64b_nonceAndRefresh_withFakeClerkBuiltInBackend() {
    String session = fx.token().sign();
    fx.fake.putHandshakePayload(NONCE_3, sessionCookie(session), "__client_uat=1666648250; Path=/");
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                example("https://example.com/?__clerk_handshake_nonce=" + NONCE_3).build());
    assertSignedIn(state);
    assertEquals(
        List.of(sessionCookie(session), "__client_uat=1666648250; Path=/"),
        state.headers("Set-Cookie"));
    assertEquals(
        "Bearer " + fx.fake.secretKey(),
        fx.fake.requests("/v1/clients/handshake_payload").get(0).header("Authorization"));

    fx.fake.backendApi().registerRefreshToken("refresh_1", Conformance.SID, Conformance.SUB);
    String expired = fx.token().shiftTimes(Duration.ofMinutes(-10)).sign();
    RequestState refreshed =
        fx.clerk()
            .authenticateRequest(
                example("https://example.com/")
                    .header(
                        "cookie",
                        "__client_uat=12345; __session="
                            + expired
                            + "; __refresh_MqCvchyS=refresh_1")
                    .build());
    assertSignedIn(refreshed);
    assertTrue(
        refreshed.headers("Set-Cookie").stream().anyMatch(c -> c.startsWith("__session")),
        refreshed.headers().toString());
  }

  @Test
  void s68b_fakeClerkHandshakeToken_resolves() {
    String session = fx.token().sign();
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                example(
                        "https://example.com/?__clerk_handshake="
                            + fx.fake.handshakeToken(sessionCookie(session)))
                    .build());
    assertSignedIn(state);
  }

  // ---- 65–67 resolution ----

  @Test
  void s65_devResolve_locationCleanedAndNoStore() {
    development();
    String session = fx.token().sign();
    List<String> directives = List.of(sessionCookie(session), "__clerk_db_jwt=dvb_new; Path=/");
    String hs = handshakeToken(directives);
    // Both a token and a nonce: the nonce wins (spec §3.4), and both parameters are cleaned up.
    fx.fake.route(
        "GET",
        "/v1/clients/handshake_payload",
        req -> FakeResponse.json(200, Map.of("directives", directives)));
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                example(
                        "https://example.com/page?foo=bar&__clerk_handshake="
                            + hs
                            + "&__clerk_help=1&q=hello%20world&__clerk_db_jwt=x&__clerk_handshake_nonce="
                            + NONCE_3
                            + "#section-2")
                    .build());
    assertSignedIn(state);
    assertEquals(
        "https://example.com/page?foo=bar&q=hello%20world#section-2",
        state.location().orElseThrow());
    assertEquals(List.of("no-store"), state.headers("Cache-Control"));
    assertEquals(
        List.of(sessionCookie(session), "__clerk_db_jwt=dvb_new; Path=/"),
        state.headers("Set-Cookie"));
    assertEquals(307, state.reply().orElseThrow().status());
    RequestState only =
        fx.clerk()
            .authenticateRequest(
                example("https://example.com/page?__clerk_handshake=" + hs).build());
    assertEquals("https://example.com/page", only.location().orElseThrow());
  }

  @Test
  void s66_prodResolve_noLocationSignedIn() {
    String session = fx.token().sign();
    String hs = handshakeToken(List.of(sessionCookie(session)));
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                example("https://example.com/")
                    .header("cookie", "__clerk_handshake=" + hs)
                    .build());
    assertSignedIn(state);
    assertTrue(state.location().isEmpty());
    assertEquals(List.of(), state.headers("Cache-Control"));
    assertEquals(List.of(sessionCookie(session)), state.headers("Set-Cookie"));
    assertTrue(state.reply().isEmpty());
  }

  @Test
  void s67_devBapiError_signedOutWithCleanedLocation() {
    development();
    fx.fake.route(
        "GET",
        "/v1/clients/handshake_payload",
        req -> FakeResponse.clerkError(400, "bad_request", "boom"));
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                example("https://example.com/page?__clerk_handshake_nonce=" + NONCE_2 + "&x=1")
                    .build());
    assertSignedOut(state, "session-token-missing", "");
    assertEquals("https://example.com/page?x=1", state.location().orElseThrow());
    assertEquals(307, state.reply().orElseThrow().status());
  }

  // ---- 68 categories ----

  @Test
  void s68_handshakeTokenCategories() {
    String session = fx.token().sign();
    for (String cat : new String[] {"cl_B7d4PD111AAA", "cl_I7d4PD111III", null}) {
      String hs =
          fx.token().header("cat", cat).claim("handshake", List.of(sessionCookie(session))).sign();
      assertSignedIn(
          fx.clerk()
              .authenticateRequest(
                  example("https://example.com/?__clerk_handshake=" + hs).build()));
    }
    development();
    for (String cat : List.of("cl_B7d4PD222AAA", "cl_B7d4PD333AAA", "cl_unknown")) {
      String hs =
          fx.token()
              .header("cat", cat)
              .claim("handshake", List.of(sessionCookie(fx.token().sign())))
              .sign();
      RequestState state =
          fx.clerk()
              .authenticateRequest(example("https://example.com/?__clerk_handshake=" + hs).build());
      assertSignedOut(
          state,
          "token-invalid",
          "Clerk: Handshake token verification failed: Invalid handshake token category. Make sure that this is a"
              + " valid Clerk-generated JWT. (reason=token-invalid, token-carrier=handshake).");
    }
  }

  // ---- 78 ----

  @Test
  void s78_redirectUrlReflectsForwardedHeaders() {
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                request("http://localhost:3000/hello?foo=bar")
                    .header("x-forwarded-host", "example.com:3213")
                    .header("x-forwarded-proto", "https")
                    .header("cookie", "__client_uat=1")
                    .build());
    assertEquals(
        "https://example.com:3213/hello?foo=bar",
        params(state.location().orElseThrow()).get("redirect_url"));
  }

  // ---- 79 ----

  @Test
  void s79a_devHandshakeQuery_redirectsBackWithAllDirectives() {
    development();
    String session = fx.token().sign();
    List<String> directives =
        List.of(
            sessionCookie(session),
            "__client_uat=1666648250; Path=/",
            "__clerk_db_jwt=dvb_new; Path=/");
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                request("http://clerk.com/?__clerk_handshake=" + handshakeToken(directives))
                    .build());
    assertSignedIn(state);
    assertEquals("http://example.com/", state.location().orElseThrow());
    assertEquals(directives, state.headers("Set-Cookie"));
  }

  @Test
  void s79b_devExpiredOrEarlySessionInHandshake_oneDaySkewRetry() {
    development();
    for (Duration shift : List.of(Duration.ofMinutes(-10), Duration.ofMinutes(10))) {
      String session = fx.token().shiftTimes(shift).sign();
      RequestState state =
          fx.clerk()
              .authenticateRequest(
                  request(
                          "http://clerk.com/?__clerk_handshake="
                              + handshakeToken(List.of(sessionCookie(session))))
                      .build());
      assertSignedIn(state);
      assertEquals("http://example.com/", state.location().orElseThrow());
    }
  }

  @Test
  void s79c_devMismatchedKeys_signedOutNot500() {
    development();
    String hs =
        fx.token()
            .signWith(fx.fake.foreignKey(fx.fake.signingKey().kid()))
            .claim("handshake", List.of("__session=x"))
            .sign();
    try (Conformance.LogCapture log = new Conformance.LogCapture()) {
      RequestState state =
          fx.clerk()
              .authenticateRequest(request("http://clerk.com/?__clerk_handshake=" + hs).build());
      assertSignedOut(
          state,
          "token-invalid-signature",
          "Clerk: Handshake token verification failed due to an invalid signature. If you have switched Clerk keys"
              + " locally, clear your cookies and try again.");
      assertTrue(
          log.all().contains("Handshake token verification failed due to an invalid signature"),
          log.all());
    }
  }

  @Test
  void s79d_devDevBrowserInQuery_devBrowserSyncWithValue() {
    development();
    RequestState state =
        fx.clerk().authenticateRequest(request("http://clerk.com/?__clerk_db_jwt=asdf").build());
    assertHandshake(state, "dev-browser-sync");
    assertEquals("asdf", params(state.location().orElseThrow()).get("__clerk_db_jwt"));
  }

  @Test
  void s79e_prodEarlySessionInHandshake_continuesSignedOut() {
    String session = fx.token().shiftTimes(Duration.ofMinutes(10)).sign();
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                request()
                    .header(
                        "cookie",
                        "__clerk_handshake=" + handshakeToken(List.of(sessionCookie(session))))
                    .build());
    assertSignedOut(state, "session-token-and-uat-missing");
  }

  @Test
  void s79f_prodExpiredHandshakeAndExpiredSessionCookie_handshake() {
    String expired = fx.token().shiftTimes(Duration.ofMinutes(-10)).sign();
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                request()
                    .header(
                        "cookie",
                        cookies(
                            "__clerk_handshake=" + handshakeToken(List.of(sessionCookie(expired))),
                            "__client_uat=12345",
                            "__session=" + expired))
                    .build());
    assertHandshake(state, "session-token-expired-refresh-non-eligible-no-refresh-cookie");
  }

  @Test
  void s79g_prodMismatchedKeys_signedOut() {
    String hs =
        fx.token()
            .signWith(fx.fake.foreignKey(fx.fake.signingKey().kid()))
            .claim("handshake", List.of("__session=x"))
            .sign();
    RequestState state =
        fx.clerk()
            .authenticateRequest(request().header("cookie", "__clerk_handshake=" + hs).build());
    assertSignedOut(state, "session-token-and-uat-missing");
  }

  // ---- security ----

  @Test
  void directiveGuard_foreignCookiesDropped() {
    String session = fx.token().sign();
    String hs =
        handshakeToken(
            List.of(
                "JSESSIONID=attacker; Path=/",
                sessionCookie(session),
                "__session=x\r\nSet-Cookie: a=b"));
    RequestState state =
        fx.clerk()
            .authenticateRequest(example("https://example.com/?__clerk_handshake=" + hs).build());
    assertSignedIn(state);
    assertEquals(List.of(sessionCookie(session)), state.headers("Set-Cookie"));
  }

  @Test
  void redirectUrl_isAlwaysThePublicUrl() {
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                example("https://example.com/p?redirect_url=https%3A%2F%2Fevil.com")
                    .header("cookie", "__client_uat=1")
                    .build());
    String location = state.location().orElseThrow();
    assertTrue(
        location.startsWith(
            HANDSHAKE_BASE
                + "?redirect_url=https%3A%2F%2Fexample.com%2Fp%3Fredirect_url%3Dhttps%253A%252F%252Fevil.com&"),
        location);
  }

  @Test
  void sessionTokenMissingAfterResolution_signedOut() {
    String hs = handshakeToken(List.of("__client_uat=0; Path=/"));
    RequestState state =
        fx.clerk()
            .authenticateRequest(example("https://example.com/?__clerk_handshake=" + hs).build());
    assertSignedOut(state, "session-token-missing", "");
    assertEquals(List.of("__client_uat=0; Path=/"), state.headers("Set-Cookie"));
  }

  // ---- interstitial ----

  @Test
  void interstitial_401HtmlPageInsteadOfRedirect() {
    Clerk clerk = fx.clerk(o -> o.handshakeMode(HandshakeMode.INTERSTITIAL));
    RequestState state =
        clerk.authenticateRequest(
            example("https://example.com/").header("cookie", "__client_uat=1").build());
    assertEquals(AuthStatus.HANDSHAKE, state.status());
    assertEquals("client-uat-but-no-session-token", state.reason().value());
    assertTrue(state.location().isEmpty());
    assertEquals(List.of("no-store"), state.headers("Cache-Control"));
    assertEquals(List.of(REDIRECT_COUNT_1), state.headers("Set-Cookie"));
    RequestState.Reply reply = state.reply().orElseThrow();
    assertEquals(401, reply.status());
    assertEquals("text/html; charset=utf-8", reply.contentType());
    assertTrue(
        reply.body().contains("var publishableKey = \"" + fx.fake.publishableKey() + "\";"),
        reply.body());
    assertTrue(
        reply
            .body()
            .contains(
                "https:\\u002f\\u002f"
                    + Conformance.FAPI
                    + "\\u002fnpm\\u002f@clerk\\u002fclerk-js@5\\u002fdist\\u002fclerk.browser.js"),
        reply.body());
  }

  @Test
  void interstitial_withProxyLoadsFromProxy() {
    Clerk clerk = fx.clerk(o -> o.handshakeMode(HandshakeMode.INTERSTITIAL).proxyUrl("/__clerk"));
    RequestState state =
        clerk.authenticateRequest(
            example("https://example.com/").header("cookie", "__client_uat=1").build());
    String body = state.reply().orElseThrow().body();
    assertTrue(
        body.contains("var proxyUrl = \"https:\\u002f\\u002fexample.com\\u002f__clerk\";"), body);
    assertTrue(
        body.contains("\"https:\\u002f\\u002fexample.com\\u002f__clerk\\u002fnpm\\u002f@clerk"),
        body);
  }
}
