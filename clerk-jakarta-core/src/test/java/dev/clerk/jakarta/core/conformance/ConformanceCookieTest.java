package dev.clerk.jakarta.core.conformance;

import static dev.clerk.jakarta.core.conformance.Conformance.HANDSHAKE_BASE;
import static dev.clerk.jakarta.core.conformance.Conformance.NOW;
import static dev.clerk.jakarta.core.conformance.Conformance.REDIRECT_COUNT_1;
import static dev.clerk.jakarta.core.conformance.Conformance.SID;
import static dev.clerk.jakarta.core.conformance.Conformance.assertHandshake;
import static dev.clerk.jakarta.core.conformance.Conformance.assertSignedIn;
import static dev.clerk.jakarta.core.conformance.Conformance.assertSignedOut;
import static dev.clerk.jakarta.core.conformance.Conformance.cookies;
import static dev.clerk.jakarta.core.conformance.Conformance.params;
import static dev.clerk.jakarta.core.conformance.Conformance.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.auth.SessionAuth;
import dev.clerk.jakarta.core.auth.SignedOutAuth;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.testing.FakeResponse;
import dev.clerk.jakarta.testing.Fault;
import dev.clerk.jakarta.testing.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Spec §6 "Basic cookie states" (25–38), "Refresh" (39–42), POST documents (57–59), org sync (80).
 */
class ConformanceCookieTest {
  private Conformance fx = Conformance.dev();

  @AfterEach
  void close() {
    fx.close();
  }

  private void production() {
    fx.close();
    fx = Conformance.prod();
  }

  private RequestState run(String cookieHeader) {
    return fx.clerk().authenticateRequest(request().header("cookie", cookieHeader).build());
  }

  private static String location(RequestState state) {
    return state.location().orElseThrow();
  }

  @Test
  void s25_prodNoCookies_sessionTokenAndUatMissing() {
    production();
    RequestState state = fx.clerk().authenticateRequest(request().build());
    assertSignedOut(state, "session-token-and-uat-missing", "");
    assertEquals(List.of(), state.headers("Set-Cookie"));
  }

  @Test
  void s26_devOnlySession_devBrowserMissing() {
    String token = fx.token().sign();
    RequestState state = run("__session=" + token);
    assertHandshake(state, "dev-browser-missing");
    assertEquals(
        HANDSHAKE_BASE
            + "?redirect_url=http%3A%2F%2Fexample.com%2Fpath&__clerk_api_version=2026-05-12&suffixed_cookies=false"
            + "&__clerk_hs_reason=dev-browser-missing&format=nonce&__session="
            + token,
        location(state));
    assertEquals(List.of(REDIRECT_COUNT_1), state.headers("Set-Cookie"));
    assertEquals(
        List.of(
            "Location",
            "Cache-Control",
            "Set-Cookie",
            "x-clerk-auth-status",
            "x-clerk-auth-reason"),
        state.headers().stream().map(h -> h.name()).toList());
  }

  @Test
  void s27_devSessionWithoutUat_sessionTokenButNoClientUat() {
    String token = fx.token().sign();
    RequestState state = run(cookies("__clerk_db_jwt=deadbeef", "__session=" + token));
    assertHandshake(state, "session-token-but-no-client-uat");
    assertEquals("deadbeef", params(location(state)).get("__clerk_db_jwt"));
  }

  @Test
  void s28_devNoCookies_devBrowserMissing() {
    RequestState state = fx.clerk().authenticateRequest(request().build());
    assertHandshake(state, "dev-browser-missing");
    assertEquals(
        HANDSHAKE_BASE
            + "?redirect_url=http%3A%2F%2Fexample.com%2Fpath&__clerk_api_version=2026-05-12&suffixed_cookies=false"
            + "&__clerk_hs_reason=dev-browser-missing&format=nonce",
        location(state));
  }

  @Test
  void s30_prodUatWithoutSession_clientUatButNoSessionToken() {
    production();
    RequestState state = run("__client_uat=12345");
    assertHandshake(state, "client-uat-but-no-session-token");
    assertFalse(params(location(state)).containsKey("__clerk_db_jwt"));
  }

  @Test
  void s31_prodUatZero_sessionTokenAndUatMissing() {
    production();
    assertSignedOut(run("__client_uat=0"), "session-token-and-uat-missing", "");
  }

