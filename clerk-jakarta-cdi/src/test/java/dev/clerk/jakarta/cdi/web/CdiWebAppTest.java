package dev.clerk.jakarta.cdi.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clerk.jakarta.filter.ClerkFilter;
import dev.clerk.jakarta.testing.FakeClerk;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A web application in embedded Jetty 12 (ee10) with Weld Servlet: ClerkFilter on {@code
 * /servlet/*}, {@code /plain/*} and {@code /api/*}, a servlet reaching CDI beans ({@code
 * /servlet/*}, and {@code /bare/*} without the filter), and a Jersey resource that is a CDI bean,
 * once alone ({@code /plain/*}) and once with ClerkAuthFeature ({@code /api/*}), whose exception
 * mapper answers a bean's refusal (without it, Jersey's default exception mapper answers 500 before
 * the servlet filter could). API keys are verified by a Backend API call per verification, so
 * FakeClerk's count of {@code /v1/api_keys/verify} shows how often a request was verified.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CdiWebAppTest {
  private static final String VERIFY = "/api_keys/verify";
  private static final String ADMIN_KEY = "ak_admin_secret";

  /**
   * An API client's Accept that the text/plain resources can serve: refusals are JSON (not a page).
   */
  private static final String JSON = "application/json, text/plain;q=0.5";

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private FakeClerk fake;
  private Server server;
  private URI base;
  private String admin;
  private String member;

  @BeforeAll
  void start() throws Exception {
    fake = FakeClerk.builder().production().start();
    fake.registerApiKey(ADMIN_KEY, "user_machine");
    admin =
        fake.sessionToken()
            .subject("user_admin")
            .organizationV1("org_1", "acme", "org:admin")
            .expiresIn(Duration.ofMinutes(30))
            .sign();
    member =
        fake.sessionToken()
            .subject("user_member")
            .organizationV1("org_1", "acme", "org:member")
            .expiresIn(Duration.ofMinutes(30))
            .sign();

    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context =
        new ServletContextHandler("/app", ServletContextHandler.SESSIONS);
    context.addEventListener(new org.jboss.weld.environment.servlet.Listener());
    FilterHolder clerk = new FilterHolder(ClerkFilter.class);
    clerk.setInitParameter("secret-key", fake.secretKey());
    clerk.setInitParameter("publishable-key", fake.publishableKey());
    clerk.setInitParameter("api-url", fake.apiUrl());
    clerk.setInitParameter("accepts-token", "session_token,api_key");
    for (String path : new String[] {"/servlet/*", "/plain/*", "/api/*"}) {
      context.addFilter(clerk, path, EnumSet.allOf(DispatcherType.class));
    }
    context.addServlet(new ServletHolder(CdiServlet.class), "/servlet/*");
    context.addServlet(new ServletHolder(CdiServlet.class), "/bare/*");
    ServletHolder plain = new ServletHolder(ServletContainer.class);
    plain.setInitParameter("jakarta.ws.rs.Application", Applications.Plain.class.getName());
    plain.setInitOrder(
        1); // Jersey and its CDI bridge start with the server, not in a test's first request
    context.addServlet(plain, "/plain/*");
    ServletHolder api = new ServletHolder(ServletContainer.class);
    api.setInitParameter("jakarta.ws.rs.Application", Applications.WithFeature.class.getName());
    api.setInitOrder(2);
    context.addServlet(api, "/api/*");
    server.setHandler(context);
    server.start();
    base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/app/");
  }

  @AfterAll
  void stop() throws Exception {
    server.stop();
    fake.close();
  }

  @BeforeEach
  void clearCounts() {
    fake.clearRequests();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String[] bearer(String token) {
    return new String[] {"Authorization", "Bearer " + token, "Accept", JSON};
  }

  private static void assertResponse(int status, String body, HttpResponse<String> r) {
    assertEquals(
        status + " " + body, r.statusCode() + " " + r.body(), () -> r.headers().map().toString());
  }

  // ---- the servlet ------------------------------------------------------------------------------

  @Test
  void servletWhenFilterDecidedThenServletAndBeanReuseTheDecisionVerifiedOnce() throws Exception {
    assertResponse(
        200,
        "user=user_machine bean=user_machine reused=true",
        get("servlet/me", bearer(ADMIN_KEY)));
    assertEquals(1, fake.requestCount(VERIFY));
  }

  @Test
  void servletWhenNoFilterThenProducerVerifiesOnceAndStoresTheDecision() throws Exception {
    assertResponse(
        200, "user=user_machine bean=user_machine reused=true", get("bare/me", bearer(ADMIN_KEY)));
    assertEquals(1, fake.requestCount(VERIFY));
  }

  @Test
  void servletWhenNoFilterAndSessionTokenThenSignedIn() throws Exception {
    assertResponse(
        200, "user=user_admin bean=user_admin reused=true", get("bare/me", bearer(admin)));
  }

  @Test
  void servletWhenAnonymousThenSignedOut() throws Exception {
    assertResponse(200, "user=anonymous bean=- reused=true", get("servlet/me"));
  }

  @Test
  void servletWhenGuardedBeanAndSignedOutThenFilters401() throws Exception {
    HttpResponse<String> r = get("servlet/admin", "Accept", JSON);
    assertResponse(
        401, "{\"error\":\"unauthorized\",\"reason\":\"session-token-and-uat-missing\"}", r);
    assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
  }

  @Test
  void servletWhenGuardedBeanAndOtherRoleThenFilters403() throws Exception {
    HttpResponse<String> r = get("servlet/admin", bearer(member));
    assertResponse(403, "{\"error\":\"forbidden\",\"reason\":\"insufficient-role\"}", r);
    assertEquals(
        "Bearer error=\"insufficient_scope\", error_description=\"The request requires other permissions\"",
        r.headers().firstValue("WWW-Authenticate").orElseThrow());
  }

  @Test
  void servletWhenGuardedBeanAndRoleHeldThenRuns() throws Exception {
    assertResponse(200, "report for user_admin", get("servlet/admin", bearer(admin)));
  }

  @Test
  void clerkWhenInjectedThenTheOneTheFilterShares() throws Exception {
    assertResponse(200, "shared=true", get("servlet/clerk"));
  }

  // ---- JAX-RS (Jersey, resources managed by CDI) ----------------------------------------------

  @Test
  void resourceWhenFilterDecidedThenInjectedClerkAuthReusesItVerifiedOnce() throws Exception {
    assertResponse(
        200, "user=user_machine reused=true", get("plain/account/me", bearer(ADMIN_KEY)));
    assertEquals(1, fake.requestCount(VERIFY));
  }

  @Test
  void resourceWhenFilterAndFeatureThenVerifiedOnce() throws Exception {
    assertResponse(200, "user=user_machine reused=true", get("api/account/me", bearer(ADMIN_KEY)));
    assertEquals(1, fake.requestCount(VERIFY));
  }

  @Test
  void resourceWhenGuardedBeanOtherRoleWithFeatureThenMappers403() throws Exception {
    HttpResponse<String> r = get("api/account/admin", bearer(member));
    assertResponse(403, "{\"error\":\"forbidden\",\"reason\":\"insufficient-role\"}", r);
    assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
  }

  @Test
  void resourceWhenGuardedBeanSignedOutWithFeatureThenMappers401() throws Exception {
    HttpResponse<String> r = get("api/account/admin", "Accept", JSON);
    assertResponse(
        401, "{\"error\":\"unauthorized\",\"reason\":\"session-token-and-uat-missing\"}", r);
    assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElseThrow());
  }

  @Test
  void resourceWhenGuardedBeanRoleHeldThenRuns() throws Exception {
    assertResponse(200, "report for user_admin", get("api/account/admin", bearer(admin)));
  }

  @Test
  void resourceWhenOwnMethodGuardedThenInterceptorRefusesAndAllows() throws Exception {
    assertResponse(
        403,
        "{\"error\":\"forbidden\",\"reason\":\"insufficient-role\"}",
        get("api/account/own", bearer(member)));
    assertResponse(200, "own user_admin", get("api/account/own", bearer(admin)));
  }
}
