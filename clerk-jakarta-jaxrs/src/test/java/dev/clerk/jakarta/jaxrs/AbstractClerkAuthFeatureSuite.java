package dev.clerk.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.filter.ClerkFilter;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeFrontendApi;
import jakarta.servlet.DispatcherType;
import jakarta.ws.rs.core.Application;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The resource test suite, run on each JAX-RS implementation (a subclass per implementation
 * supplies the servlet), in embedded Jetty 12 ({@link TestedEe}: ee10 or ee11) against {@link
 * FakeClerk}.
 *
 * <p>Tests named {@code …Preset…} put a decision in the request attribute as the servlet filter
 * would (see {@link PresetStateFilter}), which exercises reuse of the servlet filter's decision and
 * everything after authentication; the others send real tokens through core.
 */
abstract class AbstractClerkAuthFeatureSuite {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  static FakeClerk fake;
  private TestApp.Running server;
  private URI base;

  /** {@return the implementation's servlet, deploying {@code application}} */
  abstract ServletSpec jaxrsServlet(Class<? extends Application> application);

  @BeforeAll
  static void startFakeClerk() {
    // Production: no dev-browser handshake on cookie requests.
    fake = FakeClerk.builder().production().start();
  }

  @AfterAll
  static void stopFakeClerk() {
    fake.close();
  }

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  Clerk clerk() {
    return Clerk.builder()
        .secretKey(fake.secretKey())
        .publishableKey(fake.publishableKey())
        .apiUrl(fake.apiUrl())
        .build();
  }

  void deploy(Class<? extends Application> application, boolean servletFilter) throws Exception {
    deploy(application, servletFilter, true);
  }

  void deploy(Class<? extends Application> application, boolean servletFilter, boolean sharedClerk)
      throws Exception {
    stopServer();
    TestApp app = new TestApp();
    if (sharedClerk) {
      app.attribute(Clerk.CONTEXT_ATTRIBUTE, clerk());
    }
    if (servletFilter) {
      app.filter(PresetStateFilter.class, "/*", EnumSet.of(DispatcherType.REQUEST), Map.of());
    }
    server = app.servlet(jaxrsServlet(application), "/*").start();
    base = server.base();
  }

  HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> preset(String path, String auth) throws IOException, InterruptedException {
    return get(path, "X-Test-Auth", auth);
  }

  static final String ADMIN =
      "sub=user_admin;org=org_1;role=org:admin;perms=org:invoices:read,org:invoices:write;fva=1,1;fea=u:export;pla=u:pro";
  static final String MEMBER =
      "sub=user_member;org=org_1;role=org:member;perms=org:reports:read;fva=30,-1";

  static void assertStatus(int expected, HttpResponse<String> response) {
    assertEquals(
        expected,
        response.statusCode(),
        () -> "body: " + response.body() + " headers: " + response.headers().map());
  }

  // ---- reuse of the servlet filter's decision; @Context, SecurityContext, authorization
  // -----------

  @Test
  void deployWhenRuntimeIsJerseyOrResteasyThenClerkAuthHookInstalledWithoutWarning()
      throws Exception {
    try (CapturedLog log = CapturedLog.of(RuntimeHooks.class)) {
      deploy(TestApplication.class, true);
      // A method parameter and a field of TestResource take @Context ClerkAuth: the deployment
      // would have failed without the hook, and a null would fail the request.
      HttpResponse<String> r = preset("me", ADMIN);
      assertStatus(200, r);
      assertTrue(
          r.body().startsWith("user=user_admin ") && r.body().contains(" field=user_admin "),
          r.body());
      assertEquals(List.of(), log.warnings());
    }
  }

  @Test
  void publicWhenPresetSignedOutThenAnonymousWithFiltersDebugHeadersOnce() throws Exception {
    deploy(TestApplication.class, true);
    HttpResponse<String> r = get("public");
    assertStatus(200, r);
    assertEquals("public anonymous", r.body());
    assertEquals(List.of("signed-out"), r.headers().allValues("x-clerk-auth-status"));
    assertEquals(
        List.of("session-token-and-uat-missing"), r.headers().allValues("x-clerk-auth-reason"));
  }

