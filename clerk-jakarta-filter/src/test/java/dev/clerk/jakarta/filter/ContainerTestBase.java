package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeFrontendApi;
import dev.clerk.jakarta.testing.Fault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The filter's HTTP behaviour, run in each container against FakeClerk with a real {@code web.xml}.
 * The root application uses a healthy FakeClerk; {@code /outage} one whose JWKS is down.
 */
@Tag(TestedEe.CONTAINER_TAG)
abstract class ContainerTestBase {
  static final String SIGN_IN_URL = "https://accounts.example.com/sign-in";
  static FakeClerk clerk;
  static FakeClerk downClerk;
  static Path rootApp;
  static Path outageApp;
  static Path machineApp;
  static Path interstitialApp;
  static Path welcomeApp;
  static Path corsAfterApp;
  static Path corsBeforeApp;

  /** Sends a raw HTTP/1.1 request (ending with an empty line) and parses the response. */
  abstract RawResponse exchange(String rawRequest) throws Exception;

  @BeforeAll
  static void startClerksAndWriteApps() {
    clerk = FakeClerk.start();
    downClerk = FakeClerk.start();
    downClerk.failAlways("/v1/jwks", Fault.status(503));
    rootApp =
        writeApp(
            clerk,
            "<init-param><param-name>sign-in-url</param-name><param-value>"
                + SIGN_IN_URL
                + "</param-value></init-param>");
    outageApp = writeApp(downClerk, "");
    interstitialApp =
        writeApp(
            clerk,
            "<init-param><param-name>handshake-mode</param-name>"
                + "<param-value>interstitial</param-value></init-param>");
    machineApp =
        writeApp(
            clerk,
            "<init-param><param-name>accepts-token</param-name>"
                + "<param-value>session_token,api_key,m2m_token</param-value></init-param>");
    corsAfterApp =
        TestApps.write(
            "/cors-app/web.xml",
            clerk,
            "",
            Map.of(),
            Map.of("@FIRST@", "clerk", "@SECOND@", "cors"));
    corsBeforeApp =
        TestApps.write(
            "/cors-app/web.xml",
            clerk,
            "",
            Map.of(),
            Map.of("@FIRST@", "cors", "@SECOND@", "clerk"));
    welcomeApp =
        TestApps.write(
            "/welcome-app/web.xml", clerk, "", Map.of("admin/index.do", "static index.do"));
  }

  @AfterAll
  static void stopClerks() {
    clerk.close();
    downClerk.close();
  }

  private static Path writeApp(FakeClerk fake, String extra) {
    return TestApps.write("/webapp/WEB-INF/web.xml", fake, extra, Map.of());
  }

  /** {@return every application, by context path ({@code ""} for the root)} */
  static Map<String, Path> apps() {
    Map<String, Path> apps = new LinkedHashMap<>();
    apps.put("", rootApp);
    apps.put("/outage", outageApp);
    apps.put("/machines", machineApp);
    apps.put("/interstitial", interstitialApp);
    apps.put("/welcome", welcomeApp);
    apps.put("/cors", corsAfterApp);
    apps.put("/cors-first", corsBeforeApp);
    return apps;
  }

  RawResponse get(String path, String... headers) throws Exception {
    return request("GET", path, headers);
  }

  RawResponse request(String method, String path, String... headers) throws Exception {
    StringBuilder sb =
        new StringBuilder(method)
            .append(' ')
            .append(path)
            .append(" HTTP/1.1\r\n")
            .append("Host: localhost\r\nConnection: close\r\n");
    for (String h : headers) {
      sb.append(h).append("\r\n");
    }
    return exchange(sb.append("\r\n").toString());
  }

  static String bearer(String token) {
    return "Authorization: Bearer " + token;
  }

  // ---- signed in ----------------------------------------------------------------------------

  @Test
  void doFilterWhenBearerSessionTokenThenServletSeesClerkPrincipal() throws Exception {
    String token = clerk.sessionToken().subject("user_bearer").sign();
    RawResponse r = get("/api/whoami", bearer(token));
    assertEquals(200, r.status(), r.body());
    assertTrue(r.body().contains("principal=user_bearer\n"), r.body());
    assertTrue(r.body().contains("principalType=ClerkPrincipal\n"), r.body());
    assertTrue(r.body().contains("remoteUser=user_bearer\n"), r.body());
    assertTrue(r.body().contains("authType=CLERK\n"), r.body());
    assertTrue(r.body().contains("auth=SessionAuth\n"), r.body());
    assertTrue(r.body().contains("state=RequestState{signed-in}\n"), r.body());
    assertNull(r.header("x-clerk-auth-status"));
  }

  @Test
  void doFilterWhenSessionCookieThenSignedIn() throws Exception {
    var t = clerk.sessionToken().subject("user_cookie");
    String token = t.sign();
    RawResponse r =
        get(
            "/api/whoami",
            "Cookie: __session=" + token + "; __client_uat=" + t.now().getEpochSecond(),
            "Cookie: __clerk_db_jwt=dvb_test");
    assertEquals(200, r.status(), r.body());
    assertTrue(r.body().contains("principal=user_cookie\n"), r.body());
  }

