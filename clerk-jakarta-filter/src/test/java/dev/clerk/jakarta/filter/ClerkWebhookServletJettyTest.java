package dev.clerk.jakarta.filter;

import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link ClerkWebhookServlet} in embedded Jetty 12 ({@link TestedEe}: ee10 or ee11) on a loopback
 * port.
 */
class ClerkWebhookServletJettyTest extends WebhookEndpointTestBase {
  private static Server server;
  private static String base;

  @BeforeAll
  static void startJetty() throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    JettyEnvironment jetty = JettyEnvironment.current();
    server.setHandler(
        new org.eclipse.jetty.server.handler.ContextHandlerCollection(
            jetty.webApp("/", app, true),
            // As a deployed WAR: a servlet that cannot start does not stop the application.
            jetty.webApp("/unconfigured", unconfiguredApp, false)));
    server.start();
    base = "http://127.0.0.1:" + connector.getLocalPort();
  }

  @AfterAll
  static void stopJetty() throws Exception {
    server.stop();
  }

  @Override
  int unavailableStatus() {
    // Jetty answers a temporarily unavailable servlet with 503.
    return 503;
  }

  @Override
  String base() {
    return base;
  }
}
