package dev.clerk.jakarta.examples.servlet;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real standalone Tomcat 10.1 ({@code catalina.sh run} as a child process) in its own {@code
 * CATALINA_BASE} under {@code target/it}, listening on a free loopback port, for the integration
 * tests. Not thread-safe.
 */
final class StandaloneTomcat {
  static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(2))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  final Path home;
  final Path base;
  final String url;
  private final Process process;

  private StandaloneTomcat(Path home, Path base, String url, Process process) {
    this.home = home;
    this.base = base;
    this.url = url;
    this.process = process;
  }

  /** Copies {@code conf/} of the distribution into a fresh base and moves the ports. */
  static Path prepareBase(Path home, String name) throws IOException {
    assertTrue(Files.isRegularFile(home.resolve("bin/catalina.sh")), "no Tomcat at " + home);
    Path base = Path.of(System.getProperty("it.work.dir")).resolve(name);
    deleteRecursively(base);
    for (String d : List.of("conf", "webapps", "logs", "temp", "work")) {
      Files.createDirectories(base.resolve(d));
    }
    try (Stream<Path> conf = Files.list(home.resolve("conf"))) {
      for (Path f : conf.filter(Files::isRegularFile).toList()) {
        Files.copy(
            f, base.resolve("conf").resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return base;
  }

  /**
   * Starts Tomcat on a free port and waits until {@code readyPath} answers 200.
   *
   * @param env extra environment variables (the {@code CLERK_*} settings)
   */
  static StandaloneTomcat start(Path home, Path base, Map<String, String> env, String readyPath)
      throws Exception {
    int port = freePort();
    String serverXml = Files.readString(base.resolve("conf/server.xml"));
    String edited =
        serverXml
            .replace(
                "<Server port=\"8005\" shutdown=\"SHUTDOWN\">",
                "<Server port=\"-1\" shutdown=\"SHUTDOWN\">")
            .replace(
                "<Connector port=\"8080\" protocol=\"HTTP/1.1\"",
                "<Connector port=\"" + port + "\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\"");
    assertTrue(
        edited.contains("<Server port=\"-1\"")
            && edited.contains("<Connector port=\"" + port + "\""),
        "server.xml not edited as expected");
    Files.writeString(base.resolve("conf/server.xml"), edited);

    ProcessBuilder pb = new ProcessBuilder("sh", home.resolve("bin/catalina.sh").toString(), "run");
    Map<String, String> penv = pb.environment();
    penv.keySet()
        .removeIf(
            k -> k.startsWith("CLERK_") || k.startsWith("CATALINA_") || k.equals("JAVA_OPTS"));
    penv.put("JAVA_HOME", System.getProperty("java.home"));
    penv.put("CATALINA_HOME", home.toString());
    penv.put("CATALINA_BASE", base.toString());
    penv.putAll(env);
    pb.redirectErrorStream(true);
    pb.redirectOutput(base.resolve("logs/console.log").toFile());
    Process process = pb.start();
    // Should this JVM be killed before the test ends, do not leave Tomcat behind.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  process.descendants().forEach(ProcessHandle::destroyForcibly);
                  process.destroyForcibly();
                }));
    StandaloneTomcat tomcat = new StandaloneTomcat(home, base, "http://127.0.0.1:" + port, process);

    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (true) {
      if (tomcat.pause(Duration.ofMillis(250))) {
        throw new IllegalStateException(
            "Tomcat exited with " + process.exitValue() + ":\n" + tomcat.console());
      }
      try {
        HttpRequest ready =
            HttpRequest.newBuilder(URI.create(tomcat.url + readyPath))
                .timeout(Duration.ofSeconds(10))
                .build();
        if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return tomcat;
        }
      } catch (IOException notYet) {
        // Connection refused until the connector listens; try again.
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException(
            "Tomcat did not answer "
                + readyPath
                + " within "
                + START_TIMEOUT
                + ":\n"
                + tomcat.console());
      }
    }
  }

  /**
   * Waits up to {@code d} for the Tomcat process to exit: the pause between two polls of a
   * condition, and a check that Tomcat is still running.
   *
   * @return true when Tomcat has exited
   */
  boolean pause(Duration d) throws InterruptedException {
    return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** {@return Tomcat's console output so far (stdout and stderr, i.e. its whole log)} */
  String console() throws IOException {
    Path log = base.resolve("logs/console.log");
    return Files.exists(log) ? Files.readString(log) : "(no console log)";
  }

  /** Stops Tomcat (SIGTERM, then SIGKILL after 30 s). */
  void stop() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  static void copyRecursively(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(f);
      }
    }
  }
}
