package dev.clerk.jakarta.examples.jaxrs;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
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

/**
 * A real standalone WildFly (unpacked from {@code org.wildfly:wildfly-dist} by the build) running
 * from its own server base directory under {@code target/wildfly-it}, on a free port offset, bound
 * to 127.0.0.1, with only the {@code CLERK_*} environment variables it is given. Deployments go
 * through its deployment scanner. Not thread-safe; always {@link #stop()} it.
 */
public final class WildFlyServer {
  static final Duration DEPLOY_TIMEOUT = Duration.ofMinutes(3);

  private final Process process;
  private final Path deployments;
  private final Path serverLog;
  private final int offset;

  private WildFlyServer(Process process, Path deployments, Path serverLog, int offset) {
    this.process = process;
    this.deployments = deployments;
    this.serverLog = serverLog;
    this.offset = offset;
  }

  /**
   * Starts WildFly (without waiting for it: {@link #awaitDeployment} does).
   *
   * @param clerkEnv the {@code CLERK_*} variables to give it; no other {@code CLERK_*} variable
   *     reaches it
   */
  public static WildFlyServer start(Map<String, String> clerkEnv)
      throws IOException, InterruptedException {
    return start(clerkEnv, List.of());
  }

  /**
   * Starts WildFly after running CLI scripts offline against its configuration (each script starts
   * with {@code embed-server} and ends with {@code stop-embedded-server}), without waiting for it.
   *
   * @param clerkEnv the {@code CLERK_*} variables to give it; no other {@code CLERK_*} variable
   *     reaches it
   * @param cliScripts {@code jboss-cli.sh --file} scripts, run in order
   */
  public static WildFlyServer start(Map<String, String> clerkEnv, List<Path> cliScripts)
      throws IOException, InterruptedException {
    Path home = Path.of(System.getProperty("wildfly.home"));
    Path work = Path.of(System.getProperty("it.work"));
    assertTrue(Files.isRegularFile(home.resolve("jboss-modules.jar")), "no WildFly at " + home);
    Path baseDir = work.resolve("standalone-" + System.nanoTime());
    copyTree(home.resolve("standalone/configuration"), baseDir.resolve("configuration"));
    Path deployments = Files.createDirectories(baseDir.resolve("deployments"));
    Files.createDirectories(baseDir.resolve("log"));
    for (Path script : cliScripts) {
      runCli(home, baseDir, script);
    }
    int offset = freePortOffset();

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
    env.keySet()
        .removeIf(k -> k.startsWith("CLERK_") || k.startsWith("JBOSS_") || k.equals("JAVA_OPTS"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("JBOSS_HOME", home.toString());
    env.putAll(clerkEnv);
    pb.redirectErrorStream(true);
    pb.redirectOutput(baseDir.resolve("console.log").toFile());
    Process process = pb.start();
    // Should this JVM be killed before stop() (failsafe timeout, Ctrl+C), do not leave WildFly
    // behind.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  process.descendants().forEach(ProcessHandle::destroyForcibly);
                  process.destroyForcibly();
                }));
    return new WildFlyServer(process, deployments, baseDir.resolve("log/server.log"), offset);
  }

  /**
   * Runs {@code script} with {@code jboss-cli.sh} against the configuration under {@code baseDir}.
   */
  private static void runCli(Path home, Path baseDir, Path script)
      throws IOException, InterruptedException {
    assertTrue(Files.isRegularFile(script), "no CLI script at " + script);
    ProcessBuilder pb =
        new ProcessBuilder("sh", home.resolve("bin/jboss-cli.sh").toString(), "--file=" + script);
    Map<String, String> env = pb.environment();
    env.keySet()
        .removeIf(k -> k.startsWith("CLERK_") || k.startsWith("JBOSS_") || k.equals("JAVA_OPTS"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("JBOSS_HOME", home.toString());
    // embed-server edits the configuration of this base directory, not the distribution's.
    env.put("JAVA_OPTS", "-Djboss.server.base.dir=" + baseDir);
    Path log = baseDir.resolve("cli-" + script.getFileName() + ".log");
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    Process cli = pb.start();
    if (!cli.waitFor(2, TimeUnit.MINUTES)) {
      cli.descendants().forEach(ProcessHandle::destroyForcibly);
      cli.destroyForcibly();
      fail("jboss-cli " + script + " did not end within 2 minutes:\n" + Files.readString(log));
    }
    if (cli.exitValue() != 0) {
      fail(
          "jboss-cli "
              + script
              + " exited with "
              + cli.exitValue()
              + ":\n"
              + Files.readString(log));
    }
  }

  /** {@return the base URL of the HTTP listener, e.g. {@code http://127.0.0.1:18080}} */
  public String url() {
    return "http://127.0.0.1:" + (8080 + offset);
  }

  /** {@return the server log} */
  public Path serverLog() {
    return serverLog;
  }

  /** Deploys a WAR file under {@code name} and waits until it is deployed. */
  public void deployFile(Path war, String name) throws IOException, InterruptedException {
    Files.copy(war, deployments.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    awaitDeployment(name);
  }

  /** Deploys an exploded WAR directory under {@code name} and waits until it is deployed. */
  public void deployExploded(Path dir, String name) throws IOException, InterruptedException {
    copyTree(dir, deployments.resolve(name));
    // The scanner deploys exploded content only on request.
    Files.writeString(deployments.resolve(name + ".dodeploy"), name);
    awaitDeployment(name);
  }

  /** Waits for the deployment scanner's {@code .deployed} or {@code .failed} marker. */
  private void awaitDeployment(String name) throws IOException, InterruptedException {
    Path deployed = deployments.resolve(name + ".deployed");
    Path failed = deployments.resolve(name + ".failed");
    Instant deadline = Instant.now().plus(DEPLOY_TIMEOUT);
    try (WatchService watcher = FileSystems.getDefault().newWatchService()) {
      deployments.register(
          watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
      while (true) {
        if (Files.exists(deployed)) {
          return;
        }
        if (Files.exists(failed)) {
          fail("deployment failed: " + Files.readString(failed) + "\n" + tail());
        }
        if (!process.isAlive()) {
          fail("WildFly exited with " + process.exitValue() + "\n" + tail());
        }
        Duration left = Duration.between(Instant.now(), deadline);
        if (left.isNegative()) {
          fail("no deployment marker after " + DEPLOY_TIMEOUT + "\n" + tail());
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

  /** {@return the last 80 lines of the server log} */
  public String tail() {
    try {
      if (!Files.exists(serverLog)) {
        return "(no server.log)";
      }
      List<String> lines = Files.readAllLines(serverLog);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    } catch (IOException e) {
      return "(server.log unreadable: " + e + ")";
    }
  }

  /** Stops WildFly: {@code standalone.sh} starts java as a child, so the whole tree. */
  public void stop() throws InterruptedException {
    List<ProcessHandle> tree = process.descendants().toList();
    tree.forEach(ProcessHandle::destroy);
    process.destroy();
    for (ProcessHandle p : tree) {
      p.onExit()
          .orTimeout(30, TimeUnit.SECONDS)
          .exceptionally(
              e -> {
                p.destroyForcibly();
                return p;
              })
          .join();
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
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

  static void copyTree(Path from, Path to) throws IOException {
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