  @Test
  void doFilterWhenPublicPathWithoutTokenThenContinuesAnonymous() throws Exception {
    RawResponse r = get("/whoami");
    assertEquals(200, r.status(), r.body());
    assertTrue(r.body().contains("principal=anonymous\n"), r.body());
    assertTrue(r.body().contains("authType=null\n"), r.body());
    assertTrue(r.body().contains("auth=SignedOutAuth\n"), r.body());
    assertEquals("signed-out", r.header("x-clerk-auth-status"));
  }

  @Test
  void doFilterWhenPublicCarveOutInsideProtectedPrefixThenAnonymous() throws Exception {
    RawResponse r = get("/api/public/info");
    assertEquals(200, r.status(), r.body());
    assertTrue(r.body().contains("principal=anonymous\n"), r.body());
  }

  // ---- signed out on protected paths --------------------------------------------------------

  @Test
  void doFilterWhenNoTokenOnProtectedPathThen401BearerChallengeAndJson() throws Exception {
    RawResponse r =
        get("/api/whoami", "Accept: application/json", "Cookie: __clerk_db_jwt=dvb_test");
    assertEquals(401, r.status());
    assertEquals("Bearer", r.header("WWW-Authenticate"));
    assertEquals("application/json", r.header("Content-Type"));
    assertEquals(
        "{\"error\":\"unauthorized\",\"reason\":\"session-token-and-uat-missing\"}", r.body());
    assertEquals("signed-out", r.header("x-clerk-auth-status"));
    assertEquals("session-token-and-uat-missing", r.header("x-clerk-auth-reason"));
  }

  @Test
  void doFilterWhenTokenSignedByUnknownKeyThen401InvalidToken() throws Exception {
    String token = clerk.sessionToken().signWith(clerk.foreignKey(clerk.signingKey().kid())).sign();
    RawResponse r = get("/api/whoami", bearer(token));
    assertEquals(401, r.status());
    assertEquals(
        "Bearer error=\"invalid_token\", error_description=\"The token is invalid, expired or not accepted here\"",
        r.header("WWW-Authenticate"));
    assertFalse(r.body().contains("principal="), r.body());
  }

  @Test
  void doFilterWhenExtensionPatternProtectedThen401() throws Exception {
    assertEquals(401, get("/files/report.secret").status());
  }

  @Test
  void doFilterWhenSignedOutDocumentOnProtectedPathThenRedirectToSignIn() throws Exception {
    RawResponse r =
        get(
            "/api/whoami?x=1",
            "Sec-Fetch-Dest: document",
            "Accept: text/html",
            "Cookie: __clerk_db_jwt=dvb_test");
    assertEquals(307, r.status(), r.body());
    assertEquals(
        SIGN_IN_URL + "?redirect_url=http%3A%2F%2Flocalhost%2Fapi%2Fwhoami%3Fx%3D1",
        r.header("Location"));
  }

  // ---- roles --------------------------------------------------------------------------------

  @Test
  void doFilterWhenRoleRequiredAndSignedOutThen401() throws Exception {
    assertEquals(401, get("/admin/").status());
  }

  @Test
  void doFilterWhenRoleRequiredAndMissingThen403InsufficientScope() throws Exception {
    String token =
        clerk
            .sessionToken()
            .organizationV1("org_1", "acme", "org:member", "org:invoices:read")
            .sign();
    RawResponse r = get("/admin/", bearer(token));
    assertEquals(403, r.status(), r.body());
    assertEquals(
        "Bearer error=\"insufficient_scope\", error_description=\"The request requires other permissions\"",
        r.header("WWW-Authenticate"));
    assertEquals("{\"error\":\"forbidden\",\"reason\":\"insufficient-role\"}", r.body());
  }

  @Test
  void doFilterWhenRoleHeldThenServletSeesRolesAndPermissions() throws Exception {
    String token =
        clerk
            .sessionToken()
            .subject("user_admin")
            .organizationV1("org_1", "acme", "org:admin", "org:invoices:read")
            .sign();
    RawResponse r =
        get(
            "/admin/?role=org:admin&role=admin&role=org:invoices:read&role=invoices:read"
                + "&role=org:member&role=**",
            bearer(token));
    assertEquals(200, r.status(), r.body());
    assertTrue(r.body().contains("principal=user_admin\n"), r.body());
    assertTrue(r.body().contains("inRole:org:admin=true\n"), r.body());
    assertTrue(r.body().contains("inRole:admin=true\n"), r.body());
    assertTrue(r.body().contains("inRole:org:invoices:read=true\n"), r.body());
    assertTrue(r.body().contains("inRole:invoices:read=true\n"), r.body());
    assertTrue(r.body().contains("inRole:org:member=false\n"), r.body());
    assertTrue(r.body().contains("inRole:**=true\n"), r.body());
  }

  // ---- ClerkAccessException from behind the filter (a guarded CDI bean) ------------------------

