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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.ClerkOptions;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Spec §6 "Satellite / multi-domain" (9–24, 29), "Cross-origin sync" (51–56), proxy and domain (70,
 * 75), [INT] satellite (77); spec §3.6 and C18.
 */
class ConformanceSatelliteTest {
  private Conformance fx = Conformance.dev();

  @AfterEach
  void close() {
    fx.close();
  }

  private void production() {
    fx.close();
    fx = Conformance.prod();
  }

  private static Consumer<ClerkOptions.Builder> devSatellite() {
    return o -> o.satellite(true).signInUrl("https://primary.dev/sign-in").domain("satellite.dev");
  }

  private static Consumer<ClerkOptions.Builder> prodSatellite() {
    return o -> o.satellite(true).domain("satellite.dev");
  }

  private static String location(RequestState state) {
    return state.location().orElseThrow();
  }

  @Test
  void s09_devSatelliteAutoSync_satelliteNeedsSyncing() {
    RequestState state =
        fx.clerk(devSatellite().andThen(o -> o.satelliteAutoSync(true)))
            .authenticateRequest(request().header("cookie", "__client_uat=0").build());
    assertHandshake(state, "satellite-needs-syncing");
    assertEquals("", state.message());
  }

  @Test
  void s10_devSatellite_redirectsToPrimarySignIn() {
    RequestState state =
        fx.clerk(devSatellite().andThen(o -> o.satelliteAutoSync(true)))
            .authenticateRequest(
                request()
                    .header("cookie", cookies("__client_uat=0", "__clerk_db_jwt=deadbeef"))
                    .build());
    assertHandshake(state, "satellite-needs-syncing");
    assertEquals(
        "https://primary.dev/sign-in?__clerk_redirect_url=http%3A%2F%2Fexample.com%2Fpath",
        location(state));
    assertEquals(List.of(REDIRECT_COUNT_1), state.headers("Set-Cookie"));
  }

  @Test
  void s11_prodSatelliteNotDocument_signedOut() {
    production();
    RequestState state =
        fx.clerk(prodSatellite())
            .authenticateRequest(
                request()
                    .setHeader("sec-fetch-dest", "empty")
                    .header("cookie", "__client_uat=0")
                    .build());
    assertSignedOut(state, "session-token-and-uat-missing", "");
  }

  @Test
  void s12_devSatelliteSyncedWithDevBrowserInQuery_devBrowserSync() {
    RequestState state =
        fx.clerk(devSatellite())
            .authenticateRequest(
                request("http://satellite.example/path?__clerk_synced=true&__clerk_db_jwt=dvb_123")
                    .build());
    assertHandshake(state, "dev-browser-sync");
    assertEquals("dvb_123", params(location(state)).get("__clerk_db_jwt"));
    assertEquals(
        "http://example.com/path?__clerk_synced=true", params(location(state)).get("redirect_url"));
  }

  @Test
  void s13_devSatelliteSyncedWithDevBrowserCookie_signedOut() {
    RequestState state =
        fx.clerk(devSatellite())
            .authenticateRequest(
                request("http://satellite.example/path?__clerk_synced=true")
                    .header("cookie", "__clerk_db_jwt=deadbeef")
                    .build());
    assertSignedOut(state, "session-token-and-uat-missing", "");
  }

  @Test
  void s14_prodSatelliteAutoSyncFalse_signedOutNoLocation() {
    production();
    RequestState state =
        fx.clerk(prodSatellite().andThen(o -> o.satelliteAutoSync(false)))
            .authenticateRequest(request().header("cookie", "__client_uat=0").build());
    assertSignedOut(state, "session-token-and-uat-missing", "");
    assertTrue(state.location().isEmpty());
  }

  @Test
  void s15_prodSatelliteSyncedFalse_handshakeToSatelliteFapi() {
    production();
    RequestState state =
        fx.clerk(prodSatellite().andThen(o -> o.satelliteAutoSync(false)))
            .authenticateRequest(
                request("http://clerk.com/path?__clerk_synced=false")
                    .header("cookie", "__client_uat=0")
                    .build());
    assertHandshake(state, "satellite-needs-syncing");
    assertEquals(
        "https://clerk.satellite.dev/v1/client/handshake?redirect_url=http%3A%2F%2Fexample.com%2Fpath%3F__clerk_synced%3Dfalse"
            + "&__clerk_api_version=2026-05-12&suffixed_cookies=false&__clerk_hs_reason=satellite-needs-syncing&format=nonce",
        location(state));
  }

