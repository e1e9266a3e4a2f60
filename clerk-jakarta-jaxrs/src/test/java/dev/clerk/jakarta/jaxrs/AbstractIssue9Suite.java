package dev.clerk.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.jaxrs.JaxrsServer.Setup;
import dev.clerk.jakarta.testing.FakeClerk;
import jakarta.ws.rs.core.Application;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 9 regression tests on each JAX-RS implementation, each alone and behind the real servlet
 * filter (one server per setup): requirements of every class and locator on the path (defect 1),
 * {@code @AcceptsToken} behind the servlet filter (defect 2), explicit {@code OPTIONS} and {@code
 * HEAD} (defect 5). Tokens come from {@link FakeClerk}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractIssue9Suite {
  static final String API_KEY = "ak_issue9_secret";

  private FakeClerk fake;
  private final Map<Setup, JaxrsServer> servers = new EnumMap<>(Setup.class);
  String admin;
  private String adminWithoutInvoices;
  String member;

  /**
   * Before every token's iat: a later __client_uat would mean the cookie is older than a sign-in.
   */
  private long clientUat;

  /** {@return the implementation's servlet, deploying {@code application}} */
  abstract ServletSpec jaxrsServlet(Class<? extends Application> application);

  @BeforeAll
  void start() throws Exception {
    fake = FakeClerk.builder().production().start();
    fake.registerApiKey(API_KEY, "user_machine");
    clientUat = fake.clock().instant().getEpochSecond() - 5;
    admin = session("user_admin", "org:admin", "org:invoices:read");
    adminWithoutInvoices = session("user_admin2", "org:admin", "org:reports:read");
    member = session("user_member", "org:member", "org:invoices:read");
    for (Setup setup : Setup.values()) {
      servers.put(setup, JaxrsServer.start(jaxrsServlet(ChainResources.App.class), fake, setup));
    }
  }

  @AfterAll
  void stop() throws Exception {
    for (JaxrsServer s : servers.values()) {
      s.stop();
    }
    fake.close();
  }

  private String session(String user, String role, String... permissions) {
    return fake.sessionToken()
        .subject(user)
        .organizationV1("org_1", "acme", role, permissions)
        .expiresIn(Duration.ofMinutes(30))
        .sign();
  }

  HttpResponse<String> get(Setup setup, String path, String... headers) throws Exception {
    return servers.get(setup).send("GET", path, headers);
  }

  static String bearer(String token) {
    return "Bearer " + token;
  }

  private String cookie(String token) {
    return "__client_uat=" + clientUat + "; __session=" + token;
  }

  static void assertStatus(int expected, HttpResponse<String> r) {
    assertEquals(
        expected, r.statusCode(), () -> "body: " + r.body() + " headers: " + r.headers().map());
  }

  static void assertRefused(int expected, HttpResponse<String> r) {
    assertStatus(expected, r);
    assertFalse(r.body().contains("body"), r.body());
  }

  // ---- defect 1: every class and locator on the path ------------------------------------------

  @ParameterizedTest
  @EnumSource(Setup.class)
  void lockedSubWhenAnonymousThen401(Setup setup) throws Exception {
    assertRefused(401, get(setup, "locked"));
    assertRefused(401, get(setup, "locked/sub"));
    assertRefused(401, get(setup, "locked/sub/"));
    assertRefused(401, get(setup, "locked/sub-class"));
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void lockedSubWhenMemberThen403(Setup setup) throws Exception {
    assertRefused(403, get(setup, "locked/sub", "Authorization", bearer(member)));
    assertRefused(403, get(setup, "locked/sub-class", "Authorization", bearer(member)));
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void lockedSubWhenAdminThen200(Setup setup) throws Exception {
    HttpResponse<String> r = get(setup, "locked/sub", "Authorization", bearer(admin));
    assertStatus(200, r);
    assertEquals("sub body", r.body());
    assertEquals("sub body", get(setup, "locked/sub-class", "Cookie", cookie(admin)).body());
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void lockedSubPermitAllWhenAnonymousThenEnclosingRequirementStill401(Setup setup)
      throws Exception {
    assertRefused(401, get(setup, "locked/sub/permit"));
    assertRefused(403, get(setup, "locked/sub/permit", "Authorization", bearer(member)));
    assertEquals(
        "permit body", get(setup, "locked/sub/permit", "Authorization", bearer(admin)).body());
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void deepChainWhenThreeLocatorsThenEveryLevelApplies(Setup setup) throws Exception {
    assertRefused(401, get(setup, "locked/deep/l2/l3/7"));
    assertRefused(403, get(setup, "locked/deep/l2/l3/7", "Authorization", bearer(member)));
    // Admin of the enclosing class, without the interface locator's permission.
    assertRefused(
        403, get(setup, "locked/deep/l2/l3/7", "Authorization", bearer(adminWithoutInvoices)));
    HttpResponse<String> r = get(setup, "locked/deep/l2/l3/7", "Authorization", bearer(admin));
    assertStatus(200, r);
    assertEquals("deep body", r.body());
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void gateWhenOnlyLocatorAnnotatedThenItsRequirementApplies(Setup setup) throws Exception {
    assertRefused(401, get(setup, "gate/in"));
    assertRefused(401, get(setup, "gate/in/permit"));
    assertEquals("sub body", get(setup, "gate/in", "Authorization", bearer(member)).body());
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void interfaceMethodAnnotationWhenImplementationHasNoneThenApplies(Setup setup) throws Exception {
    assertRefused(401, get(setup, "iface/x"));
    assertRefused(403, get(setup, "iface/x", "Authorization", bearer(member)));
    assertEquals("iface body", get(setup, "iface/x", "Authorization", bearer(admin)).body());
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void superclassAnnotationWhenSubclassHasNoneThenApplies(Setup setup) throws Exception {
    assertRefused(401, get(setup, "inheriting"));
    assertEquals(
        "inheriting body", get(setup, "inheriting", "Authorization", bearer(member)).body());
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void docsWhenLocatorsReturnTheSameTypeThenTheMatchedOneDecides(Setup setup) throws Exception {
    assertEquals("sub body", get(setup, "docs/public").body());
    assertEquals("permit body", get(setup, "docs/public/permit").body());
    assertEquals("sub body", get(setup, "docs/anything").body());
    assertRefused(401, get(setup, "docs/internal"));
    assertRefused(401, get(setup, "docs/internal/permit"));
    assertRefused(403, get(setup, "docs/internal", "Authorization", bearer(member)));
    assertEquals("sub body", get(setup, "docs/internal", "Authorization", bearer(admin)).body());
    assertRefused(401, get(setup, "docs/guide-2"));
    assertEquals("sub body", get(setup, "docs/guide-2", "Authorization", bearer(member)).body());
  }

  @Test
  void guardWhenNoAuthorizationFilterWasBoundThen403() throws Exception {
    JaxrsServer server =
        JaxrsServer.start(jaxrsServlet(ChainResources.GuardOnlyApp.class), fake, Setup.ALONE);
    try {
      assertRefused(403, server.send("GET", "open"));
    } finally {
      server.stop();
    }
  }

  // ---- defect 2: a method's decision is the only identity its authorization sees --------------

  @ParameterizedTest
  @EnumSource(Setup.class)
  void machineAdminWhenSessionTokenThen401(Setup setup) throws Exception {
    assertRefused(401, get(setup, "machine/admin", "Authorization", bearer(admin)));
    assertRefused(401, get(setup, "machine/admin", "Cookie", cookie(admin)));
    assertRefused(401, get(setup, "machine/signed-in", "Authorization", bearer(admin)));
    assertRefused(401, get(setup, "machine/signed-in", "Cookie", cookie(admin)));
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void machineAdminWhenApiKeyWithoutRoleThen403(Setup setup) throws Exception {
    assertRefused(403, get(setup, "machine/admin", "Authorization", bearer(API_KEY)));
    HttpResponse<String> r = get(setup, "machine/signed-in", "Authorization", bearer(API_KEY));
    assertStatus(200, r);
    assertEquals("machine user_machine", r.body());
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void machineOnlyWhenCredentialInCookieThen401(Setup setup) throws Exception {
    // Browser cookies never authenticate a machine-only method, whatever they hold.
    assertRefused(401, get(setup, "machine/signed-in", "Cookie", "__session=" + API_KEY));
    assertRefused(401, get(setup, "machine/signed-in", "Cookie", cookie(API_KEY)));
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void whoamiWhenSessionOnApiKeyMethodThenEveryViewSignedOut(Setup setup) throws Exception {
    String expected =
        "auth=- principal=- admin=false scheme=null attribute=- servlet=- servletAdmin=false remoteUser=null";
    assertEquals(expected, get(setup, "machine/whoami", "Authorization", bearer(admin)).body());
    assertEquals(expected, get(setup, "machine/whoami", "Cookie", cookie(admin)).body());
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void whoamiWhenApiKeyThenEveryViewTheMachine(Setup setup) throws Exception {
    assertEquals(
        "auth=user_machine principal=user_machine admin=false scheme=CLERK attribute=user_machine"
            + " servlet=user_machine servletAdmin=false remoteUser=user_machine",
        get(setup, "machine/whoami", "Authorization", bearer(API_KEY)).body());
  }

  // ---- defect 5: explicit OPTIONS, automatic OPTIONS and HEAD ---------------------------------

  private HttpResponse<String> options(
      Setup setup, String path, boolean preflight, String... headers) throws Exception {
    String[] cors =
        preflight
            ? new String[] {"Origin", "https://app.example", "Access-Control-Request-Method", "GET"}
            : new String[0];
    String[] all = new String[cors.length + headers.length];
    System.arraycopy(cors, 0, all, 0, cors.length);
    System.arraycopy(headers, 0, all, cors.length, headers.length);
    return servers.get(setup).send("OPTIONS", path, all);
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void explicitOptionsWhenAnonymousPreflightThen401(Setup setup) throws Exception {
    assertRefused(401, options(setup, "opts", true));
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void explicitOptionsWhenAnonymousWithoutCorsHeadersThen401(Setup setup) throws Exception {
    assertRefused(401, options(setup, "opts", false));
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void explicitOptionsWhenSignedInThen200(Setup setup) throws Exception {
    HttpResponse<String> r = options(setup, "opts", false, "Authorization", bearer(member));
    assertStatus(200, r);
    assertEquals("options body", r.body());
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void automaticOptionsWhenPreflightOnProtectedPathsThenAnswered(Setup setup) throws Exception {
    for (String path : new String[] {"locked", "locked/sub", "locked/deep/l2/l3/7", "iface/x"}) {
      HttpResponse<String> r = options(setup, path, true);
      assertStatus(200, r);
      assertFalse(r.body().contains("body"), r.body());
      assertTrue(
          r.headers().firstValue("Allow").orElseThrow().contains("GET"),
          r.headers().map()::toString);
      assertTrue(r.headers().firstValue("WWW-Authenticate").isEmpty(), r.headers().map()::toString);
    }
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void headWhenProtectedGetThenEnforcedAsGet(Setup setup) throws Exception {
    JaxrsServer server = servers.get(setup);
    assertStatus(401, server.send("HEAD", "locked/sub"));
    assertStatus(401, server.send("HEAD", "opts"));
    assertStatus(403, server.send("HEAD", "locked/deep/l2/l3/7", "Authorization", bearer(member)));
    HttpResponse<String> r =
        server.send("HEAD", "locked/deep/l2/l3/7", "Authorization", bearer(admin));
    assertStatus(200, r);
    assertEquals("", r.body());
  }
}
