package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.testing.FakeClerk;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Who closes the {@link Clerk} when a web application is undeployed, in embedded Jetty 12 and
 * Tomcat 10.1 with a real {@code web.xml}: the filter closes the one it created, exactly once, also
 * when another filter shares it, and never one the application gave it.
 */
class ClerkFilterLifecycleTest {
  private static FakeClerk fake;
  private final List<LogRecord> closes = new CopyOnWriteArrayList<>();
  private final Logger clerkLogger = Logger.getLogger(Clerk.class.getName());
  private Level previousLevel;
  private final Handler closeCounter =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if ("Clerk: closed {0}".equals(record.getMessage())) {
            closes.add(record);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeAll
  static void startClerk() {
    fake = FakeClerk.start();
  }

  @AfterAll
  static void stopClerk() {
    fake.close();
  }

  @BeforeEach
  void countCloses() {
    previousLevel = clerkLogger.getLevel();
    clerkLogger.setLevel(Level.FINE);
    clerkLogger.addHandler(closeCounter);
  }

  @AfterEach
  void stopCounting() {
    clerkLogger.removeHandler(closeCounter);
    clerkLogger.setLevel(previousLevel);
  }

  /** A signed-in request: the Clerk fetches the JWKS, so its HTTP client and worker threads run. */
  private static void useClerk(EmbeddedContainer.Deployment d, String contextPath)
      throws Exception {
    String response =
        d.get(
            contextPath + "/api/whoami",
            "Authorization: Bearer " + fake.sessionToken().subject("user_lc").sign());
    assertTrue(response.startsWith("HTTP/1.1 200"), response);
    assertTrue(response.contains("principal=user_lc"), response);
  }

  private static void assertThreadsStopped(Clerk clerk) {
    assertTrue(clerk.isClosed());
    // The HTTP client's executor is the Clerk's worker pool: shut down.
    assertThrows(
        RejectedExecutionException.class,
        () -> clerk.httpClient().executor().orElseThrow().execute(() -> {}));
  }

  @ParameterizedTest
  @EnumSource(EmbeddedContainer.class)
  void destroyWhenFilterCreatedTheClerkThenUndeployClosesItOnce(EmbeddedContainer container)
      throws Exception {
    try (EmbeddedContainer.Deployment d =
        container.deploy(
            "/created", WebXmlApps.app(WebXmlApps.filter("clerk", WebXmlApps.clerkParams(fake))))) {
      useClerk(d, "/created");
      Clerk clerk =
          assertInstanceOf(Clerk.class, d.servletContext().getAttribute(Clerk.CONTEXT_ATTRIBUTE));
      assertFalse(clerk.isClosed());

      d.undeploy();

      assertThreadsStopped(clerk);
      assertEquals(1, closes.size());
    }
  }

  @ParameterizedTest
  @EnumSource(EmbeddedContainer.class)
  void destroyWhenTwoFiltersShareTheClerkThenUndeployClosesItOnce(EmbeddedContainer container)
      throws Exception {
    String filters =
        WebXmlApps.filter("first", WebXmlApps.clerkParams(fake)) + WebXmlApps.filter("second", "");
    try (EmbeddedContainer.Deployment d = container.deploy("/shared", WebXmlApps.app(filters))) {
      useClerk(d, "/shared");
      Clerk clerk =
          assertInstanceOf(Clerk.class, d.servletContext().getAttribute(Clerk.CONTEXT_ATTRIBUTE));

      d.undeploy();

      assertThreadsStopped(clerk);
      assertEquals(1, closes.size());
    }
  }

  @ParameterizedTest
  @EnumSource(EmbeddedContainer.class)
  void destroyWhenApplicationSharedItsClerkThenFilterLeavesItToTheApplication(
      EmbeddedContainer container) throws Exception {
    String listener = WebXmlApps.applicationClerk(fake, 3000);
    String contextPath = "/given-" + container.name().toLowerCase(java.util.Locale.ROOT);
    try (EmbeddedContainer.Deployment d =
        container.deploy(contextPath, WebXmlApps.app(listener + WebXmlApps.filter("clerk", "")))) {
      useClerk(d, contextPath);

      d.undeploy();

      // The listener is destroyed after the filter: the Clerk was still open then, and it closed
      // it.
      assertEquals(Boolean.TRUE, ApplicationClerkListener.OPEN_AT_DESTROY.get(contextPath));
      assertEquals(1, closes.size());
    }
  }
}
