package dev.clerk.jakarta.examples.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.TokenBuilder;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The servlet WAR deployed, used and undeployed five times through the manager application of a
 * real standalone Tomcat 10.1 (the distribution {@link ServletWarIT} uses), as an operator
 * redeploys a legacy application in place. Each cycle makes the Clerk of the application fetch the
 * JWKS and call the Backend API (a handshake nonce), so its HTTP client and threads are started
 * before the undeploy.
 *
 * <p>Checks, after the five cycles: Tomcat's log has no line about a thread the application "failed
 * to stop", nor any memory-leak line; no thread of Clerk's or of its HTTP client is alive; the
 * JVM's live thread count after the fifth undeploy is not higher than after the first; and the
 * manager's "find leaks" reports no application whose class loader outlived its undeploy. The JDK
 * 17 HttpClient has no {@code close()}: its selector thread ends once the client is unreachable,
 * which a GC lets it notice, so the thread checks ask the test-only {@link DiagnosticServlet}
 * ({@code /diag}) for a {@code System.gc()} while they wait.
 */
class ServletWarRedeployIT {
  private static final int CYCLES = 5;
  private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Thread names of Clerk's executors, of the JDK HttpClient, and of the JDK-global pools the
   * library must not use.
   */
  private static final List<String> LIBRARY_THREADS =
      List.of(
          "clerk-jakarta-",
          "HttpClient-",
          "CompletableFutureDelayScheduler",
          "ForkJoinPool.commonPool");

  private static FakeClerk clerk;
  private static StandaloneTomcat tomcat;
  private static String managerAuth;
  private static Path war;

  @BeforeAll
  static void start() throws Exception {
    Path home = Path.of(System.getProperty("tomcat.home"));
    war = Path.of(System.getProperty("example.war"));
    assertTrue(Files.isRegularFile(war), "no WAR at " + war);
    clerk = FakeClerk.start();
    Path base = StandaloneTomcat.prepareBase(home, "catalina-redeploy");

    // The manager application, for deploy / undeploy / find leaks, with a user of this run only.
    StandaloneTomcat.copyRecursively(
        home.resolve("webapps/manager"), base.resolve("webapps/manager"));
    String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
    Files.writeString(
        base.resolve("conf/tomcat-users.xml"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tomcat-users xmlns=\"http://tomcat.apache.org/xml\" version=\"1.0\">\n"
            + "  <user username=\"it\" password=\""
            + password
            + "\" roles=\"manager-script\"/>\n</tomcat-users>\n");
    managerAuth =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("it:" + password).getBytes(StandardCharsets.UTF_8));

    // The diagnostic application: a servlet listing the JVM's threads, never undeployed.
    Path diag = base.resolve("webapps/diag");
    Path classFile =
        Path.of(DiagnosticServlet.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .resolve(DiagnosticServlet.class.getName().replace('.', '/') + ".class");
    Path target =
        diag.resolve("WEB-INF/classes")
            .resolve(DiagnosticServlet.class.getName().replace('.', '/') + ".class");
    Files.createDirectories(target.getParent());
    Files.copy(classFile, target);
    Files.writeString(
        diag.resolve("WEB-INF/web.xml"),
        "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n"
            + "  <servlet><servlet-name>threads</servlet-name><servlet-class>"
            + DiagnosticServlet.class.getName()
            + "</servlet-class></servlet>\n"
            + "  <servlet-mapping><servlet-name>threads</servlet-name><url-pattern>/threads</url-pattern></servlet-mapping>\n"
            + "</web-app>\n");

    tomcat =
        StandaloneTomcat.start(
            home,
            base,
            Map.of(
                "CLERK_SECRET_KEY", clerk.secretKey(),
                "CLERK_PUBLISHABLE_KEY", clerk.publishableKey(),
                "CLERK_API_URL", clerk.apiUrl(),
                "CATALINA_OPTS", "-Duser.language=en -Duser.country=US"),
            "/diag/threads");
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (tomcat != null) {
        tomcat.stop();
      }
    } finally {
      if (clerk != null) {
        clerk.close();
      }
    }
  }

