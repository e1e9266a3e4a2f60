package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.testing.FakeClerk;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.BufferUtil;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, defects 6–8 through the filter in embedded Jetty 12 ({@link TestedEe}: ee10 or ee11)
 * with a real {@code web.xml}: where the filter's redirects point ({@code forwarded-headers}), that
 * every {@code Location} is ASCII, that the development redirect does not hand the dev-browser
 * token to a foreign origin, and that a handshake nonce alone adds no CORS header to the
 * application's response.
 *
 * <p>Applications: {@code /} production, default {@code forwarded-headers} ({@code trust}); {@code
 * /ignore} production with {@code forwarded-headers=ignore}; {@code /dev} development with {@code
 * allowed-redirect-origins=https://satellite.example}. Both production apps have a sign-in URL with
 * non-ASCII characters.
 */
@Tag(TestedEe.CONTAINER_TAG)
class ClerkFilterRedirectsJettyTest {
  private static final String SIGN_IN_URL = "https://accounts.example.com/anmelden/ä?von=ü";
  private static final String SIGN_IN_URL_ASCII =
      "https://accounts.example.com/anmelden/%C3%A4?von=%C3%BC";
  private static final String FORWARDED_HOST = "X-Forwarded-Host: public.example";
  private static final String FORWARDED_PROTO = "X-Forwarded-Proto: https";

  private static FakeClerk prod;
  private static FakeClerk dev;
  private static Server server;
  private static LocalConnector connector;

  @BeforeAll
  static void start() throws Exception {
    prod = FakeClerk.builder().production().start();
    dev = FakeClerk.start();
    server = new Server();
    connector = new LocalConnector(server);
    server.addConnector(connector);
    server.setHandler(
        new ContextHandlerCollection(
            webapp("/", writeApp(prod, param("sign-in-url", SIGN_IN_URL))),
            webapp(
                "/ignore",
                writeApp(
                    prod,
                    param("sign-in-url", SIGN_IN_URL) + param("forwarded-headers", "ignore"))),
            webapp(
                "/dev",
                writeApp(dev, param("allowed-redirect-origins", "https://satellite.example")))));
    server.start();
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
    prod.close();
    dev.close();
  }

  private static ContextHandler webapp(String contextPath, Path dir) {
    return JettyEnvironment.current().webApp(contextPath, dir, true);
  }

  private static Path writeApp(FakeClerk fake, String extra) throws IOException {
    String template;
    try (InputStream in =
        ClerkFilterRedirectsJettyTest.class.getResourceAsStream("/webapp/WEB-INF/web.xml")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String params =
        param("secret-key", fake.secretKey())
            + param("publishable-key", fake.publishableKey())
            + param("api-url", fake.apiUrl())
            + extra;
    Path dir =
        Files.createTempDirectory(
            Files.createDirectories(Path.of("target", "test-apps").toAbsolutePath()),
            "clerk-redirects-app");
    Files.createDirectories(dir.resolve("WEB-INF"));
    Files.writeString(
        dir.resolve("WEB-INF/web.xml"),
        template.replace("@CLERK_PARAMS@", params),
        StandardCharsets.UTF_8);
    return dir;
  }

  private static String param(String name, String value) {
    return "<init-param><param-name>"
        + name
        + "</param-name><param-value>"
        + value
        + "</param-value></init-param>";
  }

  private static RawResponse get(String path, String... headers) throws Exception {
    StringBuilder sb =
        new StringBuilder("GET ")
            .append(path)
            .append(" HTTP/1.1\r\n")
            .append("Host: localhost\r\nConnection: close\r\n");
    for (String h : headers) {
      sb.append(h).append("\r\n");
    }
    ByteBuffer response =
        connector.getResponse(
            BufferUtil.toBuffer(sb.append("\r\n").toString()), 10, TimeUnit.SECONDS);
    return RawResponse.parse(BufferUtil.toArray(response));
  }

  /** {@return a query parameter of the response's Location, decoded} */
  private static String locationParam(RawResponse r, String name) {
    String query = URI.create(r.header("Location")).getRawQuery();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      if (pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError(name + " not in " + r.header("Location"));
  }

  private static void assertAscii(String value) {
    assertTrue(value.chars().allMatch(c -> c > 0x20 && c < 0x7f), value);
  }

  // ---- defect 8: forwarded-headers ------------------------------------------------------------

  @Test
  void doFilterWhenForwardedHeadersTrustedThenHandshakeReturnsToForwardedOrigin() throws Exception {
    RawResponse r =
        get(
            "/page?x=1",
            "Sec-Fetch-Dest: document",
            "Cookie: __client_uat=1700000000",
            FORWARDED_HOST,
            FORWARDED_PROTO);

    assertEquals(307, r.status(), r.body());
    assertEquals("https://public.example/page?x=1", locationParam(r, "redirect_url"));
  }

  @Test
  void doFilterWhenForwardedHeadersIgnoredThenHandshakeReturnsToContainerOrigin() throws Exception {
    RawResponse r =
        get(
            "/ignore/page?x=1",
            "Sec-Fetch-Dest: document",
            "Cookie: __client_uat=1700000000",
            FORWARDED_HOST,
            FORWARDED_PROTO);

    assertEquals(307, r.status(), r.body());
    assertEquals("http://localhost/ignore/page?x=1", locationParam(r, "redirect_url"));
  }

  @Test
  void doFilterWhenForwardedHeadersTrustedThenSignInRedirectNamesForwardedOrigin()
      throws Exception {
    RawResponse r = get("/api/whoami", "Sec-Fetch-Dest: document", FORWARDED_HOST, FORWARDED_PROTO);

    assertEquals(307, r.status(), r.body());
    assertEquals("https://public.example/api/whoami", locationParam(r, "redirect_url"));
  }

  @Test
  void doFilterWhenForwardedHeadersIgnoredThenSignInRedirectNamesContainerOrigin()
      throws Exception {
    RawResponse r =
        get("/ignore/api/whoami", "Sec-Fetch-Dest: document", FORWARDED_HOST, FORWARDED_PROTO);

    assertEquals(307, r.status(), r.body());
    assertEquals("http://localhost/ignore/api/whoami", locationParam(r, "redirect_url"));
  }

  // ---- defect 6: ASCII Location, dev-browser redirect ------------------------------------------

  @Test
  void doFilterWhenSignInUrlAndPathAreNonAsciiThenLocationIsAscii() throws Exception {
    RawResponse r = get("/api/%C3%BCber?q=%E2%82%AC", "Sec-Fetch-Dest: document");

    assertEquals(307, r.status(), r.body());
    assertEquals(
        SIGN_IN_URL_ASCII
            + "&redirect_url=http%3A%2F%2Flocalhost%2Fapi%2F%25C3%25BCber%3Fq%3D%25E2%2582%25AC",
        r.header("Location"));
    assertAscii(r.header("Location"));
  }

  @Test
  void doFilterWhenDevRedirectUrlIsForeignThenApplicationAnswersWithoutRedirect() throws Exception {
    RawResponse r =
        get(
            "/dev/whoami?__clerk_redirect_url=https%3A%2F%2Fevil.example%2Fc",
            "Sec-Fetch-Dest: document", "Cookie: __clerk_db_jwt=dvb_victim");

    assertEquals(200, r.status(), r.body());
    assertNull(r.header("Location"));
    assertTrue(r.body().contains("principal=anonymous\n"), r.body());
    assertFalse(r.headers().toString().contains("dvb_victim"), r.headers().toString());
  }

  @Test
  void doFilterWhenDevRedirectUrlIsAllowedOriginThenRedirectWithDevBrowserInAscii()
      throws Exception {
    RawResponse r =
        get(
            "/dev/whoami?__clerk_redirect_url=https%3A%2F%2Fsatellite.example%2F%C3%BC",
            "Sec-Fetch-Dest: document", "Cookie: __clerk_db_jwt=dvb_own");

    assertEquals(307, r.status(), r.body());
    assertEquals(
        "https://satellite.example/%C3%BC?__clerk_db_jwt=dvb_own&__clerk_synced=true",
        r.header("Location"));
  }

  // ---- defect 7: CORS headers only with handshake directives ---------------------------------

  @Test
  void doFilterWhenHandshakeNonceWithoutDirectivesThenApplicationResponseHasNoCorsHeaders()
      throws Exception {
    RawResponse r = get("/whoami?__clerk_handshake_nonce=made_up", "Sec-Fetch-Dest: document");

    assertEquals(200, r.status(), r.body());
    assertTrue(r.body().contains("principal=anonymous\n"), r.body());
    assertNull(r.header("Access-Control-Allow-Origin"));
    assertNull(r.header("Access-Control-Allow-Credentials"));
  }
}