  @Test
  void doFilterWhenAccessExceptionSignedOutThenFilters401() throws Exception {
    RawResponse own =
        get("/api/whoami", "Accept: application/json", "Cookie: __clerk_db_jwt=dvb_test");
    RawResponse r =
        get("/refuse/direct", "Accept: application/json", "Cookie: __clerk_db_jwt=dvb_test");
    assertEquals(401, r.status(), r.body());
    assertEquals("Bearer", r.header("WWW-Authenticate"));
    assertEquals("no-store", r.header("Cache-Control"));
    // The servlet took the writer first: Tomcat then keeps its charset on the refusal's content
    // type.
    assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
    assertEquals(
        "{\"error\":\"unauthorized\",\"reason\":\"session-token-and-uat-missing\"}", r.body());
    assertEquals(own.body(), r.body());
    assertEquals(own.header("WWW-Authenticate"), r.header("WWW-Authenticate"));
    assertEquals("signed-out", r.header("x-clerk-auth-status"));
  }

  @Test
  void doFilterWhenAccessExceptionWithExpiredTokenThen401WithTheDecisionsReason() throws Exception {
    String token =
        clerk
            .sessionToken()
            .subject("user_late")
            .shiftTimes(java.time.Duration.ofMinutes(-10))
            .sign();
    RawResponse r = get("/refuse/direct", bearer(token));
    assertEquals(401, r.status(), r.body());
    RawResponse own = get("/api/whoami", bearer(token));
    assertEquals(
        "{\"error\":\"unauthorized\",\"reason\":\"session-token-expired-refresh-non-eligible-no-refresh-cookie\"}",
        r.body());
    assertEquals(own.body(), r.body());
    assertEquals(own.header("WWW-Authenticate"), r.header("WWW-Authenticate"));
  }

  @Test
  void doFilterWhenAccessExceptionForbiddenThenFilters403() throws Exception {
    String token =
        clerk
            .sessionToken()
            .organizationV1("org_1", "acme", "org:member", "org:invoices:read")
            .sign();
    RawResponse own = get("/admin/", bearer(token));
    RawResponse r = get("/refuse/direct", bearer(token));
    assertEquals(403, r.status(), r.body());
    assertEquals(
        "Bearer error=\"insufficient_scope\", error_description=\"The request requires other permissions\"",
        r.header("WWW-Authenticate"));
    assertEquals("{\"error\":\"forbidden\",\"reason\":\"insufficient-role\"}", r.body());
    assertEquals(own.body(), r.body());
  }

  @Test
  void doFilterWhenAccessExceptionInServletExceptionThenFilters403() throws Exception {
    String token = clerk.sessionToken().organizationV1("org_1", "acme", "org:member").sign();
    RawResponse r = get("/refuse/servlet", bearer(token));
    assertEquals(403, r.status(), r.body());
    assertEquals("{\"error\":\"forbidden\",\"reason\":\"insufficient-role\"}", r.body());
  }

  @Test
  void doFilterWhenAccessExceptionInRuntimeExceptionThenFilters401() throws Exception {
    RawResponse r =
        get("/refuse/runtime", "Accept: application/json", "Cookie: __clerk_db_jwt=dvb_test");
    assertEquals(401, r.status(), r.body());
    assertEquals(
        "{\"error\":\"unauthorized\",\"reason\":\"session-token-and-uat-missing\"}", r.body());
  }

  @Test
  void doFilterWhenAccessExceptionForSignedOutPageThenRedirectToSignIn() throws Exception {
    RawResponse r =
        get(
            "/refuse/direct?x=1",
            "Sec-Fetch-Dest: document",
            "Accept: text/html",
            "Cookie: __clerk_db_jwt=dvb_test");
    assertEquals(307, r.status(), r.body());
    assertEquals(
        SIGN_IN_URL + "?redirect_url=http%3A%2F%2Flocalhost%2Frefuse%2Fdirect%3Fx%3D1",
        r.header("Location"));
  }

  @Test
  void doFilterWhenAccessExceptionAfterCommitThenResponseEndsAsItIs() throws Exception {
    RawResponse r = get("/refuse/committed", "Accept: application/json");
    assertEquals(200, r.status(), r.body());
    assertEquals("partial output of the servlet\n", r.body());
  }

  @Test
  void doFilterWhenRoleHeldThenGuardedServletRuns() throws Exception {
    String token = clerk.sessionToken().organizationV1("org_1", "acme", "org:admin").sign();
    RawResponse r = get("/refuse/direct", bearer(token));
    assertEquals(200, r.status(), r.body());
    assertEquals("partial output of the servlet\nallowed\n", r.body());
  }

  // ---- handshake ----------------------------------------------------------------------------

