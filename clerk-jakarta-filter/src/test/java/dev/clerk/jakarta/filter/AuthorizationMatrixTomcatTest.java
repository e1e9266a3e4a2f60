package dev.clerk.jakarta.filter;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The authorization matrix on embedded Tomcat ({@link TestedEe}: 10.1 or 11). */
class AuthorizationMatrixTomcatTest extends AuthorizationMatrixTestBase {
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
  TestContainer container() {
    return tomcat;
  }

  @Override
  Runtime runtime() {
    return Runtime.TOMCAT;
  }
}
