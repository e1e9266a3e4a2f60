package dev.clerk.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.filter.ClerkFilter;
import dev.clerk.jakarta.testing.FakeClerk;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The servlet filter and Jersey in one web application ({@code web.xml}) in embedded Tomcat 10.1,
 * undeployed for real ({@code host.removeChild}): the one {@link Clerk} they share is closed once,
 * by its creator, and the feature's own Clerk when it is alone.
 */
@Tag("jersey")
class ClerkAuthFeatureTomcatLifecycleTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final FakeClerk fake = FakeClerk.builder().production().start();
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
  private Tomcat tomcat;

  @BeforeEach
  void start() throws Exception {
    previousLevel = clerkLogger.getLevel();
    clerkLogger.setLevel(Level.FINE);
    clerkLogger.addHandler(closeCounter);
    tomcat = new Tomcat();
    tomcat.setBaseDir(
        Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "test-apps").toAbsolutePath()), "tomcat")
            .toString());
    tomcat.setPort(0);
    tomcat.setAddDefaultWebXmlToWebapp(false);
    tomcat.getConnector().setProperty("address", InetAddress.getLoopbackAddress().getHostAddress());
    tomcat.start();
  }

  @AfterEach
  void stop() throws Exception {
    clerkLogger.removeHandler(closeCounter);
    clerkLogger.setLevel(previousLevel);
    tomcat.stop();
    tomcat.destroy();
    fake.close();
    for (String p : List.of("clerk.secretKey", "clerk.publishableKey", "clerk.apiUrl")) {
      System.clearProperty(p);
    }
  }

  private Context deploy(boolean clerkFilter) throws Exception {
    Path dir =
        Files.createTempDirectory(
            Files.createDirectories(Path.of("target", "test-apps").toAbsolutePath()),
            "jaxrs-lifecycle");
    Files.createDirectories(dir.resolve("WEB-INF"));
    String filter =
        !clerkFilter
            ? ""
            : "<filter><filter-name>clerk</filter-name><filter-class>"
                + ClerkFilter.class.getName()
                + "</filter-class>"
                + param(ClerkFilter.SECRET_KEY_PARAM, fake.secretKey())
                + param(ClerkFilter.PUBLISHABLE_KEY_PARAM, fake.publishableKey())
                + param(ClerkFilter.API_URL_PARAM, fake.apiUrl())
                + "</filter><filter-mapping><filter-name>clerk</filter-name><url-pattern>/*</url-pattern></filter-mapping>";
    Files.writeString(
        dir.resolve("WEB-INF/web.xml"),
        "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">"
            + filter
            + "<servlet><servlet-name>jaxrs</servlet-name><servlet-class>"
            + ServletContainer.class.getName()
            + "</servlet-class>"
            + param("jakarta.ws.rs.Application", TestApplication.class.getName())
            + "<load-on-startup>1</load-on-startup></servlet>"
            + "<servlet-mapping><servlet-name>jaxrs</servlet-name><url-pattern>/*</url-pattern></servlet-mapping></web-app>");
    Context ctx = tomcat.addWebapp("/app", dir.toString());
    StandardJarScanner scanner = new StandardJarScanner();
    scanner.setScanClassPath(false);
    scanner.setScanManifest(false);
    ctx.setJarScanner(scanner);
    return ctx;
  }

  private static String param(String name, String value) {
    return "<init-param><param-name>"
        + name
        + "</param-name><param-value>"
        + value
        + "</param-value></init-param>";
  }

  private void useClerk() throws Exception {
    URI me = URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/app/me");
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(me)
                .header("Authorization", "Bearer " + fake.sessionToken().subject("user_tc").sign())
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
  }

  @Test
  void undeployWhenFilterAndFeatureShareTheFiltersClerkThenClosedOnce() throws Exception {
    Context ctx = deploy(true);
    useClerk();
    Clerk shared =
        assertInstanceOf(
            Clerk.class, ctx.getServletContext().getAttribute(Clerk.CONTEXT_ATTRIBUTE));

    tomcat.getHost().removeChild(ctx);

    assertTrue(shared.isClosed());
    assertEquals(1, closes.size());
  }

  @Test
  void undeployWhenFeatureCreatedTheClerkThenClosedOnce() throws Exception {
    System.setProperty("clerk.secretKey", fake.secretKey());
    System.setProperty("clerk.publishableKey", fake.publishableKey());
    System.setProperty("clerk.apiUrl", fake.apiUrl());
    Context ctx = deploy(false);
    useClerk();
    Clerk created =
        assertInstanceOf(
            Clerk.class, ctx.getServletContext().getAttribute(Clerk.CONTEXT_ATTRIBUTE));
    assertFalse(created.isClosed());

    tomcat.getHost().removeChild(ctx);

    assertTrue(created.isClosed());
    assertEquals(1, closes.size());
  }
}