  @Test
  void doFilterWhenDocumentNeedsHandshakeThen307WithClerkHeadersAndNoBody() throws Exception {
    RawResponse r =
        get(
            "/page",
            "Sec-Fetch-Dest: document",
            "Accept: text/html",
            "Cookie: __client_uat=1700000000; __clerk_db_jwt=dvb_test");
    assertEquals(307, r.status(), r.body());
    assertTrue(
        r.header("Location").startsWith("https://" + clerk.frontendApi() + "/v1/client/handshake?"),
        r.header("Location"));
    assertTrue(
        r.header("Location").contains("redirect_url=http%3A%2F%2Flocalhost%2Fpage"),
        r.header("Location"));
    assertEquals("handshake", r.header("x-clerk-auth-status"));
    assertEquals("client-uat-but-no-session-token", r.header("x-clerk-auth-reason"));
    assertEquals("no-store", r.header("Cache-Control"));
    assertEquals("", r.body());
  }

  @Test
  void doFilterWhenHandshakeTokenInQueryThen307BackWithEverySetCookie() throws Exception {
    var t = clerk.sessionToken().subject("user_handshake");
    List<String> directives =
        FakeFrontendApi.signedInDirectives(
            t.sign(), t.now().getEpochSecond(), "dvb_from_handshake");
    String handshake = FakeFrontendApi.handshakeToken(clerk, directives);
    RawResponse r =
        get(
            "/page?foo=bar&__clerk_handshake=" + handshake,
            "Sec-Fetch-Dest: document",
            "Accept: text/html");
    assertEquals(307, r.status(), r.body());
    assertEquals("http://localhost/page?foo=bar", r.header("Location"));
    List<String> cookies = r.headers("Set-Cookie");
    for (String d : directives) {
      assertTrue(cookies.contains(d), cookies.toString());
    }
    assertEquals("", r.body());
  }

  @Test
  void doFilterWhenInterstitialModeThen401PageInsteadOfRedirect() throws Exception {
    RawResponse r =
        get(
            "/interstitial/page",
            "Sec-Fetch-Dest: document",
            "Accept: text/html",
            "Cookie: __client_uat=1700000000; __clerk_db_jwt=dvb_test");
    assertEquals(401, r.status(), r.body());
    assertTrue(r.header("Content-Type").startsWith("text/html"), r.header("Content-Type"));
    assertEquals("handshake", r.header("x-clerk-auth-status"));
    assertNull(r.header("Location"));
    assertFalse(r.body().isEmpty());
    assertFalse(r.body().contains("principal="), r.body());
  }

  // ---- path confusion -----------------------------------------------------------------------

  /**
   * {@return for each path-confusion input, the status this container answers: 401 when it (or the
   * filter) normalised the path onto the protected one, 400 when the container or the filter
   * refused it}
   */
  abstract Map<String, Integer> pathConfusionStatuses();

  @Test
  void doFilterWhenPathConfusionThenNormalisedOrRefusedNeverServed() throws Exception {
    Map<String, Integer> expected = pathConfusionStatuses();
    assertEquals(14, expected.size());
    for (Map.Entry<String, Integer> e : expected.entrySet()) {
      RawResponse r = get(e.getKey(), "Cookie: __clerk_db_jwt=dvb_test");
      assertEquals(e.getValue(), r.status(), e.getKey() + " -> " + r.body());
      assertFalse(
          r.body().contains("principal="), e.getKey() + " reached the servlet: " + r.body());
    }
  }

  @Test
  void doFilterWhenExactPatternReachedInAnotherSpellingThen401() throws Exception {
    // protect=/account/me, /account/settings/ (exact); the servlet behind /account/* serves every
    // spelling.
    for (String path :
        List.of(
            "/account/me",
            "/account/me/",
            "/account/me;x/",
            "/account;x/me/",
            "/account/me/.",
            "/account/m%65/",
            "/account/me/;x",
            "/account/settings",
            "/account/settings/",
            "/account/settings;x")) {
      RawResponse r = get(path, "Accept: application/json", "Cookie: __clerk_db_jwt=dvb_test");
      assertEquals(401, r.status(), path + " -> " + r.body());
      assertEquals(
          "{\"error\":\"unauthorized\",\"reason\":\"session-token-and-uat-missing\"}",
          r.body(),
          path);
    }
    RawResponse open = get("/account/other/");
    assertEquals(200, open.status(), open.body());
    assertTrue(open.body().contains("principal=anonymous\n"), open.body());
  }

  @Test
  void doFilterWhenEncodedDotSegmentThenFilterRefuses400() throws Exception {
    // Tomcat passes %2e segments through; the filter itself refuses them (Jetty refuses earlier).
    RawResponse r = get("/x/%2e%2e/api/whoami", "Accept: application/json");
    assertEquals(400, r.status(), r.body());
    assertFalse(r.body().contains("principal="), r.body());
  }

  @Test
  void doFilterWhenPathParameterDodgesRuleThen401() throws Exception {
    RawResponse r = get("/api;x=1/whoami", "Cookie: __clerk_db_jwt=dvb_test");
    assertEquals(401, r.status(), r.body());
    assertEquals(
        "{\"error\":\"unauthorized\",\"reason\":\"session-token-and-uat-missing\"}", r.body());
  }

  // ---- dispatch -----------------------------------------------------------------------------

