package dev.clerk.jakarta.examples.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.filter.ClerkFilter;
import dev.clerk.jakarta.testing.FakeClerk;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The servlet filter and the JAX-RS feature in one application in a real standalone WildFly ({@link
 * WildFlyServer}) whose Clerk keys are only the filter's {@code web.xml} init-params: no {@code
 * CLERK_*} environment variable. WildFly starts the JAX-RS application when it deploys it and the
 * filter at its first request, so the feature comes first: it must build the one Clerk from the
 * filter's init-params (before, it failed the deployment for want of keys, or built a second Clerk
 * from the environment). A JAX-RS resource and a page the filter protects both accept a token, both
 * refuse a request without one alike, and the server log tells of one Clerk built, by the feature.
 *
 * <p>The application is the example WAR with the filter's jar, a {@code web.xml} and a JSP added,
 * deployed exploded at {@code /clerk-filter-and-feature}.
 */
class WildFlyFilterAndFeatureIT {
  private static final String NAME = "clerk-filter-and-feature.war";
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static FakeClerk fake;
  private static WildFlyServer wildfly;
  private static URI base;

  @BeforeAll
  static void deploy() throws Exception {
    fake = FakeClerk.builder().production().start();
    Path app =
        application(
            Path.of(System.getProperty("it.work"))
                .resolve("filter-and-feature-" + System.nanoTime()));
    wildfly = WildFlyServer.start(Map.of());
    base = URI.create(wildfly.url() + "/clerk-filter-and-feature/");
    wildfly.deployExploded(app, NAME);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (wildfly != null) {
      wildfly.stop();
    }
    if (fake != null) {
      fake.close();
    }
  }

  /**
   * The example WAR, unpacked, with the filter's jar, a {@code web.xml} holding the keys, and a
   * JSP.
   */
  private static Path application(Path dir) throws IOException, URISyntaxException {
    Path war = Path.of(System.getProperty("example.war"));
    assertTrue(Files.isRegularFile(war), "no WAR at " + war);
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(war))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        Path target = dir.resolve(e.getName()).normalize();
        assertTrue(target.startsWith(dir), e.getName());
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Files.writeString(
        dir.resolve("WEB-INF/jboss-web.xml"),
        "<jboss-web xmlns=\"urn:jboss:jakartaee:1.0\" version=\"15.0\">"
            + "<context-root>/clerk-filter-and-feature</context-root></jboss-web>");
    copyFilterJar(dir.resolve("WEB-INF/lib/clerk-jakarta-filter.jar"));
    Files.writeString(
        dir.resolve("WEB-INF/web.xml"),
        "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">"
            + "<filter><filter-name>clerk</filter-name><filter-class>"
            + ClerkFilter.class.getName()
            + "</filter-class>"
            + "<async-supported>true</async-supported>"
            + param(ClerkFilter.SECRET_KEY_PARAM, fake.secretKey())
            + param(ClerkFilter.PUBLISHABLE_KEY_PARAM, fake.publishableKey())
            + param(ClerkFilter.API_URL_PARAM, fake.apiUrl())
            + param(ClerkFilter.PROTECT_PARAM, "/whoami.jsp")
            + "</filter><filter-mapping><filter-name>clerk</filter-name><url-pattern>/*</url-pattern>"
            + "<dispatcher>REQUEST</dispatcher><dispatcher>FORWARD</dispatcher><dispatcher>INCLUDE</dispatcher>"
            + "<dispatcher>ASYNC</dispatcher><dispatcher>ERROR</dispatcher></filter-mapping></web-app>");
    Files.writeString(
        dir.resolve("whoami.jsp"),
        "<%@ page contentType=\"text/plain\" %>filter <%= request.getRemoteUser() %>");
    return dir;
  }

  private static String param(String name, String value) {
    return "<init-param><param-name>"
        + name
        + "</param-name><param-value>"
        + value
        + "</param-value></init-param>";
  }

  /** The filter's jar as the build made it, or its classes packed when the build did not. */
  private static void copyFilterJar(Path target) throws IOException, URISyntaxException {
    Path built =
        Path.of(ClerkFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Files.createDirectories(target.getParent());
    if (Files.isRegularFile(built)) {
      Files.copy(built, target, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    try (OutputStream out = Files.newOutputStream(target);
        JarOutputStream jar = new JarOutputStream(out);
        Stream<Path> files = Files.walk(built)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        jar.putNextEntry(new JarEntry(built.relativize(p).toString().replace('\\', '/')));
        try (InputStream in = Files.newInputStream(p)) {
          in.transferTo(jar);
        }
        jar.closeEntry();
      }
    }
  }

  private static HttpResponse<String> get(String path, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(Duration.ofSeconds(20))
            .header("Accept", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void requestsWhenKeysOnlyInTheFiltersInitParamsThenOneClerkServesTheFeatureAndTheFilter()
      throws Exception {
    String token = fake.sessionToken().subject("user_both").sessionId("sess_both").sign();

    HttpResponse<String> jaxrs = get("api/me", token);
    assertEquals(200, jaxrs.statusCode(), jaxrs::body);
    assertTrue(
        jaxrs.body().startsWith("{\"userId\":\"user_both\",\"sessionId\":\"sess_both\""),
        jaxrs.body());
    HttpResponse<String> page = get("whoami.jsp", token);
    assertEquals(200, page.statusCode(), page::body);
    assertEquals("filter user_both", page.body().trim());

    List<String> built =
        Files.readAllLines(wildfly.serverLog()).stream()
            .filter(l -> l.contains("built the application's Clerk"))
            .toList();
    assertEquals(1, built.size(), () -> String.join("\n", built) + "\n" + wildfly.tail());
    assertTrue(
        built
            .get(0)
            .contains(
                "Clerk: ClerkAuthFeature (with ClerkFilter clerk) built the application's Clerk"
                    + " (init-params [api-url, publishable-key, secret-key]"),
        built.get(0));
  }

  @Test
  void requestsWhenNoTokenThenTheFeatureAndTheFilterRefuseAlike() throws Exception {
    HttpResponse<String> jaxrs = get("api/me", null);
    HttpResponse<String> page = get("whoami.jsp", null);
    assertEquals(401, jaxrs.statusCode(), jaxrs::body);
    assertEquals(401, page.statusCode(), page::body);
    for (HttpResponse<String> r : List.of(jaxrs, page)) {
      assertEquals(
          "{\"error\":\"unauthorized\",\"reason\":\"session-token-and-uat-missing\"}", r.body());
      assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElseThrow());
      assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
    }
  }
}
