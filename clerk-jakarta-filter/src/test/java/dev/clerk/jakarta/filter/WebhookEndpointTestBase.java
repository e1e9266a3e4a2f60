package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeWebhooks;
import dev.clerk.jakarta.testing.WebhookDelivery;
import dev.clerk.jakarta.testsupport.OversizedPost;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ClerkWebhookServlet} in a real container with a real {@code web.xml}, behind {@link
 * ClerkFilter} protecting {@code /*} except {@code /webhooks/*}, receiving deliveries FakeClerk
 * signs and POSTs over loopback.
 */
@Tag(TestedEe.CONTAINER_TAG)
abstract class WebhookEndpointTestBase {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  static FakeClerk clerk;
  static FakeWebhooks own;
  static String ownRotated;
  static Path app;

  /**
   * Context {@code /unconfigured}: no webhook secret anywhere, a malformed one in the servlet's
   * init-param.
   */
  static Path unconfiguredApp;

  /** {@return the application's base URL, e.g. {@code http://127.0.0.1:1234}} */
  abstract String base();

  /** {@return the container's answer for a servlet whose init() threw UnavailableException} */
  abstract int unavailableStatus();

  @BeforeAll
  static void startClerkAndWriteApp() throws IOException {
    clerk = FakeClerk.start();
    own = FakeWebhooks.create(Clock.systemUTC());
    String ownOld = own.signingSecret();
    ownRotated = own.rotateSigningSecret();
    String template;
    try (InputStream in =
        WebhookEndpointTestBase.class.getResourceAsStream("/webhook-app/WEB-INF/web.xml")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String params =
        param("secret-key", clerk.secretKey())
            + param("publishable-key", clerk.publishableKey())
            + param("api-url", clerk.apiUrl())
            + param("webhook-signing-secret", clerk.webhookSigningSecret());
    app =
        Files.createTempDirectory(
            Files.createDirectories(Path.of("target", "test-apps").toAbsolutePath()),
            "clerk-webhook-app");
    Files.createDirectories(app.resolve("WEB-INF"));
    Files.writeString(
        app.resolve("WEB-INF/web.xml"),
        template
            .replace("@CLERK_PARAMS@", params)
            .replace("@OWN_SECRETS@", ownOld + ", " + ownRotated));
    String noWebhookSecret =
        param("secret-key", clerk.secretKey())
            + param("publishable-key", clerk.publishableKey())
            + param("api-url", clerk.apiUrl());
    unconfiguredApp =
        Files.createTempDirectory(
            Files.createDirectories(Path.of("target", "test-apps").toAbsolutePath()),
            "clerk-webhook-unconfigured");
    Files.createDirectories(unconfiguredApp.resolve("WEB-INF"));
    Files.writeString(
        unconfiguredApp.resolve("WEB-INF/web.xml"),
        template
            .replace("@CLERK_PARAMS@", noWebhookSecret)
            .replace("@OWN_SECRETS@", "sk_test_notAWebhookSecret"));
  }

  @AfterAll
  static void stopClerk() {
    clerk.close();
  }

  @BeforeEach
  @AfterEach
  void reset() {
    RecordingWebhookServlet.EVENTS.clear();
    clerk.setClock(Clock.systemUTC());
  }

  private static String param(String name, String value) {
    return "<init-param><param-name>"
        + name
        + "</param-name><param-value>"
        + value
        + "</param-value></init-param>";
  }

  HttpResponse<String> post(String path, Map<String, String> headers, byte[] body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base() + path))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, WebhookDelivery d) throws Exception {
    return post(path, d.headers(), d.body());
  }

  static void assertRefused(int status, String reason, HttpResponse<String> r) {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals("{\"error\":\"invalid_webhook\",\"reason\":\"" + reason + "\"}", r.body());
    assertEquals(
        "application/json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
    assertTrue(RecordingWebhookServlet.EVENTS.isEmpty(), "onEvent was called");
  }

  private RecordingWebhookServlet.Received received() {
    assertEquals(
        1, RecordingWebhookServlet.EVENTS.size(), RecordingWebhookServlet.EVENTS.toString());
    return RecordingWebhookServlet.EVENTS.poll();
  }

  // ---- accepted ---------------------------------------------------------------------------------

  @Test
  void doPostWhenFakeClerkDeliversUserCreatedThen204AndOnEventGetsTheTypedUser() throws Exception {
    Map<String, Object> user =
        clerk.backendApi().directory().addUser("ada@example.com", "Ada", "Lovelace");
    assertEquals(204, clerk.webhooks().deliver(base() + "/webhooks/clerk", "user.created", user));
    RecordingWebhookServlet.Received r = received();
    assertEquals("clerk-webhooks", r.servlet());
    assertEquals("user.created", r.event().type());
    assertEquals(user.get("id"), r.event().user().orElseThrow().id());
    assertEquals("ada@example.com", r.event().user().orElseThrow().primaryEmailAddress());
  }

  @Test
  void doPostWhenStandardHeaderNamesInOtherCaseThen204() throws Exception {
    WebhookDelivery d =
        clerk.webhooks().event("session.created", Map.of("id", "sess_1", "user_id", "user_1"));
    Map<String, String> h = new java.util.LinkedHashMap<>();
    d.standardHeaders().forEach((k, v) -> h.put(k.toUpperCase(java.util.Locale.ROOT), v));
    HttpResponse<String> r = post("/webhooks/clerk", h, d.body());
    assertEquals(204, r.statusCode(), r.body());
    assertEquals("sess_1", received().event().session().orElseThrow().id());
  }

  @Test
  void doPostWhenServletHasItsOwnRotatingSecretsThenEitherAcceptedAndClerksRefused()
      throws Exception {
    assertEquals(
        204,
        post("/webhooks/own", own.event("user.created", Map.of("id", "user_both"))).statusCode());
    assertEquals("own-webhooks", received().servlet());
    FakeWebhooks newOnly = FakeWebhooks.create(Clock.systemUTC());
    WebhookDelivery d = newOnly.signed(own.event("user.created", Map.of("id", "user_new")).body());
    String reSigned =
        "v1,"
            + FakeWebhooks.signature(ownRotated, d.id(), d.timestamp().getEpochSecond(), d.body());
    assertEquals(204, post("/webhooks/own", d.withSignature(reSigned)).statusCode());
    assertEquals("user_new", received().event().user().orElseThrow().id());
    assertRefused(
        400,
        "signature-mismatch",
        post("/webhooks/own", clerk.webhooks().event("user.created", Map.of("id", "user_1"))));
  }

  @Test
  void doPostWhenProtectCoversEverythingElseThenOnlyTheWebhookPathIsPublic() throws Exception {
    HttpResponse<String> api =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base() + "/api/whoami"))
                .header("Accept", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(401, api.statusCode(), api.body());
  }

  // ---- refused ----------------------------------------------------------------------------------

  @Test
  void doPostWhenSignatureForgedThen400SignatureMismatch() throws Exception {
    WebhookDelivery d = clerk.webhooks().event("user.created", Map.of("id", "user_1"));
    assertRefused(
        400,
        "signature-mismatch",
        post(
            "/webhooks/clerk", d.withSignature("v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")));
  }

  @Test
  void doPostWhenBodyTamperedOrTimestampRefreshedThen400SignatureMismatch() throws Exception {
    WebhookDelivery d = clerk.webhooks().event("user.created", Map.of("id", "user_1"));
    assertRefused(
        400,
        "signature-mismatch",
        post(
            "/webhooks/clerk",
            d.withBody(d.bodyText().replace("user_1", "user_2").getBytes(StandardCharsets.UTF_8))));
    assertRefused(
        400,
        "signature-mismatch",
        post("/webhooks/clerk", d.withTimestamp(d.timestamp().plusSeconds(30))));
  }

  @Test
  void doPostWhenNoSignatureHeadersThen400MissingHeader() throws Exception {
    assertRefused(
        400,
        "missing-header",
        post(
            "/webhooks/clerk",
            Map.of("Content-Type", "application/json"),
            "{\"type\":\"user.created\",\"data\":{\"id\":\"user_1\"}}"
                .getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void doPostWhenDeliverySignedTenMinutesAgoThen400TimestampTooOld() throws Exception {
    clerk.setClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
    assertRefused(
        400,
        "timestamp-too-old",
        post("/webhooks/clerk", clerk.webhooks().event("user.created", Map.of("id", "user_1"))));
  }

  @Test
  void doPostWhenSignedBodyNotUtf8Then400MalformedBody() throws Exception {
    byte[] body = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xE9, '"', '}'};
    assertRefused(400, "malformed-body", post("/webhooks/clerk", clerk.webhooks().signed(body)));
  }

  @Test
  void doPostWhenContentLengthOverTheLimitThen413BeforeTheBodyIsSent() throws Exception {
    // 8 MiB declared, nothing sent: the answer comes without reading (more than Tomcat would
    // swallow).
    URI uri = URI.create(base());
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), uri.getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(
          ("POST /webhooks/clerk HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                  + "Content-Type: application/json\r\nContent-Length: "
                  + (8 * 1024 * 1024)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      // Read the answer, not to end of stream: Tomcat then waits for the body to swallow it.
      RawResponse r = RawResponse.parse(readOneResponse(s.getInputStream()));
      assertEquals(413, r.status(), r.body());
      assertEquals("{\"error\":\"invalid_webhook\",\"reason\":\"body-too-large\"}", r.body());
    }
  }

  /** Reads the status line and headers, then as many body bytes as {@code Content-Length} says. */
  private static byte[] readOneResponse(InputStream in) throws IOException {
    java.io.ByteArrayOutputStream head = new java.io.ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
    }
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(?im)^content-length:\\s*(\\d+)")
            .matcher(head.toString(StandardCharsets.ISO_8859_1));
    int length = m.find() ? Integer.parseInt(m.group(1)) : 0;
    head.write(in.readNBytes(length));
    return head.toByteArray();
  }

  @ParameterizedTest(name = "chunked={0}")
  @ValueSource(booleans = {false, true})
  void doPostWhenWholeBodyOfTwiceTheLimitSentBeforeReadingThen413ArrivesNotAReset(boolean chunked)
      throws Exception {
    // The servlet reads and discards a refused body up to twice the limit, so that the sender gets
    // its 413 instead of a connection reset that loses it.
    OversizedPost.Answer r =
        OversizedPost.send(
            URI.create(base()), "/webhooks/clerk", new byte[2 * 1024 * 1024], chunked);
    assertEquals(413, r.status(), r.head());
    assertEquals("{\"error\":\"invalid_webhook\",\"reason\":\"body-too-large\"}", r.body());
  }

  @ParameterizedTest(name = "chunked={0}")
  @ValueSource(booleans = {false, true})
  void doFilterWhenAnonymousPostOfOneMebibyteToAProtectedPathThen401ArrivesNotAReset(
      boolean chunked) throws Exception {
    // The filter refuses before the application reads the body: it reads and discards a body up to
    // its bound first, so that the client (an upload from a page whose session ended) gets the 401
    // instead of a connection reset that loses it.
    OversizedPost.Answer r =
        OversizedPost.send(URI.create(base()), "/api/whoami", new byte[1024 * 1024], chunked);
    assertEquals(401, r.status(), r.head());
  }

  @Test
  void doPostWhenChunkedBodyOverOneMebibyteThen413() throws Exception {
    byte[] big = new byte[1024 * 1024 + 1];
    Arrays.fill(big, (byte) ' ');
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base() + "/webhooks/clerk"))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
            .build();
    assertRefused(413, "body-too-large", HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
  }

  @Test
  void doGetWhenWebhookPathThen405() throws Exception {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base() + "/webhooks/clerk")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(405, r.statusCode());
  }

  @Test
  void doPostWhenNoSigningSecretConfiguredThenUnavailableNot500AndTheRestOfTheAppRuns()
      throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        System.getenv("CLERK_WEBHOOK_SIGNING_SECRET") == null
            && System.getProperty("clerk.webhookSigningSecret") == null,
        "the environment configures a secret");
    WebhookDelivery d = clerk.webhooks().event("user.created", Map.of("id", "user_1"));
    HttpResponse<String> first = post("/unconfigured/webhooks/clerk", d);
    assertEquals(unavailableStatus(), first.statusCode(), first.body());
    assertEquals(unavailableStatus(), post("/unconfigured/webhooks/own", d).statusCode());
    assertTrue(RecordingWebhookServlet.EVENTS.isEmpty());
    HttpResponse<String> api =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base() + "/unconfigured/api/whoami"))
                .header("Accept", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(401, api.statusCode(), api.body());
  }

  @Test
  void doPostWhenOnEventThrowsThenTheApplicationsOwn500() throws Exception {
    HttpResponse<String> r =
        post("/webhooks/clerk", clerk.webhooks().event("test.fail", Map.of("id", "x")));
    assertEquals(500, r.statusCode());
    assertEquals(List.of(), List.copyOf(RecordingWebhookServlet.EVENTS));
  }
}