  @Test
  void s32_devIatBeforeUat_sessionTokenIatBeforeClientUat() {
    String token = fx.token().sign();
    RequestState state =
        run(
            cookies(
                "__clerk_db_jwt=deadbeef",
                "__client_uat=" + (NOW.getEpochSecond() + 10),
                "__session=" + token));
    assertHandshake(state, "session-token-iat-before-client-uat");
  }

  @Test
  void s33_devTokenWithoutSub_tokenVerificationFailed() {
    String token = fx.token().subject(null).sign();
    RequestState state =
        run(
            cookies(
                "__clerk_db_jwt=deadbeef",
                "__client_uat=" + (NOW.getEpochSecond() - 10),
                "__session=" + token));
    assertSignedOut(
        state,
        "token-verification-failed",
        "Subject claim (sub) is required and must be a string. Received undefined. Make sure that this is a valid"
            + " Clerk-generated JWT. (reason=token-verification-failed, token-carrier=cookie)");
  }

  @Test
  void s34_devValidCookies_signedIn() {
    String token = fx.token().sign();
    RequestState state =
        run(
            cookies(
                "__clerk_db_jwt=deadbeef",
                "__client_uat=" + (NOW.getEpochSecond() - 10),
                "__session=" + token));
    assertSignedIn(state);
    assertEquals(List.of(), state.headers());
    assertEquals(token, assertInstanceOf(SessionAuth.class, state.auth()).token());
  }

  @Test
  void s35_m2mJwtInSessionCookie_tokenTypeMismatch() {
    String token = fx.token().subject("mch_2vYVtestTESTtestTESTtestTESTtest").sign();
    RequestState state =
        run(
            cookies(
                "__clerk_db_jwt=deadbeef",
                "__client_uat=" + (NOW.getEpochSecond() - 10),
                "__session=" + token));
    assertSignedOut(state, "token-type-mismatch", "");
  }

  @Test
  void s36b_jwtTemplateInCookie_tokenTypeMismatch() {
    String token = fx.token().header("cat", "cl_B7d4PD222AAA").sessionId(null).sign();
    RequestState state =
        run(
            cookies(
                "__clerk_db_jwt=deadbeef",
                "__client_uat=" + (NOW.getEpochSecond() - 10),
                "__session=" + token));
    assertSignedOut(state, "token-type-mismatch", "");
  }

  @Test
  void s37_devExpiredCookie_handshakeWithExpiredMessage() {
    String token = fx.token().sign();
    Clerk clerk = fx.clerkAt(Duration.ofHours(1), o -> {});
    RequestState state =
        clerk.authenticateRequest(
            request()
                .header(
                    "cookie",
                    cookies(
                        "__clerk_db_jwt=deadbeef",
                        "__client_uat=" + (NOW.getEpochSecond() - 10),
                        "__session=" + token))
                .build());
    assertHandshake(state, "session-token-expired-refresh-non-eligible-no-refresh-cookie");
    assertTrue(state.message().startsWith("JWT is expired"), state.message());
    assertTrue(
        state.message().endsWith("(reason=token-expired, token-carrier=cookie)"), state.message());
  }