  @Test
  void s16_prodSatelliteSyncedTrue_signedOut() {
    production();
    RequestState state =
        fx.clerk(prodSatellite())
            .authenticateRequest(
                request("http://clerk.com/path?__clerk_synced=true")
                    .header("cookie", "__client_uat=0")
                    .build());
    assertSignedOut(state, "session-token-and-uat-missing", "");
  }

  @Test
  void s17_prodSatelliteAutoSyncUnset_signedOutNoLocation() {
    production();
    RequestState state =
        fx.clerk(prodSatellite())
            .authenticateRequest(request().header("cookie", "__client_uat=0").build());
    assertSignedOut(state, "session-token-and-uat-missing", "");
    assertTrue(state.location().isEmpty());
  }

  @Test
  void s18_devSatelliteAutoSyncUnset_signedOutNoLocation() {
    RequestState state =
        fx.clerk(devSatellite())
            .authenticateRequest(
                request()
                    .header("cookie", cookies("__client_uat=0", "__clerk_db_jwt=deadbeef"))
                    .build());
    assertSignedOut(state, "session-token-and-uat-missing", "");
    assertTrue(state.location().isEmpty());
  }

  @Test
  void s19_prodSatelliteSyncedFalseAutoSyncUnset_handshake() {
    production();
    RequestState state =
        fx.clerk(prodSatellite())
            .authenticateRequest(request("http://clerk.com/path?__clerk_synced=false").build());
    assertHandshake(state, "satellite-needs-syncing");
  }

  @Test
  void s20_satelliteRedirectLoop_signedOutAndLogged() {
    production();
    try (Conformance.LogCapture log = new Conformance.LogCapture()) {
      RequestState state =
          fx.clerk(prodSatellite())
              .authenticateRequest(
                  request("http://clerk.com/path?__clerk_synced=false")
                      .header("cookie", "__clerk_redirect_count=3")
                      .build());
      assertSignedOut(state, "satellite-needs-syncing", "");
      assertTrue(state.location().isEmpty());
      assertEquals(List.of(), state.headers("Set-Cookie"));
      String logged = log.all();
      assertTrue(logged.contains("Satellite-domain authentication"), logged);
      assertTrue(logged.contains("configured primary or satellite domain"), logged);
      assertTrue(logged.contains("preview deployments"), logged);
    }
  }

  @Test
  void s21_devSatelliteSyncedFalse_redirectUrlKeepsQuery() {
    RequestState state =
        fx.clerk(devSatellite())
            .authenticateRequest(
                request("http://satellite.dev/path?__clerk_synced=false")
                    .header("cookie", "__clerk_db_jwt=deadbeef")
                    .build());
    assertHandshake(state, "satellite-needs-syncing");
    assertEquals(
        "https://primary.dev/sign-in?__clerk_redirect_url=http%3A%2F%2Fexample.com%2Fpath%3F__clerk_synced%3Dfalse",
        location(state));
  }

  // 22–24: the satellite's origin must be configured (deliberate difference 8 of
  // docs/conformance.md).

  @Test
  void s22_devPrimaryWithRedirectUrl_primaryRespondsToSyncing() {
    String token = fx.token().sign();
    RequestState state =
        fx.clerk(o -> o.allowedRedirectOrigins(List.of("http://localhost:3000")))
            .authenticateRequest(
                request("http://clerk.com/path?__clerk_redirect_url=http%3A%2F%2Flocalhost%3A3000")
                    .header("cookie", cookies("__client_uat=12345", "__session=" + token))
                    .build());
    assertHandshake(state, "primary-responds-to-syncing");
    assertEquals("http://localhost:3000/?__clerk_synced=true", location(state));
  }

