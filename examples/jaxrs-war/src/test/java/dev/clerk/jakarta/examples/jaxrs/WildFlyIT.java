package dev.clerk.jakarta.examples.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.clerk.jakarta.testing.FakeClerk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deploys {@code target/clerk-jaxrs-example.war} into a real standalone WildFly (unpacked from
 * {@code org.wildfly:wildfly-dist} by the build), configured through {@code CLERK_*} environment
 * variables for a {@link FakeClerk} started here, and checks the example's HTTP contract.
 *
 * <p>WildFly runs from its own server base directory under {@code target/wildfly-it} on a free port
 * offset, and is always stopped.
 */
class WildFlyIT {
  private static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(3);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static FakeClerk fake;
  private static Process wildfly;
  private static Path serverLog;
  private static URI base;

  @BeforeAll
  static void deploy() throws Exception {
    Path home = Path.of(System.getProperty("wildfly.home"));
    Path war = Path.of(System.getProperty("example.war"));
    Path work = Path.of(System.getProperty("it.work"));
    assertTrue(Files.isRegularFile(home.resolve("jboss-modules.jar")), "no WildFly at " + home);
    assertTrue(Files.isRegularFile(war), "no WAR at " + war);

    fake = FakeClerk.start();

    Path baseDir = work.resolve("standalone-" + System.nanoTime());
    copyTree(home.resolve("standalone/configuration"), baseDir.resolve("configuration"));
    Path deployments = Files.createDirectories(baseDir.resolve("deployments"));
    Files.createDirectories(baseDir.resolve("log"));
    serverLog = baseDir.resolve("log/server.log");
    Files.copy(war, deployments.resolve("clerk-jaxrs-example.war"), StandardCopyOption.REPLACE_EXISTING);

    int offset = freePortOffset();
    base = URI.create("http://127.0.0.1:" + (8080 + offset) + "/clerk-jaxrs-example/api/");

    List<String> command = new ArrayList<>();
    command.add("sh");
    command.add(home.resolve("bin/standalone.sh").toString());
    command.add("-Djboss.server.base.dir=" + baseDir);
    command.add("-Djboss.socket.binding.port-offset=" + offset);
    command.add("-b");
    command.add("127.0.0.1");
    command.add("-bmanagement");
    command.add("127.0.0.1");
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    // Only this test's settings: a developer's CLERK_* (sign-in URL, domain, audience …), JAVA_OPTS
    // (which makes standalone.conf skip its defaults) or JBOSS_* must not change what is tested.
    env.keySet().removeIf(k -> k.startsWith("CLERK_") || k.startsWith("JBOSS_") || k.equals("JAVA_OPTS"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("JBOSS_HOME", home.toString());
    env.put("CLERK_SECRET_KEY", fake.secretKey());
    env.put("CLERK_PUBLISHABLE_KEY", fake.publishableKey());
    env.put("CLERK_API_URL", fake.apiUrl());
    pb.redirectErrorStream(true);
    pb.redirectOutput(baseDir.resolve("console.log").toFile());
    wildfly = pb.start();
    Process started = wildfly;
    // Should this JVM be killed before @AfterAll (failsafe timeout, Ctrl+C), do not leave WildFly behind.
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      started.descendants().forEach(ProcessHandle::destroyForcibly);
      started.destroyForcibly();
    }));

