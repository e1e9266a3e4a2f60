package dev.clerk.jakarta.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.Fault;
import jakarta.security.enterprise.AuthenticationStatus;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link ClerkAuthenticationMechanism} on real servlet requests (embedded Jetty, {@link
 * MechanismHarness} playing the container's Jakarta Security part) with a real {@link Clerk}
 * against {@link FakeClerk} on loopback.
 */
class ClerkAuthenticationMechanismTest {
  private static final String DEV_BROWSER = "Cookie";
  private static final String DEV_BROWSER_VALUE = "__clerk_db_jwt=dvb_test";
  private static final String INVALID_TOKEN =
      "Bearer error=\"invalid_token\", error_description=\"The token is invalid, expired or not accepted here\"";

  private FakeClerk fake;
  private Clerk clerk;
  private MechanismHarness harness;

  @BeforeEach
  void start() {
    fake = FakeClerk.start();
  }

  @AfterEach
  void stop() throws Exception {
    try {
      if (harness != null) {
        harness.close();
      }
      if (clerk != null) {
        clerk.close();
      }
    } finally {
      fake.close();
    }
  }

  private MechanismHarness harness(Consumer<dev.clerk.jakarta.core.ClerkOptions.Builder> options)
      throws Exception {
    clerk =
        Clerk.builder()
            .secretKey(fake.secretKey())
            .publishableKey(fake.publishableKey())
            .apiUrl(fake.apiUrl())
            .configure(options)
            .build();
    harness = new MechanismHarness(new ClerkAuthenticationMechanism(clerk), null, null);
    return harness;
  }

  private MechanismHarness harness() throws Exception {
    return harness(o -> {});
  }

  private static String bearer(String token) {
    return "Bearer " + token;
  }

  @Test
  void validateRequestWhenOrgAdminTokenThenContainerLoginWithRoleAndPermissions() throws Exception {
    String token =
        fake.sessionToken()
            .subject("user_admin")
            .organizationV1("org_1", "acme", "org:admin", "org:invoices:read")
            .sign();
    HttpResponse<String> r = harness().get("/admin/", "Authorization", bearer(token));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(
        "principal=user_admin (ClerkPrincipal)\nadmin=true\nread=true\nauthenticated=true\nreason=-\n",
        r.body());
    assertEquals(List.of(AuthenticationStatus.SUCCESS), harness.statuses(1));
    assertEquals(Set.of("org:admin", "org:invoices:read"), harness.contexts.get(0).getGroups());
  }

  @Test
  void validateRequestWhenMemberOnAdminResourceThenContainerRefuses403() throws Exception {
    String token =
        fake.sessionToken()
            .subject("user_member")
            .organizationV1("org_1", "acme", "org:member")
            .sign();
    HttpResponse<String> r = harness().get("/admin/", "Authorization", bearer(token));
    assertEquals(403, r.statusCode(), r.body());
    assertEquals(List.of(AuthenticationStatus.SUCCESS), harness.statuses(1));
    assertEquals(Set.of("org:member"), harness.contexts.get(0).getGroups());
  }

  @Test
  void validateRequestWhenNoOrganizationThenSignedInWithoutGroups() throws Exception {
    String token = fake.sessionToken().subject("user_solo").sign();
    HttpResponse<String> r = harness().get("/api/me", "Authorization", bearer(token));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(
        "principal=user_solo (ClerkPrincipal)\nadmin=false\nread=false\nauthenticated=true\nreason=-\n",
        r.body());
    assertEquals(Set.of(), harness.contexts.get(0).getGroups());
  }

  @Test
  void validateRequestWhenNoCredentialsOnPublicResourceThenDoNothing() throws Exception {
    HttpResponse<String> r = harness().get("/page", DEV_BROWSER, DEV_BROWSER_VALUE);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(
        "principal=anonymous\nadmin=false\nread=false\nauthenticated=false"
            + "\nreason=session-token-and-uat-missing\n",
        r.body());
    assertEquals(List.of(AuthenticationStatus.NOT_DONE), harness.statuses(1));
    assertEquals("signed-out", r.headers().firstValue("x-clerk-auth-status").orElseThrow());
    assertEquals(0, harness.contexts.get(0).logins());
  }

  @Test
  void validateRequestWhenForgedTokenOnPublicResourceThenAnonymousWithReason() throws Exception {
    String token = fake.sessionToken().signWith(fake.foreignKey(fake.signingKey().kid())).sign();
    HttpResponse<String> r = harness().get("/page", "Authorization", bearer(token));
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().startsWith("principal=anonymous\n"), r.body());
    assertEquals(List.of(AuthenticationStatus.NOT_DONE), harness.statuses(1));
  }

  @Test
  void validateRequestWhenNoCredentialsOnProtectedApiThen401BearerJson() throws Exception {
    HttpResponse<String> r =
        harness().get("/api/me", "Accept", "application/json", DEV_BROWSER, DEV_BROWSER_VALUE);
    assertEquals(401, r.statusCode(), r.body());
    assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
    assertEquals(
        "{\"error\":\"unauthorized\",\"reason\":\"session-token-and-uat-missing\"}", r.body());
    assertEquals(List.of(AuthenticationStatus.SEND_FAILURE), harness.statuses(1));
  }

  @Test
  void validateRequestWhenForgedTokenOnProtectedApiThen401InvalidTokenWithReason()
      throws Exception {
    String token = fake.sessionToken().signWith(fake.foreignKey(fake.signingKey().kid())).sign();
    HttpResponse<String> r = harness().get("/api/me", "Authorization", bearer(token));
    assertEquals(401, r.statusCode(), r.body());
    assertEquals(INVALID_TOKEN, r.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertEquals("{\"error\":\"unauthorized\",\"reason\":\"token-invalid-signature\"}", r.body());
    assertEquals(List.of(AuthenticationStatus.SEND_FAILURE), harness.statuses(1));
  }

  @Test
  void validateRequestWhenExpiredTokenOnProtectedApiThen401WithClerksReason() throws Exception {
    String token = fake.sessionToken().subject("user_late").shiftTimes(Duration.ofHours(-2)).sign();
    HttpResponse<String> r = harness().get("/api/me", "Authorization", bearer(token));
    assertEquals(401, r.statusCode(), r.body());
    assertEquals(INVALID_TOKEN, r.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertEquals(
        "{\"error\":\"unauthorized\",\"reason\":\"session-token-expired-refresh-non-eligible-no-refresh-cookie\"}",
        r.body());
  }

  @Test
  void validateRequestWhenGarbageCredentialsThen401NeverServerError() throws Exception {
    harness();
    for (String[] headers :
        List.of(
            new String[] {"Authorization", "Bearer not.a.jwt"},
            new String[] {"Authorization", "Bearer \u00e9\u00e9"},
            new String[] {"Authorization", "Basic dXNlcjpwYXNz"},
            new String[] {"Cookie", "__session=%%%; __client_uat=abc; __clerk_db_jwt=dvb_test"},
            new String[] {
              "Cookie",
              "__session=eyJhbGciOiJub25lIn0.e30.; __client_uat=1; __clerk_db_jwt=dvb_test"
            })) {
      HttpResponse<String> r = harness.get("/api/me", headers);
      assertEquals(401, r.statusCode(), String.join(": ", headers) + " -> " + r.body());
      assertTrue(r.body().startsWith("{\"error\":\"unauthorized\",\"reason\":\""), r.body());
    }
  }

  @Test
  void validateRequestWhenSignedOutDocumentWithSignInUrlThenRedirectToSignIn() throws Exception {
    harness(o -> o.signInUrl("https://accounts.example/sign-in"));
    HttpResponse<String> r =
        harness.get(
            "/admin/?x=1",
            "Sec-Fetch-Dest",
            "document",
            "Accept",
            "text/html",
            DEV_BROWSER,
            DEV_BROWSER_VALUE);
    assertEquals(307, r.statusCode(), r.body());
    assertEquals(
        "https://accounts.example/sign-in?redirect_url="
            + java.net.URLEncoder.encode(
                harness.base() + "/admin/?x=1", java.nio.charset.StandardCharsets.UTF_8),
        r.headers().firstValue("Location").orElseThrow());
    assertEquals(List.of(AuthenticationStatus.SEND_FAILURE), harness.statuses(1));
  }

  @Test
  void validateRequestWhenSignedOutDocumentWithoutSignInUrlThen401Page() throws Exception {
    HttpResponse<String> r =
        harness()
            .get(
                "/admin/",
                "Sec-Fetch-Dest",
                "document",
                "Accept",
                "text/html",
                DEV_BROWSER,
                DEV_BROWSER_VALUE);
    assertEquals(401, r.statusCode(), r.body());
    // Jetty writes the charset in lower case.
    assertEquals("text/html;charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(
        "<!DOCTYPE html><html><head><title>401</title></head><body><p>Sign in to see this page.</p>"
            + "</body></html>\n",
        r.body());
  }

  @Test
  void validateRequestWhenDocumentNeedsHandshakeThen307ToFrontendApiOnAnyResource()
      throws Exception {
    HttpResponse<String> r =
        harness()
            .get(
                "/page",
                "Sec-Fetch-Dest",
                "document",
                "Accept",
                "text/html",
                "Cookie",
                "__client_uat=1700000000; __clerk_db_jwt=dvb_test");
    assertEquals(307, r.statusCode(), r.body());
    String location = r.headers().firstValue("Location").orElseThrow();
    assertTrue(
        location.startsWith("https://" + fake.frontendApi() + "/v1/client/handshake?"), location);
    assertEquals("handshake", r.headers().firstValue("x-clerk-auth-status").orElseThrow());
    assertEquals(
        "client-uat-but-no-session-token",
        r.headers().firstValue("x-clerk-auth-reason").orElseThrow());
    assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
    assertEquals("", r.body());
    assertEquals(List.of(AuthenticationStatus.SEND_CONTINUE), harness.statuses(1));
  }

  @Test
  void validateRequestWhenMachineTokenNotAcceptedThen401TokenInvalid() throws Exception {
    fake.registerApiKey("ak_security_test", "user_owner");
    HttpResponse<String> r = harness().get("/api/me", "Authorization", bearer("ak_security_test"));
    assertEquals(401, r.statusCode(), r.body());
    assertEquals(INVALID_TOKEN, r.headers().firstValue("WWW-Authenticate").orElseThrow());
    assertEquals("{\"error\":\"unauthorized\",\"reason\":\"token-invalid\"}", r.body());
  }

  @Test
  void validateRequestWhenMachineTokenAcceptedThenPrincipalIsSubjectWithoutGroups()
      throws Exception {
    fake.registerApiKey("ak_security_test", "user_owner", "read");
    HttpResponse<String> r =
        harness(o -> o.acceptsToken("session_token,api_key"))
            .get("/api/me", "Authorization", bearer("ak_security_test"));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(
        "principal=user_owner (ClerkPrincipal)\nadmin=false\nread=false\nauthenticated=true\nreason=-\n",
        r.body());
    assertEquals(Set.of(), harness.contexts.get(0).getGroups());
  }

  @Test
  void validateRequestWhenDecisionStoredThenReusedWithoutVerifyingAgain() throws Exception {
    clerk =
        Clerk.builder()
            .secretKey(fake.secretKey())
            .publishableKey(fake.publishableKey())
            .apiUrl(fake.apiUrl())
            .build();
    String token =
        fake.sessionToken()
            .subject("user_decided")
            .organizationV1("org_1", "acme", "org:admin")
            .sign();
    RequestState decided =
        clerk.authenticateRequest(
            ClerkRequest.builder()
                .method("GET")
                .url(URI.create("http://127.0.0.1/admin/"))
                .header("Authorization", bearer(token))
                .build());
    assertTrue(decided.isSignedIn(), decided::toString);
    harness = new MechanismHarness(new ClerkAuthenticationMechanism(clerk), decided, null);
    fake.clearRequests();
    // No credential at all: only the stored decision can sign this request in.
    HttpResponse<String> r = harness.get("/admin/");
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(
        r.body().startsWith("principal=user_decided (ClerkPrincipal)\nadmin=true\n"), r.body());
    assertEquals(List.of(), r.headers().allValues("x-clerk-auth-status"));
    assertEquals(0, fake.requests().size());
  }

  @Test
  void validateRequestWhenAuthenticateCalledOnPublicResourceAndSignedOutThen401() throws Exception {
    HttpResponse<String> r =
        harness()
            .get(
                "/page?authenticate=true",
                "Accept",
                "application/json",
                DEV_BROWSER,
                DEV_BROWSER_VALUE);
    assertEquals(401, r.statusCode(), r.body());
    assertEquals(
        "{\"error\":\"unauthorized\",\"reason\":\"session-token-and-uat-missing\"}", r.body());
  }

  @Test
  void validateRequestWhenCorsPreflightThenDoNothingWithoutVerifying() throws Exception {
    String token =
        fake.sessionToken()
            .subject("user_admin")
            .organizationV1("org_1", "acme", "org:admin")
            .sign();
    HttpResponse<String> r =
        harness()
            .send(
                "OPTIONS",
                "/page",
                "Origin",
                "https://app.example",
                "Access-Control-Request-Method",
                "GET",
                "Authorization",
                bearer(token));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(
        "principal=anonymous\nadmin=false\nread=false\nauthenticated=false\nreason=-\n", r.body());
    assertEquals(List.of(AuthenticationStatus.NOT_DONE), harness.statuses(1));
    assertEquals(List.of(), r.headers().allValues("x-clerk-auth-status"));
  }

  @Test
  void startWhenClerkFilterDeclaredThenClerkFromItsInitParamsAndFilterReusesTheDecision()
      throws Exception {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("secret-key", fake.secretKey());
    params.put("publishable-key", fake.publishableKey());
    params.put("api-url", fake.apiUrl());
    params.put("protect", "/api/*");
    harness = new MechanismHarness(new ClerkAuthenticationMechanism(), null, params);
    String token =
        fake.sessionToken()
            .subject("user_both")
            .organizationV1("org_1", "acme", "org:admin")
            .sign();
    HttpResponse<String> r = harness.get("/api/me", "Authorization", bearer(token));
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().startsWith("principal=user_both (ClerkPrincipal)\nadmin=true\n"), r.body());
    HttpResponse<String> anonymous =
        harness.get("/api/me", "Accept", "application/json", DEV_BROWSER, DEV_BROWSER_VALUE);
    assertEquals(401, anonymous.statusCode(), anonymous.body());
    // Only the mechanism verified and added Clerk's headers; the filter reused its decision.
    assertEquals(List.of("signed-out"), anonymous.headers().allValues("x-clerk-auth-status"));
    assertEquals(
        "{\"error\":\"unauthorized\",\"reason\":\"session-token-and-uat-missing\"}",
        anonymous.body());
  }

  @Test
  void startWhenNoSecretKeyAnywhereThenFailsNamingTheSetting() {
    ServletContextHandler app = new ServletContextHandler("/");
    ClerkAuthenticationMechanism mechanism = new ClerkAuthenticationMechanism();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> mechanism.start(app.getServletContext()));
    assertEquals(
        "Missing Clerk Secret Key. Go to https://dashboard.clerk.com and get your key for your instance."
            + " (CLERK_SECRET_KEY, init-param secret-key; or CLERK_JWT_KEY for networkless verification)",
        e.getMessage());
  }

  @Test
  void validateRequestWhenTokenNotYetValidThen401() throws Exception {
    String token = fake.sessionToken().notBefore(Instant.now().plus(Duration.ofHours(1))).sign();
    HttpResponse<String> r = harness().get("/api/me", "Authorization", bearer(token));
    assertEquals(401, r.statusCode(), r.body());
  }

  @Test
  void validateRequestWhenClerkUnreachableThen503OnProtectedAndAnonymousElsewhere()
      throws Exception {
    fake.failAlways("/v1/jwks", Fault.status(503));
    String token = fake.sessionToken().subject("user_outage").sign();
    harness();
    HttpResponse<String> protectedApi = harness.get("/api/me", "Authorization", bearer(token));
    assertEquals(503, protectedApi.statusCode(), protectedApi.body());
    assertTrue(
        protectedApi.body().startsWith("{\"error\":\"service_unavailable\",\"reason\":\""),
        protectedApi.body());
    assertEquals("no-store", protectedApi.headers().firstValue("Cache-Control").orElseThrow());
    HttpResponse<String> page = harness.get("/page", "Authorization", bearer(token));
    assertEquals(200, page.statusCode(), page.body());
    assertTrue(page.body().startsWith("principal=anonymous\n"), page.body());
    assertEquals(
        List.of(AuthenticationStatus.SEND_FAILURE, AuthenticationStatus.NOT_DONE),
        harness.statuses(2));
  }

  @Test
  void stopWhenTheMechanismBuiltTheClerkThenUnsharedAndClosed() throws Exception {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("secret-key", fake.secretKey());
    params.put("publishable-key", fake.publishableKey());
    params.put("api-url", fake.apiUrl());
    ServletContextHandler app = new ServletContextHandler("/");
    org.eclipse.jetty.ee10.servlet.FilterHolder filter =
        new org.eclipse.jetty.ee10.servlet.FilterHolder(dev.clerk.jakarta.filter.ClerkFilter.class);
    filter.setName("ClerkFilter");
    filter.setInitParameters(params);
    app.addFilter(filter, "/*", java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
    ClerkAuthenticationMechanism mechanism = new ClerkAuthenticationMechanism();
    mechanism.start(app.getServletContext());
    Object shared = app.getServletContext().getAttribute(Clerk.CONTEXT_ATTRIBUTE);
    assertTrue(shared instanceof Clerk, String.valueOf(shared));
    assertEquals(fake.apiUrl(), ((Clerk) shared).options().apiUrl());
    mechanism.stop();
    assertEquals(null, app.getServletContext().getAttribute(Clerk.CONTEXT_ATTRIBUTE));
    assertTrue(((Clerk) shared).isClosed());
  }

  @Test
  void stopWhenGivenAClerkThenNeitherUnsharedNorClosed() throws Exception {
    harness();
    ClerkAuthenticationMechanism mechanism = new ClerkAuthenticationMechanism(clerk);
    mechanism.stop();
    assertEquals(false, clerk.isClosed());
  }
}
