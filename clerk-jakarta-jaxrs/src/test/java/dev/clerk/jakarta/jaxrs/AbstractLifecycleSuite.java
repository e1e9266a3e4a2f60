package dev.clerk.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.filter.ClerkFilter;
import dev.clerk.jakarta.testing.FakeClerk;
import jakarta.servlet.DispatcherType;
import jakarta.ws.rs.core.Application;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who closes the {@link Clerk} when a JAX-RS application stops (embedded Jetty 12, {@code
 * server.stop()}), run on Jersey and on RESTEasy (a subclass each): the creator owns it. The
 * feature closes, once, the one it created from the environment (Jersey; RESTEasy has no shutdown
 * callback), never one it was given or found in the {@code ServletContext}; with the servlet filter
 * in front, the filter closes its own.
 */
abstract class AbstractLifecycleSuite {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static FakeClerk fake;

  final List<LogRecord> closes = new CopyOnWriteArrayList<>();
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
  TestApp.Running server;
  private URI base;

  /** {@return the runtime's servlet class} */
  abstract Class<? extends jakarta.servlet.Servlet> servlet();

  @BeforeAll
  static void startClerk() {
    fake = FakeClerk.builder().production().start();
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
  void stop() throws Exception {
    clerkLogger.removeHandler(closeCounter);
    clerkLogger.setLevel(previousLevel);
    if (server != null) {
      server.stop(); // idempotent: a test may have stopped it already
    }
    for (String p : List.of("clerk.secretKey", "clerk.publishableKey", "clerk.apiUrl")) {
      System.clearProperty(p);
    }
  }

  Clerk clerk() {
    return Clerk.builder()
        .secretKey(fake.secretKey())
        .publishableKey(fake.publishableKey())
        .apiUrl(fake.apiUrl())
        .build();
  }

  void deploy(Class<? extends Application> application, boolean clerkFilter, Clerk inAttribute)
      throws Exception {
    TestApp app = new TestApp();
    if (inAttribute != null) {
      app.attribute(Clerk.CONTEXT_ATTRIBUTE, inAttribute);
    }
    if (clerkFilter) {
      app.filter(
          ClerkFilter.class,
          "/*",
          EnumSet.of(DispatcherType.REQUEST),
          Map.of(
              ClerkFilter.SECRET_KEY_PARAM, fake.secretKey(),
              ClerkFilter.PUBLISHABLE_KEY_PARAM, fake.publishableKey(),
              ClerkFilter.API_URL_PARAM, fake.apiUrl()));
    }
    app.servlet(ServletSpec.jaxrs(servlet(), application), "/*");
    server = app.start();
    base = server.base();
  }

  /** A signed-in request: the Clerk fetches the JWKS, so its HTTP client and worker threads run. */
  void useClerk() throws Exception {
    HttpRequest r =
        HttpRequest.newBuilder(base.resolve("me"))
            .header("Authorization", "Bearer " + fake.sessionToken().subject("user_lc").sign())
            .timeout(Duration.ofSeconds(10))
            .build();
    HttpResponse<String> response = HTTP.send(r, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
  }

  Clerk shared() {
    return assertInstanceOf(
        Clerk.class, server.servletContext().getAttribute(Clerk.CONTEXT_ATTRIBUTE));
  }

  void fromEnvironment() {
    System.setProperty("clerk.secretKey", fake.secretKey());
    System.setProperty("clerk.publishableKey", fake.publishableKey());
    System.setProperty("clerk.apiUrl", fake.apiUrl());
  }

  @Test
  void configureWhenClerkFilterCreatedTheClerkThenOnlyTheFilterClosesItOnce() throws Exception {
    deploy(TestApplication.class, true, null);
    useClerk();
    Clerk created = shared();

    server.stop();

    assertTrue(created.isClosed());
    assertEquals(1, closes.size());
  }

  @Test
  void configureWhenApplicationSharedAClerkThenNeverClosesIt() throws Exception {
    Clerk application = clerk();
    deploy(TestApplication.class, false, application);
    useClerk();
    assertSame(application, shared());

    server.stop();

    assertFalse(application.isClosed());
    assertEquals(0, closes.size());
    application.close();
  }

  @Test
  void configureWhenGivenAClerkThenNeverClosesIt() throws Exception {
    Clerk given = clerk();
    ExplicitClerkApplication.clerk = given;
    deploy(ExplicitClerkApplication.class, false, null);
    useClerk();

    server.stop();

    assertFalse(given.isClosed());
    assertEquals(0, closes.size());
    given.close();
  }
}