  @Test
  void doFilterWhenForwardedThenTargetSeesSamePrincipal() throws Exception {
    String token = clerk.sessionToken().subject("user_forward").sign();
    RawResponse r = get("/api/forward", bearer(token));
    assertEquals(200, r.status(), r.body());
    assertTrue(r.body().contains("principal=user_forward\n"), r.body());
    assertTrue(r.body().contains("dispatcher=FORWARD\n"), r.body());
    assertTrue(r.body().contains("authType=CLERK\n"), r.body());
  }

  @Test
  void doFilterWhenIncludedThenTargetSeesSamePrincipal() throws Exception {
    String token = clerk.sessionToken().subject("user_include").sign();
    RawResponse r = get("/api/include", bearer(token));
    assertEquals(200, r.status(), r.body());
    assertTrue(r.body().startsWith("included:\n"), r.body());
    assertTrue(r.body().contains("principal=user_include\n"), r.body());
    assertTrue(r.body().contains("dispatcher=INCLUDE\n"), r.body());
  }

  @Test
  void doFilterWhenAsyncDispatchThenTargetSeesSamePrincipal() throws Exception {
    String token = clerk.sessionToken().subject("user_async").sign();
    RawResponse r = get("/async/dispatch", bearer(token));
    assertEquals(200, r.status(), r.body());
    assertTrue(r.body().contains("principal=user_async\n"), r.body());
    assertTrue(r.body().contains("dispatcher=ASYNC\n"), r.body());
    assertTrue(r.body().contains("authType=CLERK\n"), r.body());
  }

  @Test
  void doFilterWhenAsyncCompletesOnAnotherThreadThenPrincipalVisible() throws Exception {
    String token = clerk.sessionToken().subject("user_async2").sign();
    RawResponse r = get("/async/complete", bearer(token));
    assertEquals(200, r.status(), r.body());
    assertTrue(r.body().startsWith("async-thread:\n"), r.body());
    assertTrue(r.body().contains("principal=user_async2\n"), r.body());
  }

  @Test
  void doFilterWhenAsyncPathSignedOutThen401() throws Exception {
    assertEquals(401, get("/async/dispatch").status());
  }

  // ---- dispatches to protected targets (issue 9, defect 4) ------------------------------------

  @Test
  void doFilterWhenWelcomeFileIsProtectedExtensionAndSignedOutThen401() throws Exception {
    // protect=*.do; GET /admin/ is served by the welcome file /admin/index.do (a *.do servlet).
    RawResponse r =
        get("/welcome/admin/", "Accept: application/json", "Cookie: __clerk_db_jwt=dvb_test");
    assertEquals(401, r.status(), r.body());
    assertEquals(
        "{\"error\":\"unauthorized\",\"reason\":\"session-token-and-uat-missing\"}", r.body());
    assertEquals("Bearer", r.header("WWW-Authenticate"));
  }

  @Test
  void doFilterWhenWelcomeFileIsProtectedExtensionAndSignedInThenServed() throws Exception {
    String token = clerk.sessionToken().subject("user_welcome").sign();
    RawResponse r = get("/welcome/admin/", bearer(token));
    assertEquals(200, r.status(), r.body());
    assertTrue(r.body().contains("principal=user_welcome\n"), r.body());
  }

  @Test
  void doFilterWhenForwardToProtectedTargetAndSignedOutThen401() throws Exception {
    RawResponse r =
        get(
            "/via/forward/api/whoami",
            "Accept: application/json",
            "Cookie: __clerk_db_jwt=dvb_test");
    assertEquals(401, r.status(), r.body());
    assertEquals(
        "{\"error\":\"unauthorized\",\"reason\":\"session-token-and-uat-missing\"}", r.body());
    assertEquals("Bearer", r.header("WWW-Authenticate"));
  }

  @Test
  void doFilterWhenForwardToProtectedTargetFromDocumentThenSignInRedirectBackToOriginalUrl()
      throws Exception {
    RawResponse r =
        get(
            "/via/forward/api/whoami?x=1",
            "Sec-Fetch-Dest: document",
            "Accept: text/html",
            "Cookie: __clerk_db_jwt=dvb_test");
    assertEquals(307, r.status(), r.body());
    assertEquals(
        SIGN_IN_URL + "?redirect_url=http%3A%2F%2Flocalhost%2Fvia%2Fforward%2Fapi%2Fwhoami%3Fx%3D1",
        r.header("Location"));
    assertFalse(r.body().contains("principal="), r.body());
  }

  @Test
  void doFilterWhenForwardToRoleTargetWithoutRoleThen403() throws Exception {
    String token = clerk.sessionToken().organizationV1("org_1", "acme", "org:member").sign();
    RawResponse r = get("/via/forward/admin/x", bearer(token));
    assertEquals(403, r.status(), r.body());
    assertEquals("{\"error\":\"forbidden\",\"reason\":\"insufficient-role\"}", r.body());
  }

  @Test
  void doFilterWhenForwardToRoleTargetWithRoleThenTargetSeesPrincipal() throws Exception {
    String token =
        clerk
            .sessionToken()
            .subject("user_fwd_admin")
            .organizationV1("org_1", "acme", "org:admin")
            .sign();
    RawResponse r = get("/via/forward/admin/x", bearer(token));
    assertEquals(200, r.status(), r.body());
    assertTrue(r.body().contains("principal=user_fwd_admin\n"), r.body());
    assertTrue(r.body().contains("dispatcher=FORWARD\n"), r.body());
  }

