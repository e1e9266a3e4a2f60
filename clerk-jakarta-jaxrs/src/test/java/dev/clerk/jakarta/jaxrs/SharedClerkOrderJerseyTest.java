package dev.clerk.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.SharedClerk;
import dev.clerk.jakarta.filter.ClerkFilter;
import dev.clerk.jakarta.testing.FakeClerk;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The servlet filter and the JAX-RS feature (Jersey, as a filter so that either can start first) in
 * one application whose Clerk keys are only the filter's init-params, in embedded Jetty (the run's
 * EE generation) and Tomcat ({@code web.xml}), in both orders of start-up: whichever starts first
 * builds the one Clerk from those init-params, the other uses it, both accept a token with it, and
 * it is closed once when the application stops. Servers that start filters lazily
 * (WildFly/Undertow) start the feature first; {@code examples/jaxrs-war}'s {@code
 * WildFlyFilterAndFeatureIT} checks that for real.
 */
@Tag("jersey")
class SharedClerkOrderJerseyTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String FIRST = "f1";
  private static final String SECOND = "f2";

  private final FakeClerk fake = FakeClerk.builder().production().start();
  private final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Map<Logger, Level> levels = new LinkedHashMap<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          records.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private final List<AutoCloseable> running = new ArrayList<>();

  /** Which adapter starts first. */
  enum Order {
    FEATURE_FIRST,
    FILTER_FIRST
  }

  /** A resource that needs a signed-in request. */
  @jakarta.ws.rs.Path("/")
  public static class Resources {
    @GET
    @jakarta.ws.rs.Path("api/me")
    @RequireSignIn
    public String me(@jakarta.ws.rs.core.Context SecurityContext security) {
      return "jaxrs " + security.getUserPrincipal().getName();
    }
  }

  /** The feature, configured by class: the Clerk comes from the application. */
  public static class OrderApplication extends Application {
    @Override
    public Set<Class<?>> getClasses() {
      return Set.of(ClerkAuthFeature.class, Resources.class);
    }
  }

  /** What the filter protects ({@code /servlet/*}), and the default servlet. */
  public static class Hello extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      resp.setContentType("text/plain");
      resp.getWriter().write("servlet " + req.getRemoteUser());
    }
  }

  @BeforeEach
  void capture() {
    for (Class<?> c : List.of(SharedClerk.class, Clerk.class, ClerkFilter.class)) {
      Logger l = Logger.getLogger(c.getName());
      levels.put(l, l.getLevel());
      l.setLevel(Level.FINE);
      l.addHandler(capture);
    }
  }

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable r : running) {
      r.close();
    }
    levels.forEach(
        (l, level) -> {
          l.removeHandler(capture);
          l.setLevel(level);
        });
    fake.close();
  }

  private Map<String, String> clerkFilterParams() {
    return Map.of(
        ClerkFilter.SECRET_KEY_PARAM,
        fake.secretKey(),
        ClerkFilter.PUBLISHABLE_KEY_PARAM,
        fake.publishableKey(),
        ClerkFilter.API_URL_PARAM,
        fake.apiUrl(),
        ClerkFilter.PROTECT_PARAM,
        "/servlet/*");
  }

  private static Map<String, String> jerseyFilterParams() {
    return Map.of(
        "jakarta.ws.rs.Application",
        OrderApplication.class.getName(),
        "jersey.config.servlet.filter.forwardOn404",
        "true");
  }

  @ParameterizedTest
  @EnumSource(Order.class)
  void startWhenKeysOnlyInTheFiltersInitParamsThenOneClerkServesBothOnJetty(Order order)
      throws Exception {
    TestApp app = new TestApp();
    if (order == Order.FEATURE_FIRST) {
      app.filter(
          ServletContainer.class, "/*", EnumSet.of(DispatcherType.REQUEST), jerseyFilterParams());
      app.filter(ClerkFilter.class, "/*", EnumSet.of(DispatcherType.REQUEST), clerkFilterParams());
    } else {
      app.filter(ClerkFilter.class, "/*", EnumSet.of(DispatcherType.REQUEST), clerkFilterParams());
      app.filter(
          ServletContainer.class, "/*", EnumSet.of(DispatcherType.REQUEST), jerseyFilterParams());
    }
    TestApp.Running server = app.servlet(ServletSpec.of(new Hello()), "/").start();
    check(
        order,
        server.base(),
        server.servletContext(),
        server::stop,
        order == Order.FEATURE_FIRST ? "ClerkAuthFeature (with ClerkFilter " : "ClerkFilter ");
  }

  @ParameterizedTest
  @EnumSource(Order.class)
  void startWhenKeysOnlyInTheFiltersInitParamsThenOneClerkServesBothOnTomcat(Order order)
      throws Exception {
    Tomcat tomcat = new Tomcat();
    Path target = Files.createDirectories(Path.of("target", "test-apps").toAbsolutePath());
    tomcat.setBaseDir(Files.createTempDirectory(target, "tomcat").toString());
    tomcat.setPort(0);
    tomcat.setAddDefaultWebXmlToWebapp(false);
    tomcat.getConnector().setProperty("address", InetAddress.getLoopbackAddress().getHostAddress());
    tomcat.start();
    running.add(
        () -> {
          tomcat.stop();
          tomcat.destroy();
        });
    // Tomcat starts filters in the order of its map of filter names: "f1" before "f2".
    String jersey = order == Order.FEATURE_FIRST ? FIRST : SECOND;
    String clerk = order == Order.FEATURE_FIRST ? SECOND : FIRST;
    String jerseyFilter = filter(jersey, ServletContainer.class.getName(), jerseyFilterParams());
    String clerkFilter = filter(clerk, ClerkFilter.class.getName(), clerkFilterParams());
    Path dir = Files.createTempDirectory(target, "order");
    Files.createDirectories(dir.resolve("WEB-INF"));
    Files.writeString(
        dir.resolve("WEB-INF/web.xml"),
        "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">"
            + (order == Order.FEATURE_FIRST
                ? jerseyFilter + clerkFilter
                : clerkFilter + jerseyFilter)
            + mapping(order == Order.FEATURE_FIRST ? jersey : clerk)
            + mapping(order == Order.FEATURE_FIRST ? clerk : jersey)
            + "<servlet><servlet-name>hello</servlet-name><servlet-class>"
            + Hello.class.getName()
            + "</servlet-class>"
            + "</servlet><servlet-mapping><servlet-name>hello</servlet-name><url-pattern>/</url-pattern>"
            + "</servlet-mapping></web-app>");
    Context ctx = tomcat.addWebapp("/app", dir.toString());
    StandardJarScanner scanner = new StandardJarScanner();
    scanner.setScanClassPath(false);
    scanner.setScanManifest(false);
    ctx.setJarScanner(scanner);
    URI base = URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/app/");
    check(
        order,
        base,
        ctx.getServletContext(),
        () -> tomcat.getHost().removeChild(ctx),
        order == Order.FEATURE_FIRST
            ? "ClerkAuthFeature (with ClerkFilter " + clerk + ")"
            : "ClerkFilter " + clerk);
  }

  private static String filter(String name, String type, Map<String, String> params) {
    StringBuilder sb =
        new StringBuilder("<filter><filter-name>")
            .append(name)
            .append("</filter-name><filter-class>")
            .append(type)
            .append("</filter-class>");
    params.forEach(
        (k, v) ->
            sb.append("<init-param><param-name>")
                .append(k)
                .append("</param-name><param-value>")
                .append(v)
                .append("</param-value></init-param>"));
    return sb.append("</filter>").toString();
  }

  private static String mapping(String name) {
    return "<filter-mapping><filter-name>"
        + name
        + "</filter-name><url-pattern>/*</url-pattern></filter-mapping>";
  }

  /** Undeploys the application. */
  private interface Undeploy {
    void run() throws Exception;
  }

  private void check(
      Order order, URI base, ServletContext context, Undeploy undeploy, String builder)
      throws Exception {
    String token = fake.sessionToken().subject("user_order").sign();
    HttpResponse<String> jaxrs = get(base, "api/me", token);
    assertEquals(200, jaxrs.statusCode(), jaxrs::body);
    assertEquals("jaxrs user_order", jaxrs.body());
    HttpResponse<String> servlet = get(base, "servlet/x", token);
    assertEquals(200, servlet.statusCode(), servlet::body);
    assertEquals("servlet user_order", servlet.body());
    assertEquals(401, get(base, "api/me", null).statusCode());
    assertEquals(401, get(base, "servlet/x", null).statusCode());

    Clerk shared = assertInstanceOf(Clerk.class, context.getAttribute(Clerk.CONTEXT_ATTRIBUTE));
    assertEquals(fake.apiUrl(), shared.options().apiUrl());
    List<String> built = lines("built the application's Clerk");
    assertEquals(1, built.size(), built::toString);
    assertTrue(built.get(0).startsWith("Clerk: " + builder), order + ": " + built);
    assertEquals(List.of(), lines("reusing the Clerk"));

    undeploy.run();
    assertTrue(shared.isClosed());
    assertEquals(1, lines("Clerk: closed").size());
  }

  private List<String> lines(String containing) {
    SimpleFormatter format = new SimpleFormatter();
    return records.stream().map(format::formatMessage).filter(m -> m.contains(containing)).toList();
  }

  private static HttpResponse<String> get(URI base, String path, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