    awaitDeployment(deployments, "clerk-jaxrs-example.war");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (wildfly != null) {
      // standalone.sh starts java as a child: stop the whole tree.
      List<ProcessHandle> tree = wildfly.descendants().toList();
      tree.forEach(ProcessHandle::destroy);
      wildfly.destroy();
      for (ProcessHandle p : tree) {
        p.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> {
          p.destroyForcibly();
          return p;
        }).join();
      }
      if (!wildfly.waitFor(30, TimeUnit.SECONDS)) {
        wildfly.destroyForcibly();
      }
    }
    if (fake != null) {
      fake.close();
    }
  }

  @Test
  void publicWhenAnonymousThen200() throws Exception {
    HttpResponse<String> r = get("public");
    assertEquals(200, r.statusCode(), r::body);
    assertEquals("public", r.body());
    assertEquals("signed-out", r.headers().firstValue("x-clerk-auth-status").orElseThrow());
  }

  @Test
  void meWhenSignedOutThen401WithBearerChallenge() throws Exception {
    HttpResponse<String> r = get("me");
    assertEquals(401, r.statusCode(), r::body);
    assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElseThrow());
  }

  @Test
  void meWhenSessionTokenThenJsonFromContextClerkAuth() throws Exception {
    String token =
        fake.sessionToken()
            .subject("user_wildfly")
            .sessionId("sess_wildfly")
            .organizationV1("org_1", "acme", "org:member", "org:invoices:read")
            .sign();
    HttpResponse<String> r = get("me", "Authorization", "Bearer " + token);
    assertEquals(200, r.statusCode(), r::body);
    assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    assertEquals(
        "{\"userId\":\"user_wildfly\",\"sessionId\":\"sess_wildfly\",\"orgId\":\"org_1\","
            + "\"orgRole\":\"org:member\",\"orgPermissions\":[\"org:invoices:read\"],"
            + "\"tokenType\":\"session_token\"}",
        r.body());
  }

  @Test
  void meWhenNoOrganizationThenNullOrgFields() throws Exception {
    String token = fake.sessionToken().subject("user_solo").sessionId("sess_solo").sign();
    HttpResponse<String> r = get("me", "Authorization", "Bearer " + token);
    assertEquals(200, r.statusCode(), r::body);
    assertEquals(
        "{\"userId\":\"user_solo\",\"sessionId\":\"sess_solo\",\"orgId\":null,\"orgRole\":null,"
            + "\"orgPermissions\":[],\"tokenType\":\"session_token\"}",
        r.body());
  }

  @Test
  void adminWhenSignedOutThen401MemberThen403AdminThen200() throws Exception {
    assertEquals(401, get("admin").statusCode());
    String member = fake.sessionToken().subject("user_m").organizationV1("org_1", "acme", "org:member").sign();
    HttpResponse<String> forbidden = get("admin", "Authorization", "Bearer " + member);
    assertEquals(403, forbidden.statusCode(), forbidden::body);
    assertTrue(
        forbidden.headers().firstValue("WWW-Authenticate").orElseThrow().contains("error=\"insufficient_scope\""));
    String admin = fake.sessionToken().subject("user_a").organizationV1("org_1", "acme", "org:admin").sign();
    HttpResponse<String> ok = get("admin", "Authorization", "Bearer " + admin);
    assertEquals(200, ok.statusCode(), ok::body);
    assertEquals("admin user_a", ok.body());
  }

  private static HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Waits for the deployment scanner's {@code .deployed} or {@code .failed} marker. */
  private static void awaitDeployment(Path deployments, String name) throws IOException, InterruptedException {
    Path deployed = deployments.resolve(name + ".deployed");
    Path failed = deployments.resolve(name + ".failed");
    Instant deadline = Instant.now().plus(DEPLOY_TIMEOUT);
    try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
      deployments.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
      while (true) {
        if (Files.exists(deployed)) {
          return;
        }
        if (Files.exists(failed)) {
          fail("deployment failed: " + Files.readString(failed) + "\n" + tail(serverLog));
        }
        if (!wildfly.isAlive()) {
          fail("WildFly exited with " + wildfly.exitValue() + "\n" + tail(serverLog));
        }
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative()) {
          fail("no deployment marker after " + DEPLOY_TIMEOUT + "\n" + tail(serverLog));
        }
        // Wakes on any change in the directory, or once a second to check the process.
        WatchKey key = watcher.poll(Math.min(left.toMillis(), 1000), TimeUnit.MILLISECONDS);
        if (key != null) {
          key.pollEvents();
          key.reset();
        }
      }
    }
  }

  private static String tail(Path log) {
    try {
      if (!Files.exists(log)) {
        return "(no server.log)";
      }
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    } catch (IOException e) {
      return "(server.log unreadable: " + e + ")";
    }
  }

  /** A port offset under which every socket binding of standalone.xml is free. */
  private static int freePortOffset() {
    int[] ports = {8080, 8443, 9990, 9993, 8009, 4712, 4713};
    for (int attempt = 0; attempt < 50; attempt++) {
      int offset = ThreadLocalRandom.current().nextInt(1000, 20000);
      boolean free = true;
      for (int p : ports) {
        try (ServerSocket s = new ServerSocket(p + offset)) {
          s.setReuseAddress(true);
        } catch (IOException e) {
          free = false;
          break;
        }
      }
      if (free) {
        return offset;
      }
    }
    throw new IllegalStateException("no free port offset found");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      paths.forEach(
          p -> {
            try {
              Path target = to.resolve(from.relativize(p).toString());
              if (Files.isDirectory(p)) {
                Files.createDirectories(target);
              } else {
                Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }
}