  @Test
  void doFilterWhenForwardTargetAmbiguousThenRefusedWhateverTheRules() throws Exception {
    RawResponse anonymous =
        get(
            "/via/forward-ambiguous",
            "Accept: application/json",
            "Cookie: __clerk_db_jwt=dvb_test");
    assertEquals(401, anonymous.status(), anonymous.body());
    assertEquals(
        "{\"error\":\"unauthorized\",\"reason\":\"session-token-and-uat-missing\"}",
        anonymous.body());
    String token = clerk.sessionToken().subject("user_ambiguous").sign();
    RawResponse signedIn = get("/via/forward-ambiguous", bearer(token));
    assertEquals(403, signedIn.status(), signedIn.body());
    assertEquals("{\"error\":\"forbidden\",\"reason\":\"insufficient-role\"}", signedIn.body());
  }

  @Test
  void doFilterWhenIncludeOfProtectedTargetAndSignedOutThenTargetDoesNotRun() throws Exception {
    RawResponse r = get("/via/include/api/whoami", "Cookie: __clerk_db_jwt=dvb_test");
    assertEquals(200, r.status(), r.body());
    assertEquals("included:\n", r.body());
  }

  @Test
  void doFilterWhenIncludeOfProtectedTargetAndSignedInThenIncluded() throws Exception {
    String token = clerk.sessionToken().subject("user_inc").sign();
    RawResponse r = get("/via/include/api/whoami", bearer(token));
    assertEquals(200, r.status(), r.body());
    assertTrue(r.body().startsWith("included:\nprincipal=user_inc\n"), r.body());
    assertTrue(r.body().contains("dispatcher=INCLUDE\n"), r.body());
  }

  @Test
  void doFilterWhenErrorPageUnderProtectedPathAndSignedOutThenErrorStatusWithoutThePage()
      throws Exception {
    RawResponse r = get("/via/error/410", "Cookie: __clerk_db_jwt=dvb_test");
    assertEquals(410, r.status(), r.body());
    assertEquals("", r.body());
  }

  @Test
  void doFilterWhenErrorPageUnderRoleAndRoleMissingThenErrorStatusWithoutThePage()
      throws Exception {
    String token = clerk.sessionToken().organizationV1("org_1", "acme", "org:member").sign();
    RawResponse r = get("/via/error/410", bearer(token));
    assertEquals(410, r.status(), r.body());
    assertEquals("", r.body());
  }

  @Test
  void doFilterWhenErrorPageUnderRoleAndRoleHeldThenPageRenders() throws Exception {
    String token =
        clerk
            .sessionToken()
            .subject("user_err_admin")
            .organizationV1("org_1", "acme", "org:admin")
            .sign();
    RawResponse r = get("/via/error/410", bearer(token));
    assertEquals(410, r.status(), r.body());
    assertTrue(r.body().contains("principal=user_err_admin\n"), r.body());
    assertTrue(r.body().contains("dispatcher=ERROR\n"), r.body());
  }

  @Test
  void doFilterWhenAsyncDispatchToProtectedTargetAndSignedOutThen401() throws Exception {
    RawResponse r =
        get("/via/async/api/whoami", "Accept: application/json", "Cookie: __clerk_db_jwt=dvb_test");
    assertEquals(401, r.status(), r.body());
    assertEquals(
        "{\"error\":\"unauthorized\",\"reason\":\"session-token-and-uat-missing\"}", r.body());
  }

  @Test
  void doFilterWhenAsyncDispatchToProtectedTargetAndSignedInThenServed() throws Exception {
    String token = clerk.sessionToken().subject("user_async3").sign();
    RawResponse r = get("/via/async/api/whoami", bearer(token));
    assertEquals(200, r.status(), r.body());
    assertTrue(r.body().contains("principal=user_async3\n"), r.body());
    assertTrue(r.body().contains("dispatcher=ASYNC\n"), r.body());
  }

  // ---- CORS preflights (issue 9, defect 5) -------------------------------------------------

  static final String ORIGIN = "Origin: https://app.example.com";
  static final String PREFLIGHT = "Access-Control-Request-Method: POST";

  @Test
  void doFilterWhenPreflightOnProtectedPathThenHandlerAnswerConfinedToCorsHeaders()
      throws Exception {
    RawResponse r = request("OPTIONS", "/api/whoami", ORIGIN, PREFLIGHT);
    assertEquals(200, r.status(), r.body());
    assertEquals("", r.body());
    assertEquals("https://app.example.com", r.header("Access-Control-Allow-Origin"));
    assertEquals("seen-anonymous", r.header("Access-Control-Allow-Headers"));
    assertEquals("GET, HEAD, OPTIONS", r.header("Allow"));
    assertNull(r.header("X-Reached"));
    assertEquals(List.of(), r.headers("Set-Cookie"));
    assertNull(r.header("Content-Type"));
    assertNull(r.header("x-clerk-auth-status"));
    assertNull(r.header("WWW-Authenticate"));
  }

