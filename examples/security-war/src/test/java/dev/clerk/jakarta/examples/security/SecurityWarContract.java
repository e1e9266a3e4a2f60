package dev.clerk.jakarta.examples.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.examples.servlet.DeployedServer;
import dev.clerk.jakarta.testing.FakeClerk;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The security WAR's contract, checked against a real Jakarta EE server that a subclass starts with
 * {@code security-war.war} deployed and configured through {@code CLERK_*} environment variables
 * for a {@link FakeClerk} started here: {@link WildFlySecurityWarIT}, {@link
 * PayaraMicro6SecurityWarIT}. The container enforces {@code web.xml}'s constraints and the EJB's
 * {@code @RolesAllowed} with the identity {@code ClerkAuthenticationMechanism} gives it.
 *
 * <p>One instance per class: the server starts once, before the first test of its class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SecurityWarContract {
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
  static final String INVALID_TOKEN =
      "Bearer error=\"invalid_token\", error_description=\"The token is invalid, expired or not accepted here\"";
  FakeClerk clerk;
  DeployedServer server;

  /** The application's base URL, without a trailing slash. */
  String app;

  /**
   * Starts the server with the WAR deployed and the given environment variables, and returns once
   * it answers; its {@link DeployedServer#url()} is the application's base URL.
   *
   * @param war the WAR
   * @param env the {@code CLERK_*} environment variables the application reads its settings from
   */
  abstract DeployedServer deploy(Path war, Map<String, String> env) throws Exception;

  @BeforeAll
  void deployAndStart() throws Exception {
    clerk = FakeClerk.start();
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CLERK_SECRET_KEY", clerk.secretKey());
    env.put("CLERK_PUBLISHABLE_KEY", clerk.publishableKey());
    env.put("CLERK_API_URL", clerk.apiUrl());
    // Browsers' handshakes go to FakeClerk's Frontend API.
    env.put("CLERK_PROXY_URL", clerk.apiUrl());
    server = deploy(existingFile("example.war"), env);
    app = server.url();
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (server != null) {
        server.stop();
      }
    } finally {
      if (clerk != null) {
        clerk.close();
      }
    }
  }

  /** {@return the path that system property {@code name} names, which must be an existing file} */
  static Path existingFile(String name) {
    String value = System.getProperty(name);
    assertTrue(
        value != null && !value.isBlank(),
        "system property " + name + " is not set (run the test with mvn verify)");
    Path p = Path.of(value);
    assertTrue(Files.isRegularFile(p), "no file at " + p + " (system property " + name + ")");
    return p;
  }

  HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create(app + path)).timeout(Duration.ofSeconds(20)).GET();
  }

  HttpRequest.Builder api(String path, String token) {
    return get(path)
        .header("Accept", "application/json")
        .header("Authorization", "Bearer " + token);
  }

  HttpRequest.Builder document(String path) {
    return get(path).header("Sec-Fetch-Dest", "document").header("Accept", "text/html");
  }

  /** Sends the request and reads the whole response within {@link #RESPONSE_TIMEOUT}. */
  HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    HttpRequest r = request.build();
    try {
      return HTTP.sendAsync(r, HttpResponse.BodyHandlers.ofString())
          .get(RESPONSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError(
          "no complete response within "
              + RESPONSE_TIMEOUT
              + " to "
              + r.method()
              + " "
              + r.uri().getRawPath()
              + "\n"
              + server.console(),
          e);
    }
  }

  String admin() {
    return clerk
        .sessionToken()
        .subject("user_admin")
        .organizationV1("org_1", "acme", "org:admin", "org:invoices:read")
        .sign();
  }

  String member() {
    return clerk
        .sessionToken()
        .subject("user_member")
        .organizationV1("org_1", "acme", "org:member", "org:invoices:read")
        .sign();
  }

  static String contentType(HttpResponse<String> r) {
    return r.headers()
        .firstValue("Content-Type")
        .orElse("")
        .replace(" ", "")
        .toLowerCase(java.util.Locale.ROOT);
  }

  @Test
  void healthWhenGetThen200() throws Exception {
    HttpResponse<String> r = send(get("/health"));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("ok", r.body());
  }

  @Test
  void homeWhenAnonymousThenPublicPage() throws Exception {
    HttpResponse<String> r = send(get("/"));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("public page, anonymous", r.body());
  }

  @Test
  void homeWhenSignedInThenPublicPageKnowsTheCaller() throws Exception {
    HttpResponse<String> r = send(api("/", clerk.sessionToken().subject("user_home").sign()));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("public page, user_home", r.body());
  }

  @Test
  void apiWhenAnonymousThen401BearerJson() throws Exception {
    // The development browser's cookie (a browser that has met Clerk), else the reason is
    // dev-browser-missing.
    HttpResponse<String> r =
        send(
            get("/api/me")
                .header("Accept", "application/json")
                .header("Cookie", "__clerk_db_jwt=dvb_it"));
    assertEquals(401, r.statusCode(), r.body());
    assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(""));
    assertEquals("application/json", contentType(r));
    assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
    assertEquals(
        "{\"error\":\"unauthorized\",\"reason\":\"session-token-and-uat-missing\"}", r.body());
  }

  @Test
  void adminPageWhenAnonymousBrowserThenHandshakeToClerk() throws Exception {
    HttpResponse<String> r = send(document("/admin/"));
    assertEquals(307, r.statusCode(), r.body());
    String location = r.headers().firstValue("Location").orElse("");
    assertTrue(location.startsWith(clerk.apiUrl() + "/v1/client/handshake?"), location);
    assertEquals("handshake", r.headers().firstValue("x-clerk-auth-status").orElse(""));
    assertEquals("dev-browser-missing", r.headers().firstValue("x-clerk-auth-reason").orElse(""));
    // WildFly writes its own for a constrained resource: "no-cache, no-store, must-revalidate".
    assertTrue(
        r.headers().firstValue("Cache-Control").orElse("").contains("no-store"),
        r.headers().toString());
  }

  @Test
  void adminPageWhenAnonymousBrowserKnownToClerkThen401Page() throws Exception {
    HttpResponse<String> r = send(document("/admin/").header("Cookie", "__clerk_db_jwt=dvb_it"));
    assertEquals(401, r.statusCode(), r.body());
    assertEquals("text/html;charset=utf-8", contentType(r));
    assertEquals(
        "<!DOCTYPE html><html><head><title>401</title></head><body><p>Sign in to see this page.</p>"
            + "</body></html>\n",
        r.body());
  }

  @Test
  void adminWhenOrgAdminThen200() throws Exception {
    HttpResponse<String> r = send(api("/admin/", admin()));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("admin user_admin", r.body());
  }

  @Test
  void adminWhenOrgMemberThenContainer403() throws Exception {
    HttpResponse<String> r = send(api("/admin/", member()));
    assertEquals(403, r.statusCode(), r.body());
  }

  @Test
  void adminWhenForgedTokenThen401WithReason() throws Exception {
    String forged =
        clerk
            .sessionToken()
            .subject("user_admin")
            .organizationV1("org_1", "acme", "org:admin")
            .signWith(clerk.foreignKey(clerk.signingKey().kid()))
            .sign();
    HttpResponse<String> r = send(api("/admin/", forged));
    assertEquals(401, r.statusCode(), r.body());
    assertEquals(INVALID_TOKEN, r.headers().firstValue("WWW-Authenticate").orElse(""));
    assertEquals("{\"error\":\"unauthorized\",\"reason\":\"token-invalid-signature\"}", r.body());
  }

  @Test
  void apiWhenGarbageCredentialsThen401NeverServerError() throws Exception {
    for (String token : List.of("not.a.jwt", "eyJhbGciOiJub25lIn0.e30.", "%%%", "ak_unknown")) {
      HttpResponse<String> r = send(api("/api/me", token));
      assertEquals(401, r.statusCode(), token + " -> " + r.body());
      assertEquals(INVALID_TOKEN, r.headers().firstValue("WWW-Authenticate").orElse(""), token);
    }
    HttpResponse<String> cookies =
        send(
            get("/api/me")
                .header("Accept", "application/json")
                .header("Cookie", "__session=%%%; __client_uat=abc; __clerk_db_jwt=dvb_it"));
    assertEquals(401, cookies.statusCode(), cookies.body());
  }

  @Test
  void meWhenOrgAdminThenIsUserInRoleTrue() throws Exception {
    HttpResponse<String> r = send(api("/api/me", admin()));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(
        "{\"principal\":\"user_admin\",\"userId\":\"user_admin\",\"orgRole\":\"org:admin\",\"admin\":true,"
            + "\"invoicesRead\":true}",
        r.body());
  }

  @Test
  void meWhenOrgMemberThenIsUserInRoleFalseForAdmin() throws Exception {
    HttpResponse<String> r = send(api("/api/me", member()));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(
        "{\"principal\":\"user_member\",\"userId\":\"user_member\",\"orgRole\":\"org:member\","
            + "\"admin\":false,\"invoicesRead\":true}",
        r.body());
  }

  @Test
  void rolesWhenPublicEndpointThenIsUserInRoleFollowsTheCaller() throws Exception {
    assertEquals("org:admin=true", send(api("/roles", admin())).body());
    assertEquals("org:admin=false", send(api("/roles", member())).body());
    assertEquals("org:admin=false", send(get("/roles")).body());
  }

  @Test
  void reportWhenOrgAdminThenEjbRunsAsTheCaller() throws Exception {
    HttpResponse<String> r = send(api("/api/report", admin()));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("report for user_admin", r.body());
  }

  @Test
  void reportWhenOrgMemberThenEjbRefuses403() throws Exception {
    HttpResponse<String> r = send(api("/api/report", member()));
    assertEquals(403, r.statusCode(), r.body());
    assertEquals("{\"error\":\"forbidden\",\"reason\":\"ejb-role-required\"}", r.body());
  }

  @Test
  void reportWhenAnonymousThen401() throws Exception {
    HttpResponse<String> r = send(get("/api/report").header("Accept", "application/json"));
    assertEquals(401, r.statusCode(), r.body());
    assertEquals("{\"error\":\"unauthorized\",\"reason\":\"dev-browser-missing\"}", r.body());
  }

  // ---- a CDI bean: @Inject ClerkAuth and Clerk's interceptor bindings (clerk-jakarta-cdi) ----

  @Test
  void invoicesWhenAnonymousThenInterceptorRefuses401() throws Exception {
    HttpResponse<String> r =
        send(
            get("/invoices")
                .header("Accept", "application/json")
                .header("Cookie", "__clerk_db_jwt=dvb_it"));
    assertEquals(401, r.statusCode(), r.body());
    assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(""));
    assertEquals(
        "{\"error\":\"unauthorized\",\"reason\":\"session-token-and-uat-missing\"}", r.body());
  }

  @Test
  void invoicesWhenPermissionHeldThenBeanSeesTheInjectedClerkAuth() throws Exception {
    HttpResponse<String> r = send(api("/invoices", member()));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("invoices of org_1 for user_member", r.body());
  }

  @Test
  void invoicesWhenPermissionMissingThenInterceptorRefuses403() throws Exception {
    String token =
        clerk
            .sessionToken()
            .subject("user_guest")
            .organizationV1("org_1", "acme", "org:member")
            .sign();
    HttpResponse<String> r = send(api("/invoices", token));
    assertEquals(403, r.statusCode(), r.body());
    assertEquals(
        "Bearer error=\"insufficient_scope\", error_description=\"The request requires other permissions\"",
        r.headers().firstValue("WWW-Authenticate").orElse(""));
    assertEquals("{\"error\":\"forbidden\",\"reason\":\"insufficient-permission\"}", r.body());
  }

  @Test
  void approveWhenOrgMemberThenInterceptorRefuses403() throws Exception {
    HttpResponse<String> r = send(api("/invoices?approve", member()));
    assertEquals(403, r.statusCode(), r.body());
    assertEquals("{\"error\":\"forbidden\",\"reason\":\"insufficient-role\"}", r.body());
  }

  @Test
  void approveWhenOrgAdminThen200() throws Exception {
    HttpResponse<String> r = send(api("/invoices?approve", admin()));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("approved by user_admin", r.body());
  }
}
