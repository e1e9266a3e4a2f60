package dev.clerk.jakarta.examples.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeFrontendApi;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built WAR deployed as {@code ROOT.war} into a real standalone Tomcat 10.1 ({@code catalina.sh
 * run} as a process, free ports), configured through environment variables for a FakeClerk that this
 * test starts; checks the example's whole HTTP contract.
 */
class ServletWarIT {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static FakeClerk clerk;
  private static FakeFrontendApi frontend;
  private static Process tomcat;
  private static Path base;
  private static String app;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void deployAndStart() throws Exception {
    Path home = Path.of(System.getProperty("tomcat.home"));
    Path war = Path.of(System.getProperty("example.war"));
    assertTrue(Files.isRegularFile(home.resolve("bin/catalina.sh")), "no Tomcat at " + home);
    assertTrue(Files.isRegularFile(war), "no WAR at " + war);
    clerk = FakeClerk.start();
    frontend = FakeFrontendApi.install(clerk);

    base = Path.of(System.getProperty("it.work.dir")).resolve("catalina-base");
    deleteRecursively(base);
    for (String d : List.of("conf", "webapps", "logs", "temp", "work")) {
      Files.createDirectories(base.resolve(d));
    }
    try (Stream<Path> conf = Files.list(home.resolve("conf"))) {
      for (Path f : conf.filter(Files::isRegularFile).toList()) {
        Files.copy(f, base.resolve("conf").resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    int port = freePort();
    String serverXml = Files.readString(base.resolve("conf/server.xml"));
    String edited = serverXml
        .replace("<Server port=\"8005\" shutdown=\"SHUTDOWN\">", "<Server port=\"-1\" shutdown=\"SHUTDOWN\">")
        .replace("<Connector port=\"8080\" protocol=\"HTTP/1.1\"",
            "<Connector port=\"" + port + "\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\"");
    assertTrue(edited.contains("<Server port=\"-1\"") && edited.contains("<Connector port=\"" + port + "\""),
        "server.xml not edited as expected");
    Files.writeString(base.resolve("conf/server.xml"), edited);
    Files.copy(war, base.resolve("webapps/ROOT.war"));
    app = "http://127.0.0.1:" + port;

    ProcessBuilder pb = new ProcessBuilder("sh", home.resolve("bin/catalina.sh").toString(), "run");
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("CLERK_") || k.startsWith("CATALINA_") || k.equals("JAVA_OPTS"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("CATALINA_HOME", home.toString());
    env.put("CATALINA_BASE", base.toString());
    env.put("CLERK_SECRET_KEY", clerk.secretKey());
    env.put("CLERK_PUBLISHABLE_KEY", clerk.publishableKey());
    env.put("CLERK_API_URL", clerk.apiUrl());
    // Browsers' handshakes go to FakeClerk's Frontend API, as in the launcher.
    env.put("CLERK_PROXY_URL", clerk.apiUrl());
    pb.redirectErrorStream(true);
    pb.redirectOutput(base.resolve("logs/console.log").toFile());
    tomcat = pb.start();
    Process started = tomcat;
    // Should this JVM be killed before @AfterAll, do not leave Tomcat behind.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      started.descendants().forEach(ProcessHandle::destroyForcibly);
      started.destroyForcibly();
    }));

    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (true) {
      if (tomcat.waitFor(250, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("Tomcat exited with " + tomcat.exitValue() + ":\n" + console());
      }
      try {
        if (HTTP.send(get("/health").build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
          break;
        }
      } catch (IOException notYet) {
        // Connection refused until the connector listens; try again.
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("Tomcat did not answer /health within " + START_TIMEOUT + ":\n" + console());
      }
    }
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (tomcat != null) {
        tomcat.descendants().forEach(ProcessHandle::destroy);
        tomcat.destroy();
        if (!tomcat.waitFor(30, TimeUnit.SECONDS)) {
          tomcat.descendants().forEach(ProcessHandle::destroyForcibly);
          tomcat.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
    } finally {
      if (clerk != null) {
        clerk.close();
      }
    }
  }

  private static String console() throws IOException {
    Path log = base.resolve("logs/console.log");
    return Files.exists(log) ? Files.readString(log) : "(no console log)";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }

  private static HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create(app + path)).timeout(Duration.ofSeconds(10)).GET();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder withToken(String path, String token) {
    return get(path).header("Authorization", "Bearer " + token);
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
  void homeWhenSessionCookieThenSaysSignedInAsUser() throws Exception {
    var t = clerk.sessionToken().subject("user_cookie");
    String token = t.sign();
    HttpResponse<String> r = send(get("/").header("Cookie",
        "__session=" + token + "; __client_uat=" + t.now().getEpochSecond() + "; __clerk_db_jwt=dvb_it"));
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("Signed in as user_cookie"), r.body());
  }

  @Test
  void meWhenSignedInThenJsonWithClaims() throws Exception {
    String token = clerk.sessionToken().subject("user_me").sessionId("sess_me")
        .organizationV1("org_1", "acme", "org:member", "org:invoices:read", "org:invoices:write").sign();
    HttpResponse<String> r = send(withToken("/api/me", token));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    assertEquals("{\"userId\":\"user_me\",\"sessionId\":\"sess_me\",\"orgId\":\"org_1\",\"orgRole\":\"org:member\","
        + "\"orgPermissions\":[\"org:invoices:read\",\"org:invoices:write\"],\"tokenType\":\"session_token\"}", r.body());
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
    assertTrue(r.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer error=\"invalid_token\""));
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
    String token = clerk.sessionToken().subject("user_admin").organizationV1("org_1", "acme", "org:admin").sign();
    HttpResponse<String> r = send(withToken("/admin/", token));
    assertEquals(200, r.statusCode(), r.body());
    assertTrue(r.body().contains("Welcome, user_admin"), r.body());
  }

  @Test
  void homeWhenBrowserSignsInThroughHandshakeThenSignedInWithCookies() throws Exception {
    HttpResponse<String> signIn = HTTP.send(
        HttpRequest.newBuilder(URI.create(frontend.signInUrl(app + "/", "user_browser", "org_1", "org:admin")))
            .timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
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
    String expired = clerk.sessionToken().subject("user_browser").shiftTimes(Duration.ofMinutes(-10)).sign();
    String staleCookies = cookieHeader.replaceFirst("__session=[^;]+", "__session=" + expired)
        .replaceFirst("__client_uat=[^;]+", "__client_uat=" + (Instant.now().getEpochSecond() - 900));
    HttpResponse<String> refresh = send(document(app + "/").header("Cookie", staleCookies));
    assertEquals(307, refresh.statusCode(), refresh.body());
    String toClerk = refresh.headers().firstValue("Location").orElseThrow();
    assertTrue(toClerk.startsWith(clerk.apiUrl() + "/v1/client/handshake?"), toClerk);
    HttpResponse<String> fromClerk = send(document(toClerk).header("Cookie", clientCookie));
    assertEquals(307, fromClerk.statusCode(), fromClerk.body());
    HttpResponse<String> resolvedAgain = send(document(fromClerk.headers().firstValue("Location").orElseThrow())
        .header("Cookie", staleCookies));
    assertEquals(307, resolvedAgain.statusCode(), resolvedAgain.body());
    List<String> fresh = new ArrayList<>();
    for (String setCookie : resolvedAgain.headers().allValues("Set-Cookie")) {
      fresh.add(setCookie.split(";", 2)[0]);
    }
    HttpResponse<String> homeAgain = send(document(app + "/").header("Cookie", String.join("; ", fresh)));
    assertEquals(200, homeAgain.statusCode(), homeAgain.body());
    assertTrue(homeAgain.body().contains("Signed in as user_browser"), homeAgain.body());
  }

  private static HttpRequest.Builder document(String url) {
    return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Sec-Fetch-Dest", "document").header("Accept", "text/html");
  }
}