  @Test
  void doFilterWhenPreflightCarriesValidTokenThenHandlerStillSeesAnonymous() throws Exception {
    String token = clerk.sessionToken().subject("user_preflight").sign();
    RawResponse r = request("OPTIONS", "/api/whoami", ORIGIN, PREFLIGHT, bearer(token));
    assertEquals(200, r.status(), r.body());
    assertEquals("seen-anonymous", r.header("Access-Control-Allow-Headers"));
    assertEquals("", r.body());
  }

  @Test
  void doFilterWhenPreflightHandlerSendsErrorThenStatusWithoutItsMessage() throws Exception {
    RawResponse r = request("OPTIONS", "/api/whoami?mode=error", ORIGIN, PREFLIGHT);
    assertEquals(418, r.status(), r.body());
    assertFalse(r.body().contains("secret-in-message"), r.body());
    assertEquals(List.of(), r.headers("Set-Cookie"));
  }

  @Test
  void doFilterWhenPreflightHandlerRedirectsThenNoLocation() throws Exception {
    RawResponse r = request("OPTIONS", "/api/whoami?mode=redirect", ORIGIN, PREFLIGHT);
    assertEquals(302, r.status(), r.body());
    assertNull(r.header("Location"));
    assertEquals("", r.body());
  }

  @Test
  void doFilterWhenPreflightHandlerAnswersAsynchronouslyThenStillConfined() throws Exception {
    RawResponse r = request("OPTIONS", "/async/options", ORIGIN, PREFLIGHT);
    assertEquals(200, r.status(), r.body());
    assertEquals("", r.body());
    assertNull(r.header("X-Secret"));
    assertEquals("https://app.example.com", r.header("Access-Control-Allow-Origin"));
  }

  @Test
  void doFilterWhenPreflightHandlerWritesNonBlockingThenStillConfined() throws Exception {
    RawResponse r = request("OPTIONS", "/async/nonblocking", ORIGIN, PREFLIGHT);
    assertEquals(200, r.status(), r.body());
    assertEquals("", r.body());
    assertEquals("https://app.example.com", r.header("Access-Control-Allow-Origin"));
  }

  @Test
  void doFilterWhenPreflightHandlerTriesHttpUpgradeThenRefused() throws Exception {
    RawResponse r = request("OPTIONS", "/async/upgrade", ORIGIN, PREFLIGHT);
    assertEquals(200, r.status(), r.body());
    assertEquals(
        "refused:Clerk filter: no HTTP upgrade from a CORS preflight on a protected path",
        r.header("Access-Control-Allow-Headers"));
  }

  @Test
  void doFilterWhenPreflightOnPublicPathThenPassesUntouched() throws Exception {
    RawResponse r = request("OPTIONS", "/whoami", ORIGIN, PREFLIGHT);
    assertEquals(200, r.status(), r.body());
    assertEquals("secret-options-body", r.body());
    assertEquals("whoami", r.header("X-Reached"));
    assertNull(r.header("x-clerk-auth-status"));
  }

  @Test
  void doFilterWhenCorsFilterBehindAndPreflightOnProtectedPathThenCorsFilterAnswers()
      throws Exception {
    RawResponse r =
        request(
            "OPTIONS",
            "/cors/api/whoami",
            ORIGIN,
            PREFLIGHT,
            "Access-Control-Request-Headers: authorization");
    assertEquals(200, r.status(), r.body());
    assertEquals("https://app.example.com", r.header("Access-Control-Allow-Origin"));
    assertEquals("true", r.header("Access-Control-Allow-Credentials"));
    assertTrue(
        r.header("Access-Control-Allow-Methods").contains("POST"),
        r.header("Access-Control-Allow-Methods"));
    assertTrue(
        r.header("Access-Control-Allow-Headers")
            .toLowerCase(java.util.Locale.ROOT)
            .contains("authorization"),
        r.header("Access-Control-Allow-Headers"));
    assertNull(r.header("X-Reached"));
    assertEquals("", r.body());
  }

  @Test
  void doFilterWhenCorsFilterBehindAndPreflightFromUnknownOriginThenCorsFilterRefuses()
      throws Exception {
    RawResponse r =
        request("OPTIONS", "/cors/api/whoami", "Origin: https://evil.example", PREFLIGHT);
    assertEquals(403, r.status(), r.body());
    assertNull(r.header("Access-Control-Allow-Origin"));
    assertNull(r.header("X-Reached"));
  }

  @Test
  void doFilterWhenCorsFilterInFrontThenItAnswersThePreflight() throws Exception {
    RawResponse r = request("OPTIONS", "/cors-first/api/whoami", ORIGIN, PREFLIGHT);
    assertEquals(200, r.status(), r.body());
    assertEquals("https://app.example.com", r.header("Access-Control-Allow-Origin"));
    assertNull(r.header("X-Reached"));
  }

