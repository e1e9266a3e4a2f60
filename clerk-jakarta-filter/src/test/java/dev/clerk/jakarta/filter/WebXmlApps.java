package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.testing.FakeClerk;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes test web applications (a {@code web.xml} only) under {@code target/test-apps}. */
final class WebXmlApps {
  private WebXmlApps() {}

  static String param(String name, String value) {
    return "<init-param><param-name>"
        + name
        + "</param-name><param-value>"
        + value
        + "</param-value></init-param>";
  }

  static String contextParam(String name, String value) {
    return "<context-param><param-name>"
        + name
        + "</param-name><param-value>"
        + value
        + "</param-value></context-param>";
  }

  /** The filter's Clerk init-params for {@code fake}. */
  static String clerkParams(FakeClerk fake) {
    return param("secret-key", fake.secretKey())
        + param("publishable-key", fake.publishableKey())
        + param("api-url", fake.apiUrl());
  }

  /** The filter, mapped to {@code /*}, protecting {@code /api/*}. */
  static String filter(String name, String params) {
    return "<filter><filter-name>"
        + name
        + "</filter-name><filter-class>"
        + ClerkFilter.class.getName()
        + "</filter-class>"
        + params
        + param("protect", "/api/*")
        + "</filter>"
        + "<filter-mapping><filter-name>"
        + name
        + "</filter-name><url-pattern>/*</url-pattern></filter-mapping>";
  }

  /**
   * The application's own Clerk ({@link ApplicationClerkListener}) for {@code fake}, with the
   * test's clock and this request timeout.
   */
  static String applicationClerk(FakeClerk fake, long timeoutMillis) {
    return contextParam("test-secret-key", fake.secretKey())
        + contextParam("test-publishable-key", fake.publishableKey())
        + contextParam("test-api-url", fake.apiUrl())
        + contextParam("test-http-timeout-ms", String.valueOf(timeoutMillis))
        + "<listener><listener-class>"
        + ApplicationClerkListener.class.getName()
        + "</listener-class></listener>";
  }

  /**
   * An application with {@code body} and {@link WhoAmIServlet} at {@code /whoami} and {@code
   * /api/whoami}.
   */
  static Path app(String body) throws Exception {
    Path dir =
        Files.createTempDirectory(
            Files.createDirectories(Path.of("target", "test-apps").toAbsolutePath()),
            "clerk-test-app");
    Files.createDirectories(dir.resolve("WEB-INF"));
    Files.writeString(
        dir.resolve("WEB-INF/web.xml"),
        "<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">"
            + body
            + "<servlet><servlet-name>whoami</servlet-name><servlet-class>"
            + WhoAmIServlet.class.getName()
            + "</servlet-class></servlet><servlet-mapping><servlet-name>whoami</servlet-name>"
            + "<url-pattern>/whoami</url-pattern><url-pattern>/api/whoami</url-pattern></servlet-mapping></web-app>");
    return dir;
  }
}