  @Test
  void meWhenPresetSessionThenContextAuthFieldPrincipalAndRoles() throws Exception {
    deploy(TestApplication.class, true);
    HttpResponse<String> r = preset("me", ADMIN);
    assertStatus(200, r);
    assertEquals(
        "user=user_admin session=sess_1 org=org_1 role=org:admin"
            + " permissions=[org:invoices:read, org:invoices:write] type=session_token field=user_admin"
            + " principal=user_admin scheme=CLERK admin=true portable=user_admin/user_admin",
        r.body());
  }

  @Test
  void meWhenPresetSignedOutThenSignedOutContextAuth() throws Exception {
    deploy(TestApplication.class, true);
    HttpResponse<String> r = get("me");
    assertStatus(200, r);
    assertTrue(
        r.body()
            .startsWith(
                "user=- session=- org=- role=- permissions=[] type=session_token field=- principal=-"),
        r.body());
  }

  @Test
  void adminWhenSignedOutThen401WithBearerChallenge() throws Exception {
    deploy(TestApplication.class, true);
    HttpResponse<String> r = get("admin");
    assertStatus(401, r);
    assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElseThrow());
    // The servlet filter's body (one refusal model in core).
    assertEquals(
        "{\"error\":\"unauthorized\",\"reason\":\"session-token-and-uat-missing\"}", r.body());
    assertEquals(List.of("signed-out"), r.headers().allValues("x-clerk-auth-status"));
    // A per-request decision, as the servlet filter's answers: never stored by a cache.
    assertEquals(List.of("no-store"), r.headers().allValues("Cache-Control"));
  }

  // ---- ClerkAccessException out of a resource method (a guarded CDI bean)
  // -------------------------

  @Test
  void beanRefusalWhenSignedOutThenSame401AsTheAnnotations() throws Exception {
    deploy(TestApplication.class, true);
    HttpResponse<String> own = get("admin");
    HttpResponse<String> r = get("bean/admin");
    assertStatus(401, r);
    assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertEquals(
        "{\"error\":\"unauthorized\",\"reason\":\"session-token-and-uat-missing\"}", r.body());
    assertEquals(own.body(), r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(List.of("no-store"), r.headers().allValues("Cache-Control"));
    assertEquals(List.of("signed-out"), r.headers().allValues("x-clerk-auth-status"));
  }

  @Test
  void beanRefusalWhenMemberThenSame403AsTheAnnotations() throws Exception {
    deploy(TestApplication.class, true);
    HttpResponse<String> r = preset("bean/admin", MEMBER);
    assertStatus(403, r);
    assertEquals(
        "Bearer error=\"insufficient_scope\", error_description=\"The request requires other permissions\"",
        r.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertEquals("{\"error\":\"forbidden\",\"reason\":\"insufficient-role\"}", r.body());
    assertEquals(preset("admin", MEMBER).body(), r.body());
    assertEquals(List.of("no-store"), r.headers().allValues("Cache-Control"));
  }

  @Test
  void beanRefusalWhenAdminThenRuns() throws Exception {
    deploy(TestApplication.class, true);
    HttpResponse<String> r = preset("bean/admin", ADMIN);
    assertStatus(200, r);
    assertEquals("bean admin", r.body());
  }

  @Test
  void beanRefusalWhenPageSignedOutThenHtml401() throws Exception {
    deploy(TestApplication.class, true);
    HttpResponse<String> own =
        get("admin", "Accept", "text/html,text/plain;q=0.9", "Sec-Fetch-Dest", "document");
    HttpResponse<String> r =
        get("bean/admin", "Accept", "text/html,text/plain;q=0.9", "Sec-Fetch-Dest", "document");
    assertStatus(401, r);
    assertTrue(
        r.headers()
            .firstValue("Content-Type")
            .orElseThrow()
            .toLowerCase(java.util.Locale.ROOT)
            .equals("text/html;charset=utf-8"),
        r.headers().map().toString());
    assertEquals(own.headers().firstValue("Content-Type"), r.headers().firstValue("Content-Type"));
    assertTrue(r.body().startsWith("<!DOCTYPE html>"), r.body());
    assertEquals(own.body(), r.body());
  }

  @Test
  void beanRefusalWhenReverificationStaleThenClerksBody() throws Exception {
    deploy(TestApplication.class, true);
    HttpResponse<String> r = preset("bean/reverify", MEMBER);
    assertStatus(403, r);
    assertEquals(
        "{\"clerk_error\":{\"type\":\"forbidden\",\"reason\":\"reverification-error\","
            + "\"metadata\":{\"reverification\":\"strict\"}}}",
        r.body());
  }

  @Test
  void beanRefusalWhenTokenExpiredThen401WithTheDecisionsReason() throws Exception {
    deploy(TestApplication.class, false);
    String expired =
        fake.sessionToken().subject("user_late").shiftTimes(Duration.ofMinutes(-10)).sign();
    HttpResponse<String> own = get("admin", "Authorization", "Bearer " + expired);
    HttpResponse<String> r = get("bean/admin", "Authorization", "Bearer " + expired);
    assertStatus(401, r);
    assertEquals(own.body(), r.body());
    assertTrue(
        r.body().startsWith("{\"error\":\"unauthorized\",\"reason\":\"session-token-expired"),
        r.body());
    assertEquals(
        own.headers().firstValue("WWW-Authenticate"), r.headers().firstValue("WWW-Authenticate"));
  }

  @Test
  void adminWhenMemberThen403InsufficientScope() throws Exception {
    deploy(TestApplication.class, true);
    HttpResponse<String> r = preset("admin", MEMBER);
    assertStatus(403, r);
    assertEquals(
        "Bearer error=\"insufficient_scope\", error_description=\"The request requires other permissions\"",
        r.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertEquals("{\"error\":\"forbidden\",\"reason\":\"insufficient-role\"}", r.body());
    assertEquals(List.of("no-store"), r.headers().allValues("Cache-Control"));
  }

  @Test
  void adminWhenOrgAdminThen200() throws Exception {
    deploy(TestApplication.class, true);
    HttpResponse<String> r = preset("admin", ADMIN);
    assertStatus(200, r);
    assertEquals("admin", r.body());
  }

  @Test
  void signedInWhenTokenExpiredThen401InvalidToken() throws Exception {
    deploy(TestApplication.class, true);
    HttpResponse<String> r = preset("signed-in", "expired");
    assertStatus(401, r);
    assertEquals(
        "Bearer error=\"invalid_token\", error_description=\"The token is invalid, expired or not accepted here\"",
        r.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertEquals(List.of("token-expired"), r.headers().allValues("x-clerk-auth-reason"));
  }

  @Test
  void signedInWhenClerkUnreachableThen503() throws Exception {
    deploy(TestApplication.class, true);
    HttpResponse<String> r = preset("signed-in", "outage");
    assertStatus(503, r);
    assertTrue(r.headers().firstValue("WWW-Authenticate").isEmpty());
    assertEquals(
        "{\"error\":\"service_unavailable\",\"reason\":\"jwk-remote-failed-to-load\"}", r.body());
    assertEquals(List.of("no-store"), r.headers().allValues("Cache-Control"));
  }

  @Test
  void signedInWhenMachineOfApplicationTypesThen200() throws Exception {
    deploy(TestApplication.class, true);
    HttpResponse<String> r = preset("signed-in", "machine=api_key:user_9");
    assertStatus(200, r);
    assertEquals("signed in user_9", r.body());
  }

  @Test
  void machinesWhenServletFilterSignedInSessionThenResourceTypesDecideAgain() throws Exception {
    deploy(TestApplication.class, true);
    // The servlet filter accepted a session; this resource accepts machine tokens only.
    HttpResponse<String> r = preset("machines", ADMIN);
    assertStatus(401, r);
    // A list without session_token and no machine token in the header: Clerk's token-type-mismatch.
    assertEquals(List.of("token-type-mismatch"), r.headers().allValues("x-clerk-auth-reason"));
    assertTrue(
        r.headers()
            .firstValue("WWW-Authenticate")
            .orElseThrow()
            .startsWith("Bearer error=\"invalid_token\""));
  }

  @Test
  void requirePermissionWhenHeldThen200AndWhenMissingThen403() throws Exception {
    deploy(TestApplication.class, true);
    assertStatus(200, preset("invoices", ADMIN));
    assertStatus(403, preset("invoices", MEMBER));
    assertStatus(401, get("invoices"));
  }

  @Test
  void requireRoleWhenRoleWithoutPrefixThenMatchesOrgRole() throws Exception {
    deploy(TestApplication.class, true);
    assertStatus(200, preset("role", ADMIN));
    assertStatus(403, preset("role", MEMBER));
  }

  @Test
  void requireFeatureAndPlanWhenClaimsGrantThen200ElseForbidden() throws Exception {
    deploy(TestApplication.class, true);
    assertStatus(200, preset("feature", ADMIN));
    assertStatus(403, preset("feature", MEMBER));
    assertStatus(200, preset("plan", ADMIN));
    assertStatus(403, preset("plan", MEMBER));
  }

  @Test
  void requireRoleWhenMachineTokenThen403() throws Exception {
    deploy(TestApplication.class, true);
    assertStatus(403, preset("role", "machine=api_key:user_9"));
  }

  @Test
  void requireReverificationWhenFreshThen200ElseClerkReverificationError() throws Exception {
    deploy(TestApplication.class, true);
    assertStatus(200, preset("sensitive", ADMIN));
    HttpResponse<String> r = preset("sensitive", MEMBER);
    assertStatus(403, r);
    assertEquals(
        "{\"clerk_error\":{\"type\":\"forbidden\",\"reason\":\"reverification-error\",\"metadata\":{\"reverification\":\"strict\"}}}",
        r.body());
    HttpResponse<String> custom = preset("first-factor", MEMBER);
    assertStatus(403, custom);
    assertEquals(
        "{\"clerk_error\":{\"type\":\"forbidden\",\"reason\":\"reverification-error\",\"metadata\":"
            + "{\"reverification\":{\"level\":\"first_factor\",\"afterMinutes\":5}}}}",
        custom.body());
    assertStatus(200, preset("first-factor", ADMIN));
  }

  @Test
  void denyAllWhenAdminThen403() throws Exception {
    deploy(TestApplication.class, true);
    HttpResponse<String> r = preset("denied", ADMIN);
    assertStatus(403, r);
    assertEquals("{\"error\":\"forbidden\",\"reason\":\"access-denied\"}", r.body());
  }

  @Test
  void requireWhenEachKindOfCheckFailsThen403NamingIt() throws Exception {
    deploy(TestApplication.class, true);
    for (String[] pathAndReason :
        new String[][] {
          {"admin", "insufficient-role"},
          {"role", "insufficient-role"},
          {"invoices", "insufficient-permission"},
          {"feature", "missing-feature"},
          {"plan", "missing-plan"},
          {"denied", "access-denied"}
        }) {
      HttpResponse<String> r = preset(pathAndReason[0], MEMBER);
      assertStatus(403, r);
      assertEquals(
          "{\"error\":\"forbidden\",\"reason\":\"" + pathAndReason[1] + "\"}",
          r.body(),
          pathAndReason[0]);
      assertEquals(List.of("no-store"), r.headers().allValues("Cache-Control"));
    }
  }

  @Test
  void adminWhenBrowserPageSignedOutThen401HtmlPage() throws Exception {
    deploy(TestApplication.class, true);
    HttpResponse<String> r =
        get("admin", "Sec-Fetch-Dest", "document", "Accept", "text/html,*/*;q=0.8");
    assertStatus(401, r);
    assertEquals(
        "text/html;charset=utf-8",
        r.headers()
            .firstValue("Content-Type")
            .orElseThrow()
            .replace(" ", "")
            .toLowerCase(java.util.Locale.ROOT));
    assertEquals(
        "<!DOCTYPE html><html><head><title>401</title></head><body><p>Sign in to see this page.</p></body></html>\n",
        r.body());
    assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElseThrow());
  }

  @Test
  void classLevelRequirementsWhenMethodPermitAllThenOpen() throws Exception {
    deploy(TestApplication.class, true);
    assertStatus(200, preset("secured", ADMIN));
    assertStatus(
        403, preset("secured", "sub=user_x;org=org_1;role=org:admin;perms=org:reports:read"));
    assertStatus(401, get("secured"));
    HttpResponse<String> open = get("secured/open");
    assertStatus(200, open);
    assertEquals("open", open.body());
  }

  @Test
  void preflightWhenProtectedResourceThenPassesUntouched() throws Exception {
    deploy(TestApplication.class, false);
    HttpRequest preflight =
        HttpRequest.newBuilder(base.resolve("admin"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", "https://app.example")
            .header("Access-Control-Request-Method", "GET")
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> r = HTTP.send(preflight, HttpResponse.BodyHandlers.ofString());
    assertTrue(r.statusCode() < 300, () -> r.statusCode() + " " + r.body());
    assertTrue(
        r.headers().firstValue("x-clerk-auth-status").isEmpty(), r.headers().map()::toString);
    assertTrue(r.headers().firstValue("WWW-Authenticate").isEmpty(), r.headers().map()::toString);
  }

  @Test
  void deployWhenAcceptsTokenUnknownThenFailsNamingTheMethod() {
    Exception e =
        assertThrows(
            Exception.class,
            () -> {
              deploy(BadAnnotationApplication.class, false);
              // Some runtimes report a failed deployment only when the servlet is first used.
              HttpResponse<String> r = get("bad");
              throw new AssertionError("deployed, answered " + r.statusCode());
            });
    assertCause(
        e,
        "@AcceptsToken on dev.clerk.jakarta.jaxrs.BadAnnotationApplication$BadResource#get:"
            + " accepts-token: unknown token type \"api_keys\" (expected any, session_token, api_key,"
            + " m2m_token or oauth_token)");
  }

  @Test
  void deployWhenNoClerkAnywhereThenFailsNamingTheSetting() {
    Assumptions.assumeTrue(
        System.getenv("CLERK_SECRET_KEY") == null
            && System.getenv("CLERK_JWT_KEY") == null
            && System.getProperty("clerk.secretKey") == null
            && System.getProperty("clerk.jwtKey") == null,
        "the environment configures Clerk");
    Exception e =
        assertThrows(
            Exception.class,
            () -> {
              deploy(TestApplication.class, false, false);
              HttpResponse<String> r = get("public");
              throw new AssertionError("deployed, answered " + r.statusCode());
            });
    assertCause(
        e,
        "ClerkAuthFeature: Clerk is not configured: Missing Clerk Secret Key. Go to"
            + " https://dashboard.clerk.com and get your key for your instance. (CLERK_SECRET_KEY,"
            + " init-param secret-key; or CLERK_JWT_KEY for networkless verification)");
  }

  private static void assertCause(Throwable e, String expected) {
    Throwable cause = e;
    while (cause != null && !expected.equals(cause.getMessage())) {
      cause = cause.getCause();
    }
    assertNotNull(cause, () -> "no cause with the expected message in " + stackOf(e));
  }

  private static String stackOf(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c).append(" <- ");
    }
    return sb.toString();
  }

  // ---- end to end through core with FakeClerk tokens --------------------------------------------

  @Test
  void meWhenBearerSessionTokenThenSignedIn() throws Exception {
    deploy(TestApplication.class, false);
    String token =
        fake.sessionToken()
            .subject("user_2")
            .sessionId("sess_2")
            .organizationV1("org_2", "acme", "org:admin", "org:invoices:read")
            .sign();
    HttpResponse<String> r = get("me", "Authorization", "Bearer " + token);
    assertStatus(200, r);
    assertEquals(
        "user=user_2 session=sess_2 org=org_2 role=org:admin permissions=[org:invoices:read]"
            + " type=session_token field=user_2 principal=user_2 scheme=CLERK admin=true"
            + " portable=user_2/user_2",
        r.body());
    assertTrue(
        r.headers().firstValue("x-clerk-auth-status").isEmpty(), "no debug headers when signed in");
    assertStatus(200, get("admin", "Authorization", "Bearer " + token));
  }

  @Test
  void meWhenSessionCookieThenSignedIn() throws Exception {
    deploy(TestApplication.class, false);
    String token = fake.sessionToken().subject("user_3").sign();
    long iat = fake.clock().instant().getEpochSecond() - 5;
    HttpResponse<String> r =
        get("signed-in", "Cookie", "__client_uat=" + iat + "; __session=" + token);
    assertStatus(200, r);
    assertEquals("signed in user_3", r.body());
  }

  @Test
  void publicWhenNoCredentialsThenAnonymousWithDebugHeaders() throws Exception {
    deploy(TestApplication.class, false);
    HttpResponse<String> r = get("public");
    assertStatus(200, r);
    assertEquals("public anonymous", r.body());
    assertEquals(List.of("signed-out"), r.headers().allValues("x-clerk-auth-status"));
    assertEquals(
        List.of("session-token-and-uat-missing"), r.headers().allValues("x-clerk-auth-reason"));
  }

  @Test
  void adminWhenForgedTokenThen401InvalidTokenWithDebugHeaders() throws Exception {
    deploy(TestApplication.class, false);
    String forged = fake.sessionToken().signWith(fake.foreignKey(fake.signingKey().kid())).sign();
    HttpResponse<String> r = get("admin", "Authorization", "Bearer " + forged);
    assertStatus(401, r);
    assertTrue(
        r.headers()
            .firstValue("WWW-Authenticate")
            .orElseThrow()
            .startsWith("Bearer error=\"invalid_token\""),
        r.headers().map().toString());
    assertEquals(List.of("signed-out"), r.headers().allValues("x-clerk-auth-status"));
  }

  @Test
  void documentWhenSessionExpiredThenHandshake307WithHeaders() throws Exception {
    deploy(TestApplication.class, false);
    String expired =
        fake.sessionToken().subject("user_4").shiftTimes(Duration.ofMinutes(-10)).sign();
    long uat = fake.clock().instant().getEpochSecond() - 900;
    HttpResponse<String> r =
        get(
            "public?x=1",
            "Accept",
            "text/html,application/xhtml+xml,*/*;q=0.8",
            "Sec-Fetch-Dest",
            "document",
            "Cookie",
            "__client_uat=" + uat + "; __session=" + expired);
    assertStatus(307, r);
    String location = r.headers().firstValue("Location").orElseThrow();
    assertTrue(
        location.startsWith("https://" + fake.frontendApi() + "/v1/client/handshake?"), location);
    assertTrue(
        location.contains(
            "redirect_url="
                + java.net.URLEncoder.encode(
                    base.resolve("public?x=1").toString(),
                    java.nio.charset.StandardCharsets.UTF_8)),
        location);
    assertEquals(List.of("handshake"), r.headers().allValues("x-clerk-auth-status"));
    assertEquals("", r.body());
  }

  @Test
  void explicitClerkWhenNoServletContextClerkThenUsesIt() throws Exception {
    ExplicitClerkApplication.clerk = clerk();
    deploy(ExplicitClerkApplication.class, false, false);
    String token = fake.sessionToken().subject("user_7").sign();
    HttpResponse<String> r = get("signed-in", "Authorization", "Bearer " + token);
    assertStatus(200, r);
    assertEquals("signed in user_7", r.body());
    // Shared in turn, for a servlet filter initialised later.
    assertSame(
        ExplicitClerkApplication.clerk,
        server.servletContext().getAttribute(Clerk.CONTEXT_ATTRIBUTE));
  }

  @Test
  void machinesWhenApiKeyThenSignedInAndSessionOnlyResourceRefusesIt() throws Exception {
    fake.backendApi().registerApiKey("ak_live_secret", "user_5");
    deploy(TestApplication.class, false);
    HttpResponse<String> r = get("machines", "Authorization", "Bearer ak_live_secret");
    assertStatus(200, r);
    assertEquals("machine api_key:user_5", r.body());
    HttpResponse<String> sessionOnly = get("signed-in", "Authorization", "Bearer ak_live_secret");
    assertStatus(401, sessionOnly);
  }

  /** The real servlet filter in front of the JAX-RS servlet, as in a WAR that uses both. */
  void deployBehindClerkFilter() throws Exception {
    deployBehindClerkFilter(fake);
  }

  void deployBehindClerkFilter(FakeClerk clerk) throws Exception {
    stopServer();
    // No Clerk in the ServletContext and none in the environment: the filter creates and shares it.
    server =
        new TestApp()
            .filter(
                ClerkFilter.class,
                "/*",
                EnumSet.of(DispatcherType.REQUEST),
                Map.of(
                    ClerkFilter.SECRET_KEY_PARAM, clerk.secretKey(),
                    ClerkFilter.PUBLISHABLE_KEY_PARAM, clerk.publishableKey(),
                    ClerkFilter.API_URL_PARAM, clerk.apiUrl()))
            .servlet(jaxrsServlet(TestApplication.class), "/*")
            .start();
    base = server.base();
  }

  @Test
  void meWhenClerkFilterInFrontThenItsClerkAndDecisionAreReused() throws Exception {
    deployBehindClerkFilter();

    String token =
        fake.sessionToken().subject("user_8").organizationV1("org_8", "acme", "org:admin").sign();
    HttpResponse<String> me = get("me", "Authorization", "Bearer " + token);
    assertStatus(200, me);
    assertTrue(
        me.body().startsWith("user=user_8 session=sess_fake_session org=org_8 role=org:admin"),
        me.body());
    assertTrue(
        me.body().contains(" field=user_8 principal=user_8 scheme=CLERK admin=true"), me.body());

    // Signed out: the filter's debug headers, once (JAX-RS did not decide and add them again).
    HttpResponse<String> anonymous = get("public");
    assertStatus(200, anonymous);
    assertEquals(List.of("signed-out"), anonymous.headers().allValues("x-clerk-auth-status"));
    HttpResponse<String> admin = get("admin");
    assertStatus(401, admin);
    assertEquals(List.of("signed-out"), admin.headers().allValues("x-clerk-auth-status"));
  }

  @Test
  void setsCookieWhenClerkFilterResolvedHandshakeThenResourceCookieDoesNotReplaceSession()
      throws Exception {
    try (FakeClerk production =
        FakeClerk.builder().production().frontendApi("clerk.example.com").start()) {
      deployBehindClerkFilter(production);
      var t = production.sessionToken().subject("user_hs");
      List<String> directives =
          FakeFrontendApi.signedInDirectives(t.sign(), t.now().getEpochSecond(), null);
      String handshake = FakeFrontendApi.handshakeToken(production, directives);
      HttpResponse<String> r =
          get("sets-cookie?__clerk_handshake=" + handshake, "Sec-Fetch-Dest", "document");
      assertStatus(200, r);
      assertEquals("cookie user_hs", r.body());
      List<String> names =
          r.headers().allValues("Set-Cookie").stream()
              .map(c -> c.split("=", 2)[0])
              .sorted()
              .toList();
      assertEquals(
          List.of("__client_uat", "__session", "app"), names, () -> r.headers().map().toString());
    }
  }

  @Test
  void meWhenServletFilterSentCookiesThenEachOnce() throws Exception {
    deploy(TestApplication.class, true);
    HttpResponse<String> r = preset("me", "refreshed");
    assertStatus(200, r);
    List<String> names =
        r.headers().allValues("Set-Cookie").stream().map(c -> c.split("=", 2)[0]).sorted().toList();
    assertEquals(List.of("__client_uat", "__session"), names, () -> r.headers().map().toString());
  }

  @Test
  void machinesWhenClerkFilterInFrontAndResourceDecidesAgainThenEachHeaderOnce() throws Exception {
    deployBehindClerkFilter();
    // The filter signed out and sent its debug headers; the resource's own token types decide
    // again.
    HttpResponse<String> r = get("machines");
    assertStatus(401, r);
    assertEquals(List.of("signed-out"), r.headers().allValues("x-clerk-auth-status"));
    assertEquals(
        1, r.headers().allValues("x-clerk-auth-reason").size(), () -> r.headers().map().toString());
    assertEquals(
        1, r.headers().allValues("WWW-Authenticate").size(), () -> r.headers().map().toString());
  }

  @Test
  void machinesWhenSessionTokenThen401TokenTypeMismatch() throws Exception {
    deploy(TestApplication.class, false);
    String token = fake.sessionToken().subject("user_6").sign();
    HttpResponse<String> r = get("machines", "Authorization", "Bearer " + token);
    assertStatus(401, r);
    assertEquals(List.of("token-type-mismatch"), r.headers().allValues("x-clerk-auth-reason"));
  }
}