  @Test
  void doFilterWhenCorsFilterBehindAndActualRequestThenProtectedAsEver() throws Exception {
    RawResponse anonymous = get("/cors/api/whoami", ORIGIN, "Cookie: __clerk_db_jwt=dvb_test");
    assertEquals(401, anonymous.status(), anonymous.body());
    assertFalse(anonymous.body().contains("principal="), anonymous.body());
    String token = clerk.sessionToken().subject("user_cors").sign();
    RawResponse signedIn = get("/cors/api/whoami", ORIGIN, bearer(token));
    assertEquals(200, signedIn.status(), signedIn.body());
    assertTrue(signedIn.body().contains("principal=user_cors\n"), signedIn.body());
    assertEquals("https://app.example.com", signedIn.header("Access-Control-Allow-Origin"));
  }

  @Test
  void doFilterWhenOptionsWithoutOriginOnProtectedPathThen401NotReached() throws Exception {
    // Not a CORS preflight (no Origin): protected like any request, never a way around a rule.
    RawResponse r =
        request(
            "OPTIONS",
            "/api/whoami",
            "Access-Control-Request-Method: POST",
            "Accept: application/json",
            "Cookie: __clerk_db_jwt=dvb_test");
    assertEquals(401, r.status(), r.body());
    assertNull(r.header("X-Reached"));
    assertEquals("Bearer", r.header("WWW-Authenticate"));
    assertEquals(
        "{\"error\":\"unauthorized\",\"reason\":\"session-token-and-uat-missing\"}", r.body());
  }

  @Test
  void doFilterWhenPlainOptionsOnProtectedPathThen401NotReached() throws Exception {
    RawResponse r = request("OPTIONS", "/api/whoami", "Origin: https://app.example.com");
    assertEquals(401, r.status(), r.body());
    assertNull(r.header("X-Reached"));
  }

  // ---- machine tokens (context /machines accepts API keys and M2M tokens) -------------------

  @Test
  void doFilterWhenApiKeyAcceptedThenPrincipalIsItsSubject() throws Exception {
    clerk.backendApi().registerApiKey("ak_filter_test_key", "user_owner", "read");
    RawResponse r = get("/machines/api/whoami?role=read", bearer("ak_filter_test_key"));
    assertEquals(200, r.status(), r.body());
    assertTrue(r.body().contains("principal=user_owner\n"), r.body());
    assertTrue(r.body().contains("remoteUser=user_owner\n"), r.body());
    assertTrue(r.body().contains("authType=CLERK\n"), r.body());
    assertTrue(r.body().contains("auth=MachineAuth\n"), r.body());
    assertTrue(r.body().contains("inRole:read=false\n"), r.body());
  }

  @Test
  void doFilterWhenApiKeyUnknownThen401InvalidToken() throws Exception {
    RawResponse r = get("/machines/api/whoami", bearer("ak_not_registered"));
    assertEquals(401, r.status(), r.body());
    assertEquals(
        "Bearer error=\"invalid_token\", error_description=\"The token is invalid, expired or not accepted here\"",
        r.header("WWW-Authenticate"));
  }

  @Test
  void doFilterWhenApiKeyNotAcceptedThen401() throws Exception {
    clerk.backendApi().registerApiKey("ak_filter_root_key", "user_owner");
    RawResponse r = get("/api/whoami", bearer("ak_filter_root_key"));
    assertEquals(401, r.status(), r.body());
    assertTrue(
        r.header("WWW-Authenticate").startsWith("Bearer error=\"invalid_token\""),
        r.header("WWW-Authenticate"));
    assertFalse(r.body().contains("principal="), r.body());
  }

  // ---- outage -------------------------------------------------------------------------------

  @Test
  void doFilterWhenClerkDownThen503OnProtectedAndAnonymousElsewhereLoggedOnce() throws Exception {
    List<LogRecord> warnings = new ArrayList<>();
    // Every library logger: the Clerk instance's reporter logs the outage where core meets it.
    Logger logger = Logger.getLogger("dev.clerk");
    Handler h =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
              synchronized (warnings) {
                warnings.add(record);
              }
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(h);
    try {
      String token = downClerk.sessionToken().subject("user_down").sign();
      for (int i = 0; i < 3; i++) {
        RawResponse r = get("/outage/api/whoami", bearer(token));
        assertEquals(503, r.status(), r.body());
        assertTrue(
            r.body().startsWith("{\"error\":\"service_unavailable\",\"reason\":\""), r.body());
        assertNull(r.header("WWW-Authenticate"));
      }
      RawResponse open = get("/outage/whoami", bearer(token));
      assertEquals(200, open.status(), open.body());
      assertTrue(open.body().contains("principal=anonymous\n"), open.body());
      synchronized (warnings) {
        List<String> lines =
            warnings.stream().map(w -> w.getLoggerName() + " " + w.getMessage()).toList();
        assertEquals(lines.stream().distinct().toList(), lines, "a line repeated");
        assertEquals(
            1,
            lines.stream().filter(l -> l.contains("could not verify a session token")).count(),
            lines.toString());
      }
    } finally {
      logger.removeHandler(h);
    }
  }
}