  @Test
  void warWhenRedeployedFiveTimesThenNoThreadOutlivesItAndTomcatReportsNoLeak(TestReporter reporter)
      throws Exception {
    List<Integer> threadCounts = new ArrayList<>();
    for (int cycle = 1; cycle <= CYCLES; cycle++) {
      assertEquals(
          "OK - Deployed application at context path [/app]",
          manager(
              "/deploy?path=/app&war="
                  + URLEncoder.encode(war.toUri().toString(), StandardCharsets.UTF_8)));
      useClerk(cycle);
      assertEquals(
          "OK - Undeployed application at context path [/app]", manager("/undeploy?path=/app"));
      int floor = threadCounts.isEmpty() ? Integer.MAX_VALUE : threadCounts.get(0);
      List<String> threads = settle(t -> LIBRARY_THREADS.stream().noneMatch(t::startsWith), floor);
      threadCounts.add(threads.size());
    }

    List<String> leakLines =
        tomcat
            .console()
            .lines()
            .filter(
                l ->
                    l.contains("failed to stop it")
                        || l.contains("memory leak")
                        || l.contains("failed to remove it"))
            .toList();
    String findLeaks = findLeaksSettled();
    // The figures of issue 10, in the failsafe report.
    reporter.publishEntry(
        Map.of(
            "redeploys",
            Integer.toString(CYCLES),
            "leakLines",
            Integer.toString(leakLines.size()),
            "liveThreadsAfterEachUndeploy",
            threadCounts.toString(),
            "findleaks",
            findLeaks));
    assertEquals(List.of(), leakLines, "Tomcat's leak detector");
    assertTrue(
        threadCounts.get(CYCLES - 1) <= threadCounts.get(0),
        "live threads after each undeploy: " + threadCounts);
    assertEquals("OK - No memory leaks found", findLeaks);
  }

  /** Makes the application's Clerk fetch the JWKS and call the Backend API. */
  private static void useClerk(int cycle) throws Exception {
    TokenBuilder token = clerk.sessionToken().subject("user_cycle_" + cycle);
    HttpResponse<String> me =
        send(get("/app/api/me").header("Authorization", "Bearer " + token.sign()));
    assertEquals(200, me.statusCode(), me.body());

    String nonce = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    clerk.putHandshakePayload(
        nonce,
        "__session=" + token.sign() + "; Path=/",
        "__client_uat=" + token.now().getEpochSecond() + "; Path=/");
    HttpResponse<String> handshake =
        send(
            get("/app/?__clerk_handshake_nonce=" + nonce)
                .header("Sec-Fetch-Dest", "document")
                .header("Accept", "text/html"));
    assertEquals(307, handshake.statusCode(), handshake.body());
    assertTrue(
        handshake.headers().allValues("Set-Cookie").stream()
            .anyMatch(c -> c.startsWith("__session=ey")),
        handshake.headers().allValues("Set-Cookie").toString());
  }

  /**
   * Asks for GCs until every live thread passes {@code wanted} and there are at most {@code floor}
   * threads, or {@link #SETTLE_TIMEOUT} passes; returns the last list of threads.
   */
  private static List<String> settle(Predicate<String> wanted, int floor) throws Exception {
    Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
    while (true) {
      List<String> threads = send(get("/diag/threads?gc=true")).body().lines().toList();
      if ((threads.stream().allMatch(wanted) && threads.size() <= floor)
          || Instant.now().isAfter(deadline)) {
        List<String> left = threads.stream().filter(wanted.negate()).toList();
        assertEquals(List.of(), left, "threads left after the undeploy, of " + threads);
        return threads;
      }
      tomcat.pause(Duration.ofMillis(500));
    }
  }

  /**
   * Runs the manager's "find leaks" (it GCs) until it reports none or {@link #SETTLE_TIMEOUT}
   * passes.
   */
  private static String findLeaksSettled() throws Exception {
    Instant deadline = Instant.now().plus(SETTLE_TIMEOUT);
    while (true) {
      String answer = manager("/findleaks?statusLine=true");
      if (answer.equals("OK - No memory leaks found") || Instant.now().isAfter(deadline)) {
        return answer;
      }
      tomcat.pause(Duration.ofMillis(500));
    }
  }

  private static String manager(String command) throws Exception {
    HttpResponse<String> r =
        send(get("/manager/text" + command).header("Authorization", managerAuth));
    assertEquals(200, r.statusCode(), r.body());
    return r.body().strip();
  }

  private static HttpRequest.Builder get(String path) {
    return HttpRequest.newBuilder(URI.create(tomcat.url + path))
        .timeout(Duration.ofSeconds(30))
        .header("Accept-Language", "en")
        .GET();
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return StandaloneTomcat.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
