package dev.clerk.jakarta.filter;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The authorization matrix on embedded Jetty 12 ({@link TestedEe}: ee10 or ee11). */
class AuthorizationMatrixJettyTest extends AuthorizationMatrixTestBase {
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
  TestContainer container() {
    return jetty;
  }

  @Override
  Runtime runtime() {
    return Runtime.JETTY;
  }
}
