package dev.clerk.jakarta.examples.servlet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Open Liberty ({@code wlp/bin/server run}) with one WAR deployed at {@code /}, the features it is
 * given and an HTTP endpoint on a free port of 127.0.0.1 (no HTTPS). The server's configuration and
 * everything it writes live in {@code WLP_USER_DIR}/{@code WLP_OUTPUT_DIR} under {@code target/it},
 * never in the unpacked runtime. Not thread-safe.
 */
final class OpenLibertyServer {
  static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private OpenLibertyServer() {}

  /**
   * Starts the runtime in {@code wlp} on the build's Java with {@code war} at {@code /} and waits
   * until {@code /health} answers 200.
   *
   * @param features Liberty features, e.g. {@code servlet-6.0}
   * @param workName the directory under {@code it.work.dir} that receives everything it writes
   */
  static ServerProcess deploy(
      Path wlp, Path war, List<String> features, String workName, Map<String, String> env)
      throws Exception {
    assertTrue(Files.isRegularFile(wlp.resolve("bin/server")), "no Open Liberty at " + wlp);
    Path work = Path.of(System.getProperty("it.work.dir")).resolve(workName);
    StandaloneTomcat.deleteRecursively(work);
    Path serverDir = Files.createDirectories(work.resolve("usr/servers/it"));
    Files.createDirectories(work.resolve("output"));
    int port = StandaloneTomcat.freePort();
    StringBuilder xml =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<server>\n  <featureManager>\n");
    for (String f : features) {
      xml.append("    <feature>").append(f).append("</feature>\n");
    }
    xml.append("  </featureManager>\n")
        .append("  <httpEndpoint id=\"defaultHttpEndpoint\" host=\"127.0.0.1\" httpPort=\"")
        .append(port)
        // Liberty's default protocols: HTTP/1.1 and h2c, which the test client upgrades to.
        .append("\" httpsPort=\"-1\"/>\n")
        .append("  <webApplication location=\"")
        .append(war)
        .append("\" contextRoot=\"/\"/>\n")
        // No polling of the configuration and of dropins/ while the test runs.
        .append("  <config updateTrigger=\"disabled\"/>\n")
        .append("  <applicationMonitor updateTrigger=\"disabled\" dropinsEnabled=\"false\"/>\n")
        .append("</server>\n");
    Files.writeString(serverDir.resolve("server.xml"), xml);
    // C1 only: the server answers a few dozen requests; this shortens its boot on two cores.
    Files.writeString(serverDir.resolve("jvm.options"), "-XX:TieredStopAtLevel=1\n");
    ProcessBuilder pb = new ProcessBuilder("sh", wlp.resolve("bin/server").toString(), "run", "it");
    Map<String, String> penv = pb.environment();
    penv.keySet()
        .removeIf(k -> k.startsWith("WLP_") || k.equals("JVM_ARGS") || k.equals("SERVER_NAME"));
    penv.put("JAVA_HOME", System.getProperty("java.home"));
    penv.put("WLP_USER_DIR", work.resolve("usr").toString());
    penv.put("WLP_OUTPUT_DIR", work.resolve("output").toString());
    pb.directory(work.toFile());
    return ServerProcess.start(
        "Open Liberty",
        pb,
        env,
        work.resolve("console.log"),
        "http://127.0.0.1:" + port,
        "/health",
        START_TIMEOUT);
  }
}
