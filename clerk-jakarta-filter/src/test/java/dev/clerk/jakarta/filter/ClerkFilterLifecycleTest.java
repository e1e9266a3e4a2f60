package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.testing.FakeClerk;
import jakarta.servlet.ServletContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.BufferUtil;
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
  private final Handler closeCounter = new Handler() {
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

  /** A container with one application deployed from a directory. */
  interface Deployment extends AutoCloseable {
    ServletContext servletContext();

    String get(String path, String... headers) throws Exception;

    /** Stops and removes the application, as an undeploy does. */
    void undeploy() throws Exception;

    /** Stops the container. */
    @Override
    void close();
  }

  enum Container {
    JETTY {
      @Override
      Deployment deploy(String contextPath, Path dir) throws Exception {
        Server server = new Server();
        LocalConnector connector = new LocalConnector(server);
        server.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        server.setHandler(contexts);
        server.start();
        WebAppContext ctx = new WebAppContext();
        ctx.setContextPath(contextPath);
        ctx.setWar(dir.toString());
        ctx.setParentLoaderPriority(true);
        ctx.setThrowUnavailableOnStartupException(true);
        contexts.addHandler(ctx);
        ctx.start();
        return new Deployment() {
          @Override
          public ServletContext servletContext() {
            return ctx.getServletContext();
          }

          @Override
          public String get(String path, String... headers) throws Exception {
            ByteBuffer response = connector.getResponse(BufferUtil.toBuffer(request(path, headers)), 10, TimeUnit.SECONDS);
            return BufferUtil.toString(response);
          }

          @Override
          public void undeploy() throws Exception {
            ctx.stop();
            contexts.removeHandler(ctx);
          }

          @Override
          public void close() {
            try {
              server.stop();
            } catch (Exception e) {
              throw new IllegalStateException("Jetty did not stop", e);
            }
          }
        };
      }
    },
    TOMCAT {
      @Override
      Deployment deploy(String contextPath, Path dir) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory(
            Files.createDirectories(Path.of("target", "test-apps").toAbsolutePath()), "tomcat").toString());
        tomcat.setPort(0);
        tomcat.setAddDefaultWebXmlToWebapp(false);
        tomcat.getConnector().setProperty("address", InetAddress.getLoopbackAddress().getHostAddress());
        tomcat.start();
        Context ctx = tomcat.addWebapp(contextPath, dir.toString());
        StandardJarScanner scanner = new StandardJarScanner();
        scanner.setScanClassPath(false);
        scanner.setScanManifest(false);
        ctx.setJarScanner(scanner);
        int port = tomcat.getConnector().getLocalPort();
        return new Deployment() {
          @Override
          public ServletContext servletContext() {
            return ctx.getServletContext();
          }

          @Override
          public String get(String path, String... headers) throws Exception {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
              s.setSoTimeout(10_000);
              OutputStream out = s.getOutputStream();
              out.write(request(path, headers).getBytes(StandardCharsets.ISO_8859_1));
              out.flush();
              InputStream in = s.getInputStream();
              return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
          }

          @Override
          public void undeploy() {
            tomcat.getHost().removeChild(ctx); // stops and destroys the context
          }

          @Override
          public void close() {
            try {
              tomcat.stop();
              tomcat.destroy();
            } catch (Exception e) {
              throw new IllegalStateException("Tomcat did not stop", e);
            }
          }
        };
      }
    };

    abstract Deployment deploy(String contextPath, Path dir) throws Exception;

    static String request(String path, String... headers) {
      StringBuilder sb = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
      for (String h : headers) {
        sb.append(h).append("\r\n");
      }
      return sb.append("\r\n").toString();
    }
  }

  private static String param(String name, String value) {
    return "<init-param><param-name>" + name + "</param-name><param-value>" + value + "</param-value></init-param>";
  }

  private static String clerkParams() {
    return param("secret-key", fake.secretKey()) + param("publishable-key", fake.publishableKey())
        + param("api-url", fake.apiUrl());
  }

  private static String filter(String name, String params) {
    return "<filter><filter-name>" + name + "</filter-name><filter-class>" + ClerkFilter.class.getName()
        + "</filter-class>" + params + param("protect", "/api/*") + "</filter>"
        + "<filter-mapping><filter-name>" + name + "</filter-name><url-pattern>/*</url-pattern></filter-mapping>";
  }

  private static Path app(String body) throws Exception {
    Path dir = Files.createTempDirectory(
        Files.createDirectories(Path.of("target", "test-apps").toAbsolutePath()), "clerk-lifecycle-app");
    Files.createDirectories(dir.resolve("WEB-INF"));
    Files.writeString(dir.resolve("WEB-INF/web.xml"),
        "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">" + body
            + "<servlet><servlet-name>whoami</servlet-name><servlet-class>" + WhoAmIServlet.class.getName()
            + "</servlet-class></servlet><servlet-mapping><servlet-name>whoami</servlet-name>"
            + "<url-pattern>/api/whoami</url-pattern></servlet-mapping></web-app>");
    return dir;
  }

  /** A signed-in request: the Clerk fetches the JWKS, so its HTTP client and worker threads run. */
  private static void useClerk(Deployment d, String contextPath) throws Exception {
    String response = d.get(contextPath + "/api/whoami", "Authorization: Bearer " + fake.sessionToken().subject("user_lc").sign());
    assertTrue(response.startsWith("HTTP/1.1 200"), response);
    assertTrue(response.contains("principal=user_lc"), response);
  }

  private static void assertThreadsStopped(Clerk clerk) {
    assertTrue(clerk.isClosed());
    // The HTTP client's executor is the Clerk's worker pool: shut down.
    assertThrows(RejectedExecutionException.class, () -> clerk.httpClient().executor().orElseThrow().execute(() -> {}));
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void destroyWhenFilterCreatedTheClerkThenUndeployClosesItOnce(Container container) throws Exception {
    try (Deployment d = container.deploy("/created", app(filter("clerk", clerkParams())))) {
      useClerk(d, "/created");
      Clerk clerk = assertInstanceOf(Clerk.class, d.servletContext().getAttribute(Clerk.CONTEXT_ATTRIBUTE));
      assertFalse(clerk.isClosed());

      d.undeploy();

      assertThreadsStopped(clerk);
      assertEquals(1, closes.size());
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void destroyWhenTwoFiltersShareTheClerkThenUndeployClosesItOnce(Container container) throws Exception {
    String filters = filter("first", clerkParams()) + filter("second", "");
    try (Deployment d = container.deploy("/shared", app(filters))) {
      useClerk(d, "/shared");
      Clerk clerk = assertInstanceOf(Clerk.class, d.servletContext().getAttribute(Clerk.CONTEXT_ATTRIBUTE));

      d.undeploy();

      assertThreadsStopped(clerk);
      assertEquals(1, closes.size());
    }
  }

  @ParameterizedTest
  @EnumSource(Container.class)
  void destroyWhenApplicationSharedItsClerkThenFilterLeavesItToTheApplication(Container container) throws Exception {
    String listener = "<context-param><param-name>test-secret-key</param-name><param-value>" + fake.secretKey()
        + "</param-value></context-param><context-param><param-name>test-publishable-key</param-name><param-value>"
        + fake.publishableKey() + "</param-value></context-param><context-param><param-name>test-api-url</param-name>"
        + "<param-value>" + fake.apiUrl() + "</param-value></context-param>"
        + "<listener><listener-class>" + ApplicationClerkListener.class.getName() + "</listener-class></listener>";
    String contextPath = "/given-" + container.name().toLowerCase(java.util.Locale.ROOT);
    try (Deployment d = container.deploy(contextPath, app(listener + filter("clerk", "")))) {
      useClerk(d, contextPath);

      d.undeploy();

      // The listener is destroyed after the filter: the Clerk was still open then, and it closed it.
      assertEquals(Boolean.TRUE, ApplicationClerkListener.OPEN_AT_DESTROY.get(contextPath));
      assertEquals(1, closes.size());
    }
  }
}