  @Test
  void s22b_devPrimaryWithRedirectUrlOnUnconfiguredOrigin_parameterIgnored() {
    String token = fx.token().sign();
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                request("http://clerk.com/path?__clerk_redirect_url=http%3A%2F%2Flocalhost%3A3000")
                    .header(
                        "cookie",
                        cookies(
                            "__clerk_db_jwt=dvb_abc", "__client_uat=12345", "__session=" + token))
                    .build());
    assertSignedIn(state);
    assertTrue(state.location().isEmpty());
  }

  @Test
  void s23_devPrimaryWithRedirectUrlAndDevBrowser_appendsDevBrowserAndSynced() {
    RequestState state =
        fx.clerk(o -> o.allowedRedirectOrigins(List.of("http://localhost:3001")))
            .authenticateRequest(
                request(
                        "http://localhost:3000/sign-in?__clerk_redirect_url=http%3A%2F%2Flocalhost%3A3001%2Fdashboard&__clerk_db_jwt=dvb_abc")
                    .header("host", "localhost:3000")
                    .build());
    assertHandshake(state, "primary-responds-to-syncing");
    assertEquals(
        "http://localhost:3001/dashboard?__clerk_db_jwt=dvb_abc&__clerk_synced=true",
        location(state));
  }

  @Test
  void s24_devPrimaryRedirectUrlSyncedFalse_overwrittenWithTrue() {
    RequestState state =
        fx.clerk(o -> o.allowedRedirectOrigins(List.of("http://localhost:3001")))
            .authenticateRequest(
                request(
                        "http://localhost:3000/sign-in?__clerk_redirect_url=http%3A%2F%2Flocalhost%3A3001%2Fdashboard%3F__clerk_synced%3Dfalse&__clerk_db_jwt=dvb_abc")
                    .build());
    String location = location(state);
    assertTrue(location.contains("__clerk_synced=true"), location);
    assertFalse(location.contains("__clerk_synced=false"), location);
    assertEquals(
        "http://localhost:3001/dashboard?__clerk_synced=true&__clerk_db_jwt=dvb_abc", location);
  }

  @Test
  void s29_devSatelliteNotDocumentWithCookies_signedIn() {
    String token = fx.token().sign();
    RequestState state =
        fx.clerk(
                o ->
                    o.satellite(true)
                        .domain("localhost:3001")
                        .signInUrl("https://localhost:3000/sign-in/"))
            .authenticateRequest(
                request()
                    .setHeader("sec-fetch-dest", "empty")
                    .header("referer", "https://clerk.com")
                    .header(
                        "cookie",
                        cookies(
                            "__clerk_db_jwt=deadbeef", "__client_uat=12345", "__session=" + token))
                    .build());
    assertSignedIn(state);
  }

  @Test
  void satelliteSignInUrlOnRequestOrigin_signedOutUnexpectedError() {
    RequestState state =
        fx.clerk(devSatellite())
            .authenticateRequest(request().header("origin", "https://primary.dev").build());
    assertSignedOut(
        state,
        "unexpected-error",
        "The signInUrl needs to be on a different origin than your satellite application.");
  }

  @Test
  void unexpectedError_devKeySatelliteWithoutSignInUrl_signedOutLoggedOnce() {
    // A development publishable key with a production secret key passes the build-time checks
    // (as in Clerk, only a development secret key requires signInUrl), but C6 has nowhere to go.
    Clerk clerk =
        Clerk.builder()
            .secretKey("sk_live_mismatched")
            .publishableKey(fx.fake.publishableKey())
            .apiUrl(fx.fake.apiUrl())
            .configure(
                o ->
                    o.clock(Conformance.CLOCK)
                        .satellite(true)
                        .domain("satellite.dev")
                        .satelliteAutoSync(true))
            .build();
    try (Conformance.LogCapture log = new Conformance.LogCapture()) {
      for (int i = 0; i < 2; i++) {
        assertSignedOut(clerk.authenticateRequest(request().build()), "unexpected-error", "");
      }
      assertEquals(
          1,
          log.messages.stream().filter(m -> m.startsWith("Clerk: unexpected error")).count(),
          log.all());
    }
  }

  // ---- cross-origin sync (C18) ----

  private Clerk primary() {
    return fx.clerk(o -> o.domain("primary.com").signInUrl("https://primary.com/sign-in"));
  }

  private ClerkRequest.Builder primaryRequest(String token) {
    return ClerkRequest.builder()
        .method("GET")
        .url(java.net.URI.create("https://primary.com/dashboard"))
        .header("host", "primary.com")
        .header("user-agent", "Mozilla/TestAgent")
        .header("sec-fetch-dest", "document")
        .header(
            "cookie",
            cookies("__client_uat=12345", "__session=" + token, "__clerk_db_jwt=deadbeef"));
  }

  @Test
  void s51_crossOriginReferrer_primaryDomainCrossOriginSync() {
    production();
    String token = fx.token().sign();
    RequestState state =
        primary()
            .authenticateRequest(
                primaryRequest(token).header("referer", "https://satellite.com/signin").build());
    assertHandshake(state, "primary-domain-cross-origin-sync");
    assertEquals("Cross-origin request from satellite domain requires handshake", state.message());
    assertEquals(
        List.of("Cross-origin request from satellite domain requires handshake"),
        state.headers("x-clerk-auth-message"));
    assertEquals("https://primary.com/dashboard", params(location(state)).get("redirect_url"));
    RequestState crossSite =
        primary()
            .authenticateRequest(
                primaryRequest(token)
                    .header("referer", "https://satellite.com/signin")
                    .header("sec-fetch-site", "cross-site")
                    .build());
    assertHandshake(crossSite, "primary-domain-cross-origin-sync");
  }

  @Test
  void s52_sameOriginOrNoReferrer_signedIn() {
    production();
    String token = fx.token().sign();
    assertSignedIn(
        primary()
            .authenticateRequest(
                primaryRequest(token).header("referer", "https://primary.com/other").build()));
    assertSignedIn(primary().authenticateRequest(primaryRequest(token).build()));
    fx.close();
    fx = Conformance.dev();
    String devToken = fx.token().sign();
    ClerkRequest local =
        ClerkRequest.builder()
            .url(java.net.URI.create("http://localhost:3000/dashboard"))
            .header("host", "localhost:3000")
            .header("sec-fetch-dest", "document")
            .header("referer", "http://localhost:3000/sign-in")
            .header(
                "cookie",
                cookies("__client_uat=12345", "__session=" + devToken, "__clerk_db_jwt=deadbeef"))
            .build();
    assertSignedIn(fx.clerk().authenticateRequest(local));
  }

  @Test
  void s53_postOrNotDocumentOrInvalidReferrer_signedIn() {
    production();
    String token = fx.token().sign();
    assertSignedIn(
        primary()
            .authenticateRequest(
                primaryRequest(token)
                    .method("POST")
                    .header("referer", "https://satellite.com/signin")
                    .build()));
    assertSignedIn(
        primary()
            .authenticateRequest(
                primaryRequest(token)
                    .setHeader("sec-fetch-dest", "empty")
                    .header("referer", "https://satellite.com/signin")
                    .build()));
    assertSignedIn(
        primary()
            .authenticateRequest(
                primaryRequest(token).header("referer", "invalid-url-format").build()));
  }

  @Test
  void s54_unrelatedAccountsReferrer_handshake() {
    production();
    String token = fx.token().sign();
    assertHandshake(
        primary()
            .authenticateRequest(
                primaryRequest(token)
                    .header("referer", "https://accounts.example.com/sign-in")
                    .build()),
        "primary-domain-cross-origin-sync");
  }

  @Test
  void s55_devAccountPortalReferrers_signedInForTestHandshakeForLive() {
    String token = fx.token().sign();
    assertSignedIn(
        primary()
            .authenticateRequest(
                primaryRequest(token)
                    .header("referer", "https://foo-bar-13.accounts.dev/sign-in")
                    .build()));
    assertSignedIn(
        primary()
            .authenticateRequest(
                primaryRequest(token)
                    .header("referer", "https://accounts.foo-bar-13.lcl.dev/sign-in")
                    .build()));
    production();
    String live = fx.token().sign();
    assertHandshake(
        primary()
            .authenticateRequest(
                primaryRequest(live)
                    .header("referer", "https://foo-bar-13.accounts.dev/sign-in")
                    .build()),
        "primary-domain-cross-origin-sync");
    assertHandshake(
        primary()
            .authenticateRequest(
                primaryRequest(live)
                    .header("referer", "https://accounts.foo-bar-13.lcl.dev/sign-in")
                    .build()),
        "primary-domain-cross-origin-sync");
  }

  @Test
  void s56_ownPortalOrFapiReferrer_notCrossOriginSync() {
    production();
    String token = fx.token().sign();
    RequestState portal =
        primary()
            .authenticateRequest(
                primaryRequest(token)
                    .header("referer", "https://accounts.inspired.puma-74.lcl.dev/sign-in")
                    .build());
    assertSignedIn(portal);
    RequestState fapi =
        primary()
            .authenticateRequest(
                primaryRequest(token)
                    .header("referer", "https://clerk.inspired.puma-74.lcl.dev/v1/x")
                    .build());
    assertSignedIn(fapi);
    assertHandshake(
        primary()
            .authenticateRequest(
                primaryRequest(token).header("referer", "https://satellite.com/sign-in").build()),
        "primary-domain-cross-origin-sync");
    assertSignedIn(
        primary()
            .authenticateRequest(
                primaryRequest(token)
                    .header("referer", "https://primary.com/x")
                    .header("sec-fetch-site", "cross-site")
                    .build()));
    RequestState counted =
        primary()
            .authenticateRequest(
                ClerkRequest.builder()
                    .url(java.net.URI.create("https://primary.com/dashboard"))
                    .header("host", "primary.com")
                    .header("sec-fetch-dest", "document")
                    .header("referer", "https://satellite.com/sign-in")
                    .header(
                        "cookie",
                        cookies(
                            "__client_uat=12345", "__session=" + token, "__clerk_redirect_count=1"))
                    .build());
    assertNotEquals("primary-domain-cross-origin-sync", String.valueOf(counted.reason()));
    assertSignedIn(counted);
  }

  // ---- proxy / domain (§3.6, 70, 75, 77) ----

  @Test
  void s70_relativeProxyUrl_resolvedAgainstPublicOrigin() {
    production();
    Clerk clerk = fx.clerk(o -> o.proxyUrl("/__clerk"));
    RequestState forwarded =
        clerk.authenticateRequest(
            request()
                .header("x-forwarded-proto", "https")
                .header("x-forwarded-host", "myapp.example.com")
                .header("cookie", "__client_uat=12345")
                .build());
    assertTrue(
        location(forwarded).startsWith("https://myapp.example.com/__clerk/v1/client/handshake?"),
        location(forwarded));
    RequestState local =
        clerk.authenticateRequest(
            ClerkRequest.builder()
                .url(java.net.URI.create("http://localhost:3000/page"))
                .header("sec-fetch-dest", "document")
                .header("cookie", "__client_uat=12345")
                .build());
    assertTrue(
        location(local).startsWith("http://localhost:3000/__clerk/v1/client/handshake?"),
        location(local));
  }

  @Test
  void s75_proxyAndDomain_handshakeBase() {
    production();
    ClerkRequest req = request().header("cookie", "__client_uat=12345").build();
    assertTrue(
        location(fx.clerk(o -> o.proxyUrl("https://example.com/clerk")).authenticateRequest(req))
            .startsWith("https://example.com/clerk/v1/client/handshake?"));
    assertTrue(
        location(fx.clerk(o -> o.domain("example.com")).authenticateRequest(req))
            .startsWith(HANDSHAKE_BASE + "?"));
    assertTrue(
        location(fx.clerk(o -> o.satellite(true).domain("example.com")).authenticateRequest(req))
            .startsWith("https://clerk.example.com/v1/client/handshake?"));
  }

  @Test
  void s62_proxyPaths_noDoubleSlash() {
    production();
    ClerkRequest req = request().header("cookie", "__client_uat=12345").build();
    for (String proxy :
        List.of(
            "https://my-proxy.example.com",
            "https://my-proxy.example.com/",
            "https://my-proxy.example.com//",
            "https://my-proxy.example.com///")) {
      assertTrue(
          location(fx.clerk(o -> o.proxyUrl(proxy)).authenticateRequest(req))
              .startsWith("https://my-proxy.example.com/v1/client/handshake?"),
          proxy);
    }
    assertTrue(
        location(
                fx.clerk(o -> o.proxyUrl("https://my-proxy.example.com/clerk-proxy//"))
                    .authenticateRequest(req))
            .startsWith("https://my-proxy.example.com/clerk-proxy/v1/client/handshake?"));
  }

  @Test
  void s77_prodSatelliteIntegration() {
    production();
    Clerk clerk = fx.clerk(o -> o.satellite(true).domain("example.com"));
    assertSignedOut(
        clerk.authenticateRequest(
            ClerkRequest.builder().url(java.net.URI.create("http://example.com/")).build()),
        "session-token-and-uat-missing");
    assertSignedOut(clerk.authenticateRequest(request().build()), "session-token-and-uat-missing");
    RequestState needsSync =
        clerk.authenticateRequest(request("http://clerk.com/path?__clerk_synced=false").build());
    assertHandshake(needsSync, "satellite-needs-syncing");
    assertTrue(location(needsSync).startsWith("https://clerk.example.com/v1/client/handshake?"));
    assertSignedOut(
        clerk.authenticateRequest(request("http://clerk.com/path?__clerk_synced=true").build()),
        "session-token-and-uat-missing");
    assertHandshake(
        fx.clerk(o -> o.satellite(true).domain("example.com").satelliteAutoSync(true))
            .authenticateRequest(request().build()),
        "satellite-needs-syncing");
  }

  @Test
  void s77b_devSatelliteNotDocument_signedOut() {
    RequestState state =
        fx.clerk(devSatellite())
            .authenticateRequest(request().setHeader("sec-fetch-dest", "empty").build());
    assertSignedOut(state, "dev-browser-missing");
  }
}