  @Test
  void s38_prodCloudFrontUserAgent_signedIn() {
    production();
    String token = fx.token().sign();
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                request()
                    .header("user-agent", "Amazon CloudFront")
                    .header("cookie", cookies("__client_uat=12345", "__session=" + token))
                    .build());
    assertSignedIn(state);
  }

  @Test
  void s13b_undecodableSessionCookie_tokenInvalid() {
    production();
    RequestState state = run(cookies("__client_uat=12345", "__session=not-a-jwt"));
    assertSignedOut(
        state,
        "token-invalid",
        "Invalid JWT form. A JWT consists of three parts separated by dots. (reason=token-invalid,"
            + " token-carrier=cookie)");
  }

  // ---- refresh (§3.7) ----

  private String expiredToken() {
    return fx.token().shiftTimes(Duration.ofMinutes(-10)).sign();
  }

  private void refreshAnswers(FakeResponse response) {
    fx.fake.route("POST", "/v1/sessions/[^/]+/refresh", req -> response);
  }

  private String refreshedCookie() {
    return "__session_" + fx.suffix() + "=" + fx.token().sign() + "; Path=/; Secure; SameSite=Lax";
  }

  @Test
  void s39_refreshCookie_signedInWithSetCookie() {
    production();
    String refreshed = refreshedCookie();
    refreshAnswers(
        FakeResponse.json(200, Map.of("object", "cookies", "cookies", List.of(refreshed))));
    String expired = expiredToken();
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                request()
                    .header("origin", "https://example.com")
                    .header(
                        "cookie",
                        cookies(
                            "__client_uat=12345",
                            "__session=" + expired,
                            "__refresh_MqCvchyS=can_be_anything"))
                    .build());
    assertSignedIn(state);
    assertEquals(List.of(refreshed), state.headers("Set-Cookie"));
    List<RecordedRequest> calls = fx.fake.requests("/v1/sessions/" + SID + "/refresh");
    assertEquals(1, calls.size());
    RecordedRequest call = calls.get(0);
    assertEquals("false", call.queryParam("suffixed_cookies"));
    Map<String, Object> body = call.jsonBody();
    assertEquals("cookie", body.get("format"));
    assertEquals(expired, body.get("expired_token"));
    assertEquals("can_be_anything", body.get("refresh_token"));
    assertEquals("http://example.com", body.get("request_origin"));
  }

  @Test
  void s40_noRefreshCookie_refreshNotCalled() {
    production();
    refreshAnswers(
        FakeResponse.json(200, Map.of("object", "cookies", "cookies", List.of(refreshedCookie()))));
    RequestState state = run(cookies("__client_uat=12345", "__session=" + expiredToken()));
    assertHandshake(state, "session-token-expired-refresh-non-eligible-no-refresh-cookie");
    assertEquals(0, fx.fake.requestCount("/v1/sessions/" + SID + "/refresh"));
  }

  @Test
  void s41_refreshCookieButValidToken_refreshNotCalled() {
    production();
    refreshAnswers(
        FakeResponse.json(200, Map.of("object", "cookies", "cookies", List.of(refreshedCookie()))));
    RequestState state = run(cookies("__session=" + fx.token().sign(), "__refresh_MqCvchyS=r"));
    assertHandshake(state, "session-token-but-no-client-uat");
    assertEquals(0, fx.fake.requestCount("/v1/sessions/" + SID + "/refresh"));
  }

  @Test
  void s42_suffixedAndUnsuffixedRefresh_suffixedUsed() {
    production();
    String refreshed = refreshedCookie();
    refreshAnswers(
        FakeResponse.json(200, Map.of("object", "cookies", "cookies", List.of(refreshed))));
    RequestState state =
        run(
            cookies(
                "__client_uat=12345",
                "__session=" + expiredToken(),
                "__refresh=plain",
                "__refresh_MqCvchyS=suffixed"));
    assertSignedIn(state);
    assertEquals(
        "suffixed",
        fx.fake
            .requests("/v1/sessions/" + SID + "/refresh")
            .get(0)
            .jsonBody()
            .get("refresh_token"));
  }

  @Test
  void s42b_refreshNonGet_nonEligibleNonGet() {
    production();
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                request()
                    .method("POST")
                    .header(
                        "cookie",
                        cookies(
                            "__client_uat=12345",
                            "__session=" + expiredToken(),
                            "__refresh_MqCvchyS=r"))
                    .build());
    assertSignedOut(state, "session-token-expired-refresh-non-eligible-non-get");
  }

  @Test
  void s42c_refreshBapiErrorCode_reasonCarriesCode() {
    production();
    refreshAnswers(
        FakeResponse.clerkError(400, "refresh_token_invalid", "The refresh token is invalid."));
    RequestState state =
        run(cookies("__client_uat=12345", "__session=" + expiredToken(), "__refresh_MqCvchyS=r"));
    assertHandshake(state, "session-token-expired-refresh-refresh_token_invalid");
  }

  @Test
  void s42d_refreshBapiUnexpectedError_fetchError() {
    production();
    refreshAnswers(FakeResponse.clerkError(500, "unexpected_error", "Unexpected error"));
    RequestState state =
        run(cookies("__client_uat=12345", "__session=" + expiredToken(), "__refresh_MqCvchyS=r"));
    assertHandshake(state, "session-token-expired-refresh-fetch-error");
  }

  @Test
  void s42e_refreshTransportFailure_unexpectedBapiError() {
    production();
    fx.fake.failAlways("/v1/sessions/" + SID + "/refresh", Fault.disconnect());
    RequestState state =
        run(cookies("__client_uat=12345", "__session=" + expiredToken(), "__refresh_MqCvchyS=r"));
    assertHandshake(state, "session-token-expired-refresh-unexpected-bapi-error");
  }

  @Test
  void s42f_refreshedTokenInvalid_invalidSessionToken() {
    production();
    String bad =
        "__session_MqCvchyS="
            + fx.token().signWith(fx.fake.foreignKey("ins_other")).sign()
            + "; Path=/";
    refreshAnswers(FakeResponse.json(200, Map.of("object", "cookies", "cookies", List.of(bad))));
    RequestState state =
        run(cookies("__client_uat=12345", "__session=" + expiredToken(), "__refresh_MqCvchyS=r"));
    assertHandshake(state, "session-token-expired-refresh-invalid-session-token");
  }

  @Test
  void s42g_expiredTokenWithoutSid_missingSidClaim() {
    production();
    String expired = fx.token().sessionId(null).shiftTimes(Duration.ofMinutes(-10)).sign();
    RequestState state =
        run(cookies("__client_uat=12345", "__session=" + expired, "__refresh_MqCvchyS=r"));
    assertHandshake(state, "session-token-expired-refresh-expired-session-token-missing-sid-claim");
  }

  @Test
  void s42h_expiredHeaderTokenWithRefreshCookieButNoSessionCookie_missingSessionToken() {
    production();
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                request()
                    .header("authorization", "Bearer " + expiredToken())
                    .header("cookie", "__refresh_MqCvchyS=r")
                    .build());
    assertHandshake(state, "session-token-expired-refresh-missing-session-token");
  }

  @Test
  void s42i_refreshDropsForeignCookies() {
    production();
    String refreshed = refreshedCookie();
    refreshAnswers(
        FakeResponse.json(
            200, Map.of("object", "cookies", "cookies", List.of("evil=1; Path=/", refreshed))));
    RequestState state =
        run(cookies("__client_uat=12345", "__session=" + expiredToken(), "__refresh_MqCvchyS=r"));
    assertSignedIn(state);
    assertEquals(List.of(refreshed), state.headers("Set-Cookie"));
  }

  // ---- POST + sec-fetch-dest: document ----

  @Test
  void s57_postDocumentUatNoSession_signedOut() {
    production();
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                request().method("POST").header("cookie", "__client_uat=12345").build());
    assertSignedOut(state, "client-uat-but-no-session-token", "");
    assertEquals(List.of(), state.headers("Set-Cookie"));
  }

  @Test
  void s58_postDocumentSatelliteUatZero_sessionTokenAndUatMissing() {
    production();
    RequestState state =
        fx.clerk(o -> o.satellite(true).domain("satellite.dev"))
            .authenticateRequest(
                request().method("POST").header("cookie", "__client_uat=0").build());
    assertSignedOut(state, "session-token-and-uat-missing", "");
  }

  @Test
  void s59_postDocumentIatBeforeUat_signedOut() {
    String token = fx.token().sign();
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                request()
                    .method("POST")
                    .header(
                        "cookie",
                        cookies(
                            "__clerk_db_jwt=deadbeef",
                            "__client_uat=" + (NOW.getEpochSecond() + 10),
                            "__session=" + token))
                    .build());
    assertSignedOut(state, "session-token-iat-before-client-uat", "");
  }

  // ---- organization sync (§3.8, [INT] 80) ----

  private Clerk orgClerk() {
    return fx.clerk(
        o ->
            o.organizationPatterns(
                    List.of(
                        "/organizations-by-id/:id",
                        "/organizations-by-id/:id/(.*)",
                        "/organizations-by-slug/:slug",
                        "/organizations-by-slug/:slug/(.*)"))
                .personalAccountPatterns(List.of("/personal-account", "/personal-account/(.*)")));
  }

  private RequestState orgRequest(Clerk clerk, String path, String token, String... extraCookies) {
    String cookie = cookies("__client_uat=12345", "__session=" + token);
    if (extraCookies.length > 0) {
      cookie = cookie + "; " + String.join("; ", extraCookies);
    }
    return clerk.authenticateRequest(
        request("http://clerk.com" + path).header("cookie", cookie).build());
  }

  @Test
  void s80a_orgMismatchById_handshakeWithOrganizationId() {
    production();
    String token = fx.token().organizationV1("org_a", "slug-a", "org:admin").sign();
    RequestState state = orgRequest(orgClerk(), "/organizations-by-id/org_b/page", token);
    assertHandshake(state, "active-organization-mismatch");
    assertEquals("org_b", params(location(state)).get("organization_id"));
    assertEquals(List.of(REDIRECT_COUNT_1), state.headers("Set-Cookie"));
    assertEquals("", state.message());
  }

  @Test
  void s80b_orgMismatchBySlug_handshakeWithSlug() {
    production();
    String token = fx.token().organizationV1("org_a", "slug-a", "org:admin").sign();
    RequestState state = orgRequest(orgClerk(), "/organizations-by-slug/slug-b", token);
    assertHandshake(state, "active-organization-mismatch");
    assertEquals("slug-b", params(location(state)).get("organization_id"));
  }

  @Test
  void s80c_personalAccountWhileOrgActive_handshakeWithEmptyOrganizationId() {
    production();
    String token = fx.token().organizationV1("org_a", "slug-a", "org:admin").sign();
    RequestState state = orgRequest(orgClerk(), "/personal-account", token);
    assertHandshake(state, "active-organization-mismatch");
    assertTrue(location(state).endsWith("&organization_id="), location(state));
  }

  @Test
  void s80d_matchingOrgOrNothingToActivate_signedIn() {
    production();
    String token = fx.token().organizationV1("org_a", "slug-a", "org:admin").sign();
    assertSignedIn(orgRequest(orgClerk(), "/organizations-by-id/org_a", token));
    assertSignedIn(orgRequest(orgClerk(), "/organizations-by-slug/slug-a/x", token));
    assertSignedIn(orgRequest(orgClerk(), "/elsewhere", token));
    assertSignedIn(orgRequest(orgClerk(), "/personal-account", fx.token().sign()));
  }

  @Test
  void s80e_headerAuth_neverOrgHandshake() {
    production();
    String token = fx.token().organizationV1("org_a", "slug-a", "org:admin").sign();
    RequestState state =
        orgClerk()
            .authenticateRequest(
                request("http://clerk.com/organizations-by-id/org_b")
                    .header("authorization", "Bearer " + token)
                    .build());
    assertSignedIn(state);
  }

  @Test
  void s80f_redirectCountThree_signedInWithoutSetCookie() {
    production();
    String token = fx.token().organizationV1("org_a", "slug-a", "org:admin").sign();
    RequestState state =
        orgRequest(orgClerk(), "/organizations-by-id/org_b", token, "__clerk_redirect_count=3");
    assertSignedIn(state);
    assertEquals(List.of(), state.headers("Set-Cookie"));
  }

  @Test
  void s80g_invalidPattern_failsAtBuild() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> fx.clerk(o -> o.organizationPatterns(List.of("/orgs/(.*"))));
    assertEquals("Invalid pattern \"/orgs/(.*\": Unbalanced pattern at 6", e.getMessage());
  }

  @Test
  void s80h_otherHandshakesCarryOrganizationIdToo() {
    production();
    RequestState state =
        orgClerk()
            .authenticateRequest(
                request("http://clerk.com/organizations-by-id/org_x")
                    .header("cookie", "__client_uat=12345")
                    .build());
    assertHandshake(state, "client-uat-but-no-session-token");
    assertEquals("org_x", params(location(state)).get("organization_id"));
  }

  @Test
  void pendingSession_signedInStatusButSignedOutAuth() {
    production();
    String token = fx.token().claim("sts", "pending").sign();
    RequestState state = run(cookies("__client_uat=12345", "__session=" + token));
    assertEquals(dev.clerk.jakarta.core.request.AuthStatus.SIGNED_IN, state.status());
    assertFalse(state.isSignedIn());
    SignedOutAuth auth = assertInstanceOf(SignedOutAuth.class, state.auth());
    assertEquals("pending", auth.sessionStatus());
  }

  @Test
  void c17_cookieWithoutAzp_signedInAndWarnsOnce() {
    production();
    Clerk clerk = fx.clerk();
    try (Conformance.LogCapture log = new Conformance.LogCapture()) {
      for (int i = 0; i < 2; i++) {
        String token = fx.token().authorizedParty(null).sign();
        assertSignedIn(
            clerk.authenticateRequest(
                request()
                    .header("cookie", cookies("__client_uat=12345", "__session=" + token))
                    .build()));
      }
      assertSignedIn(
          clerk.authenticateRequest(
              request()
                  .header("authorization", "Bearer " + fx.token().authorizedParty(null).sign())
                  .build()));
      assertEquals(
          1,
          log.messages.stream().filter(m -> m.contains("missing the azp claim")).count(),
          log.all());
    }
  }

  @Test
  void c17_headerWithoutAzp_noWarning() {
    production();
    try (Conformance.LogCapture log = new Conformance.LogCapture()) {
      assertSignedIn(
          fx.clerk()
              .authenticateRequest(
                  request()
                      .header("authorization", "Bearer " + fx.token().authorizedParty(null).sign())
                      .build()));
      assertFalse(log.all().contains("missing the azp claim"));
    }
  }
}
