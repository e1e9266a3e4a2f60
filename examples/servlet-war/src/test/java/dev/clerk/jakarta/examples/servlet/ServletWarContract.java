package dev.clerk.jakarta.examples.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeFrontendApi;
import dev.clerk.jakarta.testing.WebhookDelivery;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * The example WAR's whole HTTP contract, checked against a real server that a subclass starts with
 * the built WAR deployed at its root and configured through environment variables for a FakeClerk
 * that this class starts: one subclass per server ({@link ServletWarIT} for Tomcat 10.1, {@link
 * ServletWarTomcat11IT}, {@link ServletWarPayaraMicro6IT}, {@link ServletWarPayaraMicro7IT}, {@link
 * ServletWarOpenLibertyIT}).
 *
 * <p>One instance per class: the server starts once, before the first test of its class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServletWarContract {
  static final HttpClient HTTP = StandaloneTomcat.HTTP;
  static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(20);
  FakeClerk clerk;
  FakeFrontendApi frontend;
  DeployedServer server;
  String app;

  /**
   * Starts the server with the example WAR deployed at {@code /} and the given environment
   * variables, and returns once {@code /health} answers 200.
   *
   * @param env the {@code CLERK_*} environment variables the application reads its settings from
   */
  abstract DeployedServer deploy(Map<String, String> env) throws Exception;

  @BeforeAll
  void deployAndStart() throws Exception {
    clerk = FakeClerk.start();
    frontend = FakeFrontendApi.install(clerk);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CLERK_SECRET_KEY", clerk.secretKey());
    env.put("CLERK_PUBLISHABLE_KEY", clerk.publishableKey());
    env.put("CLERK_API_URL", clerk.apiUrl());
    // Browsers' handshakes go to FakeClerk's Frontend API, as in the launcher.
    env.put("CLERK_PROXY_URL", clerk.apiUrl());
    // Webhooks from FakeClerk are signed with its own secret.
    env.put("CLERK_WEBHOOK_SIGNING_SECRET", clerk.webhookSigningSecret());
    server = deploy(env);
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
    return HttpRequest.newBuilder(URI.create(app + path)).timeout(Duration.ofSeconds(10)).GET();
  }

  /**
   * Sends the request and reads the whole response within {@link #RESPONSE_TIMEOUT}: the request's
   * own timeout ends when the headers arrive, and a server that never ends a response's body must
   * fail the test, not hang it.
   */
  static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
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
              + r.uri().getRawPath(),
          e);
    }
  }

  HttpRequest.Builder withToken(String path, String token) {
    return get(path).header("Authorization", "Bearer " + token);
  }

  static HttpRequest.Builder document(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10))
        .header("Sec-Fetch-Dest", "document")
        .header("Accept", "text/html");
  }

  @Test
  void healthWhenGetThen200() throws Exception {
    assertEquals(200, send(get("/health")).statusCode());
  }

  @Test
  void homeWhenSignedOutThenSaysSignedOut() throws Exception {
    HttpResponse<String> r = send(get("/"));
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(r.body().contains("Signed out"), r.body());
  }

  @Test
  void homeWhenSignedInThenSaysSignedInAsUser() throws Exception {
    String token = clerk.sessionToken().subject("user_home").sign();
    HttpResponse<String> r = send(withToken("/", token));
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
    assertTrue(r.body().contains("Signed in as user_home"), r.body());
  }

  @Test
  void homeWhenSignedInThenHasASignOutButton() throws Exception {
    HttpResponse<String> r = send(withToken("/", clerk.tokens().session("user_home").token()));
    assertTrue(
        r.body()
            .contains(
                "<form method=\"post\" action=\"sign-out\"><button type=\"submit\" id=\"sign-out\">"
                    + "Sign out</button></form>"),
        r.body());
  }

  @Test
  void signOutWhenSignedInThenSessionRevokedAtClerkCookiesClearedAndBackHome() throws Exception {
    String sid = (String) clerk.backendApi().directory().addSession("user_out").get("id");
    var t = clerk.sessionToken().subject("user_out").sessionId(sid).v2();
    String token = t.sign();
    HttpResponse<String> r =
        send(
            HttpRequest.newBuilder(URI.create(app + "/sign-out"))
                .timeout(Duration.ofSeconds(10))
                .header(
                    "Cookie",
                    "__session="
                        + token
                        + "; __client_uat="
                        + t.now().getEpochSecond()
                        + "; __clerk_db_jwt=dvb_it")
                .POST(HttpRequest.BodyPublishers.noBody()));
    assertEquals(303, r.statusCode(), r.body());
    assertEquals("/", r.headers().firstValue("Location").orElse(""));
    assertEquals(
        List.of(
            "__session=; Path=/; Max-Age=0; SameSite=Lax", "__client_uat=0; Path=/; SameSite=Lax"),
        r.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("__session=") || c.startsWith("__client_uat="))
            .toList());
    assertEquals(
        "revoked",
        clerk.backendApi().directory().sessions().stream()
            .filter(s -> sid.equals(s.get("id")))
            .findFirst()
            .orElseThrow()
            .get("status"));
    HttpResponse<String> home =
        send(document(app + "/").header("Cookie", "__client_uat=0; __clerk_db_jwt=dvb_it"));
    assertTrue(home.body().contains("Signed out"), home.body());
  }

  @Test
  void homeWhenSessionCookieThenSaysSignedInAsUser() throws Exception {
    var t = clerk.sessionToken().subject("user_cookie");
    String token = t.sign();
    HttpResponse<String> r =
        send(
            get("/")
                .header(
                    "Cookie",
                    "__session="
                        + token
                        + "; __client_uat="
                        + t.now().getEpochSecond()
                        + "; __clerk_db_jwt=dvb_it"));
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("Signed in as user_cookie"), r.body());
  }

  @Test
  void meWhenSignedInThenJsonWithClaims() throws Exception {
    String token =
        clerk
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
  void meWhenTokenInvalidThen401InvalidToken() throws Exception {
    String token = clerk.sessionToken().expiresIn(Duration.ofMinutes(-5)).sign();
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
    String token = clerk.sessionToken().organizationV1("org_1", "acme", "org:member").sign();
    assertEquals(403, send(withToken("/admin/", token)).statusCode());
  }

  @Test
  void adminWhenAdminRoleThen200() throws Exception {
    String token =
        clerk
            .sessionToken()
            .subject("user_admin")
            .organizationV1("org_1", "acme", "org:admin")
            .sign();
    HttpResponse<String> r = send(withToken("/admin/", token));
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("Welcome, user_admin"), r.body());
  }

  @Test
  void homeWhenBrowserSignsInThroughHandshakeThenSignedInWithCookies() throws Exception {
    HttpResponse<String> signIn =
        send(
            HttpRequest.newBuilder(
                    URI.create(frontend.signInUrl(app + "/", "user_browser", "org_1", "org:admin")))
                .timeout(Duration.ofSeconds(10)));
    assertEquals(303, signIn.statusCode(), signIn.body());
    String back = signIn.headers().firstValue("Location").orElseThrow();
    assertTrue(back.startsWith(app + "/?__clerk_handshake="), back);

    HttpResponse<String> resolved = send(document(back));
    assertEquals(307, resolved.statusCode(), resolved.body());
    assertEquals(app + "/", resolved.headers().firstValue("Location").orElse(""));
    List<String> cookies = new ArrayList<>();
    for (String setCookie : resolved.headers().allValues("Set-Cookie")) {
      cookies.add(setCookie.split(";", 2)[0]);
    }
    assertTrue(cookies.stream().anyMatch(c -> c.startsWith("__session=ey")), cookies.toString());
    assertTrue(cookies.stream().anyMatch(c -> c.startsWith("__client_uat=")), cookies.toString());
    String cookieHeader = String.join("; ", cookies);

    HttpResponse<String> home = send(document(app + "/").header("Cookie", cookieHeader));
    assertEquals(200, home.statusCode(), home.body());
    assertTrue(home.body().contains("Signed in as user_browser"), home.body());
    HttpResponse<String> admin = send(document(app + "/admin/").header("Cookie", cookieHeader));
    assertEquals(200, admin.statusCode(), admin.body());

    // Later the 60-second session token has expired: the app sends the browser through FakeClerk's
    // handshake endpoint (CLERK_PROXY_URL), which knows the browser and issues a fresh token.
    String clientCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    String expired =
        clerk.sessionToken().subject("user_browser").shiftTimes(Duration.ofMinutes(-10)).sign();
    String staleCookies =
        cookieHeader
            .replaceFirst("__session=[^;]+", "__session=" + expired)
            .replaceFirst(
                "__client_uat=[^;]+", "__client_uat=" + (Instant.now().getEpochSecond() - 900));
    HttpResponse<String> refresh = send(document(app + "/").header("Cookie", staleCookies));
    assertEquals(307, refresh.statusCode(), refresh.body());
    String toClerk = refresh.headers().firstValue("Location").orElseThrow();
    assertTrue(toClerk.startsWith(clerk.apiUrl() + "/v1/client/handshake?"), toClerk);
    HttpResponse<String> fromClerk = send(document(toClerk).header("Cookie", clientCookie));
    assertEquals(307, fromClerk.statusCode(), fromClerk.body());
    HttpResponse<String> resolvedAgain =
        send(
            document(fromClerk.headers().firstValue("Location").orElseThrow())
                .header("Cookie", staleCookies));
    assertEquals(307, resolvedAgain.statusCode(), resolvedAgain.body());
    List<String> fresh = new ArrayList<>();
    for (String setCookie : resolvedAgain.headers().allValues("Set-Cookie")) {
      fresh.add(setCookie.split(";", 2)[0]);
    }
    HttpResponse<String> homeAgain =
        send(document(app + "/").header("Cookie", String.join("; ", fresh)));
    assertEquals(200, homeAgain.statusCode(), homeAgain.body());
    assertTrue(homeAgain.body().contains("Signed in as user_browser"), homeAgain.body());
  }

  @Test
  void webhookWhenFakeClerkDeliversUserCreatedThen200AndTheUserIsKeptLocally() throws Exception {
    Map<String, Object> user =
        clerk.backendApi().directory().addUser("ada@example.com", "Ada", "Lovelace");
    WebhookDelivery d = clerk.webhooks().event("user.created", user);
    HttpResponse<String> r = d.post(app + "/webhooks/clerk");
    assertEquals(200, r.statusCode(), r.body());
    assertEquals(
        "application/json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    assertTrue(
        r.body()
            .startsWith(
                "{\"received\":\"user.created\",\"id\":\""
                    + d.id()
                    + "\",\"user\":\""
                    + user.get("id")
                    + "\",\"localUsers\":"),
        r.body());

    HttpResponse<String> deleted =
        clerk
            .webhooks()
            .event("user.deleted", Map.of("id", user.get("id"), "object", "user", "deleted", true))
            .post(app + "/webhooks/clerk");
    assertEquals(200, deleted.statusCode(), deleted.body());
    assertTrue(deleted.body().startsWith("{\"received\":\"user.deleted\""), deleted.body());
  }

  @Test
  void webhookWhenForgedOrReplayedThen400WithReason() throws Exception {
    WebhookDelivery d = clerk.webhooks().event("user.created", Map.of("id", "user_forged"));
    HttpResponse<String> forged =
        d.withSignature("v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
            .post(app + "/webhooks/clerk");
    assertEquals(400, forged.statusCode(), forged.body());
    assertEquals(
        "{\"error\":\"invalid_webhook\",\"reason\":\"signature-mismatch\"}", forged.body());
    HttpResponse<String> replayed =
        d.withTimestamp(d.timestamp().plusSeconds(60)).post(app + "/webhooks/clerk");
    assertEquals(400, replayed.statusCode(), replayed.body());
    HttpResponse<String> unsigned =
        send(
            HttpRequest.newBuilder(URI.create(app + "/webhooks/clerk"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertEquals("{\"error\":\"invalid_webhook\",\"reason\":\"missing-header\"}", unsigned.body());
  }

  @Test
  void webhookWhenGetThen405() throws Exception {
    assertEquals(405, send(get("/webhooks/clerk")).statusCode());
  }
}
