package dev.clerk.jakarta.examples.servlet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Payara Micro ({@code java -jar payara-micro.jar}) with one WAR deployed at {@code /}, started to
 * boot fast and stay offline: no Hazelcast at all ({@code --nohazelcast}, so no clustering), no
 * phone-home ({@code --disablephonehome}), the C1 compiler only, the HTTP listener on a free port
 * of 127.0.0.1 only, and every file it writes (root and unpack directories, {@code java.io.tmpdir})
 * under {@code target/it}. Not thread-safe.
 */
public final class PayaraMicroServer {
  static final Duration START_TIMEOUT = Duration.ofSeconds(180);

  private PayaraMicroServer() {}

  /**
   * Starts {@code jar} on {@code java} with {@code war} at {@code /} and waits until {@code
   * /health} answers 200.
   *
   * @param workName the directory under {@code it.work.dir} that receives everything it writes
   */
  public static ServerProcess deploy(
      String name, Path java, Path jar, Path war, String workName, Map<String, String> env)
      throws Exception {
    Path work = Path.of(System.getProperty("it.work.dir")).resolve(workName);
    StandaloneTomcat.deleteRecursively(work);
    for (String d : List.of("root", "unpack", "tmp")) {
      Files.createDirectories(work.resolve(d));
    }
    // Before boot, bind the HTTP listener to loopback only (--port alone listens on every
    // interface).
    Path preboot =
        Files.writeString(
            work.resolve("preboot.asadmin"),
            "set configs.config.server-config.network-config.network-listeners.network-listener.http-listener.address"
                + "=127.0.0.1\n");
    int port = StandaloneTomcat.freePort();
    ProcessBuilder pb =
        new ProcessBuilder(
            java.toString(),
            // C1 only: the server answers a few dozen requests; this halves its boot on two cores.
            "-XX:TieredStopAtLevel=1",
            "-Djava.io.tmpdir=" + work.resolve("tmp"),
            "-jar",
            jar.toString(),
            "--deploy",
            war.toString(),
            "--contextroot",
            "/",
            "--port",
            Integer.toString(port),
            // Not --nocluster: with it Payara still starts a Hazelcast member, on port 6900 of a
            // non-loopback
            // interface; --nohazelcast alone starts none (and boots in half the time).
            "--nohazelcast",
            "--disablephonehome",
            "--prebootcommandfile",
            preboot.toString(),
            "--rootdir",
            work.resolve("root").toString(),
            "--unpackdir",
            work.resolve("unpack").toString());
    pb.directory(work.toFile());
    ServerProcess server =
        ServerProcess.start(
            name,
            pb,
            env,
            work.resolve("console.log"),
            "http://127.0.0.1:" + port,
            "/health",
            START_TIMEOUT);
    String console = server.console();
    if (console.contains("DataGrid:") || !console.contains("Disabled Phone Home")) {
      server.stop();
      throw new IllegalStateException(
          name + " started a Hazelcast data grid or phone-home:\n" + console);
    }
    return server;
  }

  /**
   * The {@code java} launcher of a JDK of at least {@code feature}: the one running this test when
   * it is recent enough, else the JDK that system property {@code property} names (the build sets
   * it to Temurin 25 under {@code /usr/lib/jvm}).
   *
   * @throws AssertionError naming the property when no such JDK is there
   */
  static Path javaAtLeast(int feature, String property) throws IOException {
    if (Runtime.version().feature() >= feature) {
      return Path.of(System.getProperty("java.home"), "bin", "java");
    }
    String home = System.getProperty(property, "");
    Path release = Path.of(home, "release");
    assertTrue(
        !home.isBlank()
            && Files.isRegularFile(release)
            && Files.isRegularFile(Path.of(home, "bin", "java")),
        "this test needs a JDK "
            + feature
            + "+; this build runs on Java "
            + Runtime.version().feature()
            + " and -D"
            + property
            + "="
            + home
            + " is not a JDK");
    Matcher m = Pattern.compile("(?m)^JAVA_VERSION=\"(\\d+)").matcher(Files.readString(release));
    assertTrue(
        m.find() && Integer.parseInt(m.group(1)) >= feature,
        "this test needs a JDK " + feature + "+, and " + home + " is not one (-D" + property + ")");
    return Path.of(home, "bin", "java");
  }
}
