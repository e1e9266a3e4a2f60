package dev.clerk.jakarta.filter;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The filter in embedded Jetty 12 ({@link TestedEe}: ee10 or ee11), raw requests through a {@code
 * LocalConnector}.
 */
class ClerkFilterJettyTest extends ContainerTestBase {
  private static TestContainer jetty;

  @BeforeAll
  static void startJetty() throws Exception {
    jetty = TestContainer.jetty(apps());
  }

  @AfterAll
  static void stopJetty() throws Exception {
    jetty.stop();
  }

  @Override
  RawResponse exchange(String rawRequest) throws Exception {
    return jetty.exchange(rawRequest);
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
    // An escaped ';' is not a parameter separator to the container; an escaped '%' invites decoding
    // twice.
    m.put("/api/whoami%3Bx", 400);
    m.put("/api/who%2561mi", 400);
    // Jetty refuses ambiguous segments and empty segments itself.
    m.put("/public/..;/api/whoami", 400);
    m.put("/whoami/..;/api/whoami", 400);
    m.put("//api//whoami", 400);
    return m;
  }
}
