package dev.clerk.jakarta.filter;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The filter in embedded Tomcat ({@link TestedEe}: 10.1 or 11), raw requests over a loopback
 * socket.
 */
class ClerkFilterTomcatTest extends ContainerTestBase {
  private static TestContainer tomcat;

  @BeforeAll
  static void startTomcat() throws Exception {
    tomcat = TestContainer.tomcat(apps());
  }

  @AfterAll
  static void stopTomcat() throws Exception {
    tomcat.stop();
  }

  @Override
  RawResponse exchange(String rawRequest) throws Exception {
    return tomcat.exchange(rawRequest);
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
    // Tomcat removes path parameters before resolving dot segments, and merges slashes.
    m.put("/public/..;/api/whoami", 401);
    m.put("/whoami/..;/api/whoami", 401);
    m.put("//api//whoami", 401);
    return m;
  }
}
