package dev.clerk.jakarta.examples.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeFrontendApi;
import jakarta.servlet.ServletContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The example application on Boot's embedded Tomcat on a random port, configured through {@code
 * clerk.*} Spring properties for a FakeClerk: the same HTTP contract as the servlet WAR example.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExampleApplicationTest {
  private static final FakeClerk CLERK = FakeClerk.start();
  private static final FakeFrontendApi FRONTEND = FakeFrontendApi.install(CLERK);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Value("${local.server.port}")
  int port;

  @Autowired Clerk clerk;

  @Autowired ServletContext servletContext;

  @DynamicPropertySource
  static void clerkProperties(DynamicPropertyRegistry registry) {
    registry.add("clerk.secret-key", CLERK::secretKey);
    registry.add("clerk.publishable-key", CLERK::publishableKey);
    registry.add("clerk.api-url", CLERK::apiUrl);
    // Browsers' handshakes go to FakeClerk's Frontend API.
    registry.add("clerk.proxy-url", CLERK::apiUrl);
  }

  @AfterAll
  static void stopClerk() {
    CLERK.close();
  }

  private String app() {
    return "http://127.0.0.1:" + port;
  }

  private HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create(app() + path)).timeout(Duration.ofSeconds(10)).GET();
  }

  private HttpRequest.Builder withToken(String path, String token) {
    return get(path).header("Authorization", "Bearer " + token);
  }

  private static HttpRequest.Builder document(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10))
        .header("Sec-Fetch-Dest", "document")
        .header("Accept", "text/html");
  }

  /** The whole response within 20 s: a response whose body never ends fails the test. */
  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
        .get(20, TimeUnit.SECONDS);
  }

  @Test
  void clerkBeanWhenApplicationStartsThenTheFilterSharesItThroughTheServletContext() {
    assertSame(clerk, servletContext.getAttribute(Clerk.CONTEXT_ATTRIBUTE));
    assertEquals(CLERK.apiUrl(), clerk.options().apiUrl());
  }

  @Test
  void healthWhenSignedOutThen200BecauseItIsPublic() throws Exception {
    HttpResponse<String> r = send(get("/api/health"));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("ok", r.body());
  }

  @Test
  void homeWhenSignedOutThenSaysSignedOut() throws Exception {
    HttpResponse<String> r = send(get("/"));
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(r.body().contains("<p>Signed out</p>"), r.body());
  }

  @Test
  void homeWhenSignedInThenSaysSignedInAsUser() throws Exception {
    String token = CLERK.sessionToken().subject("user_home").sign();
    HttpResponse<String> r = send(withToken("/", token));
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("<p>Signed in as user_home</p>"), r.body());
  }

  @Test
  void meWhenSignedInThenJsonWithClaims() throws Exception {
    String token =
        CLERK
            .sessionToken()
            .subject("user_me")
            .sessionId("sess_me")
            .organizationV1(
                "org_1", "acme", "org:member", "org:invoices:read", "org:invoices:write")
            .sign();
    HttpResponse<String> r = send(withToken("/api/me", token));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(
        "application/json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    assertEquals(
        "{\"userId\":\"user_me\",\"sessionId\":\"sess_me\",\"orgId\":\"org_1\",\"orgRole\":\"org:member\","
            + "\"orgPermissions\":[\"org:invoices:read\",\"org:invoices:write\"],\"tokenType\":\"session_token\"}",
        r.body());
  }

  @Test
  void meWhenSignedOutThen401WithBearerChallenge() throws Exception {
    HttpResponse<String> r = send(get("/api/me"));
    assertEquals(401, r.statusCode(), r.body());
    assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElse(""));
  }

  @Test
  void meWhenTokenExpiredThen401InvalidToken() throws Exception {
    String token = CLERK.sessionToken().expiresIn(Duration.ofMinutes(-5)).sign();
    HttpResponse<String> r = send(withToken("/api/me", token));
    assertEquals(401, r.statusCode(), r.body());
    assertTrue(
        r.headers()
            .firstValue("WWW-Authenticate")
            .orElse("")
            .startsWith("Bearer error=\"invalid_token\""));
  }

  @Test
  void adminWhenSignedOutThen401() throws Exception {
    assertEquals(401, send(get("/admin/")).statusCode());
  }

  @Test
  void adminWhenNoAdminRoleThen403() throws Exception {
    String token = CLERK.sessionToken().organizationV1("org_1", "acme", "org:member").sign();
    HttpResponse<String> r = send(withToken("/admin/", token));
    assertEquals(403, r.statusCode(), r.body());
    assertTrue(
        r.headers()
            .firstValue("WWW-Authenticate")
            .orElse("")
            .startsWith("Bearer error=\"insufficient_scope\""));
  }

  @Test
  void adminWhenAdminRoleThen200() throws Exception {
    String token =
        CLERK
            .sessionToken()
            .subject("user_admin")
            .organizationV1("org_1", "acme", "org:admin")
            .sign();
    HttpResponse<String> r = send(withToken("/admin/", token));
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("<p>Welcome, user_admin (org:admin: true)</p>"), r.body());
  }

  @Test
  void homeWhenBrowserSignsInThroughHandshakeThenSignedInWithCookies() throws Exception {
    HttpResponse<String> signIn =
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        FRONTEND.signInUrl(app() + "/", "user_browser", "org_1", "org:admin")))
                .timeout(Duration.ofSeconds(10)));
    assertEquals(303, signIn.statusCode(), signIn.body());
    String back = signIn.headers().firstValue("Location").orElseThrow();
    assertTrue(back.startsWith(app() + "/?__clerk_handshake="), back);

    HttpResponse<String> resolved = send(document(back));
    assertEquals(307, resolved.statusCode(), resolved.body());
    assertEquals(app() + "/", resolved.headers().firstValue("Location").orElse(""));
    List<String> cookies = new ArrayList<>();
    for (String setCookie : resolved.headers().allValues("Set-Cookie")) {
      cookies.add(setCookie.split(";", 2)[0]);
    }
    assertTrue(cookies.stream().anyMatch(c -> c.startsWith("__session=ey")), cookies.toString());
    String cookieHeader = String.join("; ", cookies);

    HttpResponse<String> home = send(document(app() + "/").header("Cookie", cookieHeader));
    assertEquals(200, home.statusCode(), home.body());
    assertTrue(home.body().contains("<p>Signed in as user_browser</p>"), home.body());
    HttpResponse<String> admin = send(document(app() + "/admin/").header("Cookie", cookieHeader));
    assertEquals(200, admin.statusCode(), admin.body());
  }
}
