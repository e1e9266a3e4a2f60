package dev.clerk.jakarta.filter;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.BufferUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The filter in embedded Jetty 12 (ee10), raw requests through a {@link LocalConnector}. */
class ClerkFilterJettyTest extends ContainerTestBase {
  private static Server server;
  private static LocalConnector connector;

  @BeforeAll
  static void startJetty() throws Exception {
    server = new Server();
    connector = new LocalConnector(server);
    server.addConnector(connector);
    server.setHandler(new ContextHandlerCollection(webapp("/", rootApp.toString()), webapp("/outage", outageApp.toString()),
        webapp("/machines", machineApp.toString()), webapp("/interstitial", interstitialApp.toString())));
    server.start();
  }

  private static WebAppContext webapp(String contextPath, String dir) {
    WebAppContext ctx = new WebAppContext();
    ctx.setContextPath(contextPath);
    ctx.setWar(dir);
    ctx.setParentLoaderPriority(true);
    ctx.setThrowUnavailableOnStartupException(true);
    return ctx;
  }

  @AfterAll
  static void stopJetty() throws Exception {
    server.stop();
  }

  @Override
  RawResponse exchange(String rawRequest) throws Exception {
    ByteBuffer response = connector.getResponse(BufferUtil.toBuffer(rawRequest), 10, TimeUnit.SECONDS);
    return RawResponse.parse(BufferUtil.toArray(response));
  }

  @Override
  Map<String, Integer> pathConfusionStatuses() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("/api;jsessionid=1/whoami", 401);
    m.put("/api/./whoami", 401);
    m.put("/api/public/../whoami", 401);
    m.put("/admin;x=y/", 401);
    m.put("/files/report.secret;x=1", 401);
    m.put("/x/%2e%2e/api/whoami", 400);
    m.put("/api%2fwhoami", 400);
    m.put("/api/%2e/whoami", 400);
    m.put("/api%5cwhoami", 400);
    // Jetty refuses ambiguous segments and empty segments itself.
    m.put("/public/..;/api/whoami", 400);
    m.put("/whoami/..;/api/whoami", 400);
    m.put("//api//whoami", 400);
    return m;
  }
}
