package dev.clerk.jakarta.examples.servlet;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A standalone server started as a child process for the integration tests (Payara Micro, Open
 * Liberty): its console goes to a file, it is ready once a URL answers 200, and it is stopped with
 * SIGTERM, then SIGKILL. Not thread-safe.
 */
public final class ServerProcess implements DeployedServer {
  private final String name;
  private final Process process;
  private final Path consoleLog;
  private final String url;

  private ServerProcess(String name, Process process, Path consoleLog, String url) {
    this.name = name;
    this.process = process;
    this.consoleLog = consoleLog;
    this.url = url;
  }

  /**
   * Starts {@code command} with the {@code CLERK_*} environment variables of {@code env} (and none
   * inherited from this JVM) and waits until {@code url + readyPath} answers 200.
   *
   * @param name the server's name, for messages
   * @param command the command line
   * @param env environment variables to add
   * @param consoleLog where stdout and stderr go
   * @param url the application's base URL ({@code http://127.0.0.1:<port>})
   * @param readyPath the path that answers 200 once the application is deployed
   * @param timeout how long to wait for that
   * @throws IllegalStateException if the process exits or the path does not answer in time; the
   *     message carries the console output
   */
  static ServerProcess start(
      String name,
      ProcessBuilder command,
      Map<String, String> env,
      Path consoleLog,
      String url,
      String readyPath,
      Duration timeout)
      throws IOException, InterruptedException {
    Map<String, String> penv = command.environment();
    penv.keySet()
        .removeIf(
            k -> k.startsWith("CLERK_") || k.equals("JAVA_OPTS") || k.equals("JAVA_TOOL_OPTIONS"));
    penv.putAll(env);
    command.redirectErrorStream(true);
    command.redirectOutput(consoleLog.toFile());
    Process process = command.start();
    // Should this JVM be killed before the test ends, do not leave the server behind.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  process.descendants().forEach(ProcessHandle::destroyForcibly);
                  process.destroyForcibly();
                }));
    ServerProcess server = new ServerProcess(name, process, consoleLog, url);
    Instant deadline = Instant.now().plus(timeout);
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create(url + readyPath)).timeout(Duration.ofSeconds(10)).build();
    while (true) {
      if (process.waitFor(250, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            name + " exited with " + process.exitValue() + ":\n" + server.console());
      }
      try {
        if (StandaloneTomcat.HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode()
            == 200) {
          return server;
        }
      } catch (IOException notYet) {
        // Connection refused until the server listens; try again.
      }
      if (Instant.now().isAfter(deadline)) {
        server.stop();
        throw new IllegalStateException(
            name
                + " did not answer "
                + readyPath
                + " within "
                + timeout
                + ":\n"
                + server.console());
      }
    }
  }

  @Override
  public String url() {
    return url;
  }

  @Override
  public String console() throws IOException {
    return Files.exists(consoleLog) ? Files.readString(consoleLog) : "(no console log)";
  }

  @Override
  public void stop() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Override
  public String toString() {
    return name + " at " + url;
  }
}
