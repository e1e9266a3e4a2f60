package dev.clerk.jakarta.examples.servlet;

import java.io.IOException;

/**
 * A server that one of the integration tests started with the example WAR deployed at its root. Not
 * thread-safe.
 */
public interface DeployedServer {
  /**
   * {@return the application's base URL, {@code http://127.0.0.1:<port>}, without a trailing slash}
   */
  String url();

  /** {@return the server's console output so far, for failure messages} */
  String console() throws IOException;

  /** Stops the server and waits for its process to end. */
  void stop() throws InterruptedException;
}
