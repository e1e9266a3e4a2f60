package dev.clerk.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.WebhookDelivery;
import dev.clerk.jakarta.testsupport.OversizedPost;
import jakarta.ws.rs.core.Application;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link ClerkWebhookFeature} and {@link ClerkWebhooks} on each JAX-RS implementation (a subclass
 * per implementation supplies the servlet), in embedded Jetty 12 ({@link TestedEe}: ee10 or ee11),
 * receiving deliveries FakeClerk signs and POSTs over loopback.
 */
abstract class AbstractClerkWebhookSuite {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  static FakeClerk fake;
  private TestApp.Running server;
  private String base;

  /** {@return the implementation's servlet, deploying {@code application}} */
  abstract ServletSpec jaxrsServlet(Class<? extends Application> application);

  @BeforeAll
  static void startFakeClerk() {
    fake = FakeClerk.start();
  }

  @AfterAll
  static void stopFakeClerk() {
    fake.close();
  }

  @BeforeEach
  void clear() {
    WebhookResource.EVENTS.clear();
    GreedyJsonReader.READS.set(0);
    fake.setClock(Clock.systemUTC());
  }

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.stop();
    }
    fake.setClock(Clock.systemUTC());
  }

  void deploy(Class<? extends Application> application, boolean sharedClerkWithSecret)
      throws Exception {
    Clerk.Builder clerk =
        Clerk.builder()
            .secretKey(fake.secretKey())
            .publishableKey(fake.publishableKey())
            .apiUrl(fake.apiUrl());
    if (sharedClerkWithSecret) {
      clerk.configure(b -> b.webhookSigningSecrets(List.of(fake.webhookSigningSecret())));
    }
    server =
        new TestApp()
            .attribute(Clerk.CONTEXT_ATTRIBUTE, clerk.build())
            .servlet(jaxrsServlet(application), "/*")
            .start();
    base = server.base().toString();
  }

  HttpResponse<String> post(String path, WebhookDelivery d) throws Exception {
    return post(path, d.headers(), d.body());
  }

  HttpResponse<String> post(String path, Map<String, String> headers, byte[] body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static void assertRefused(int status, String reason, HttpResponse<String> r) {
    assertEquals(status, r.statusCode(), r.body());
    assertEquals("{\"error\":\"invalid_webhook\",\"reason\":\"" + reason + "\"}", r.body());
    assertEquals(
        "application/json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(""));
    assertTrue(WebhookResource.EVENTS.isEmpty(), "the resource method ran");
    assertEquals(0, GreedyJsonReader.READS.get(), "the application JSON reader was used");
  }

  // ---- typed entity parameter -------------------------------------------------------------------

  @Test
  void entityWhenFakeClerkDeliversUserCreatedThen204AndTypedUserNotTheAppJsonReader()
      throws Exception {
    deploy(WebhookApplication.class, true);
    Map<String, Object> user =
        fake.backendApi().directory().addUser("grace@example.com", "Grace", "Hopper");
    assertEquals(204, fake.webhooks().deliver(base + "webhooks/clerk", "user.created", user));
    assertEquals(1, WebhookResource.EVENTS.size());
    assertEquals(
        "grace@example.com",
        WebhookResource.EVENTS.poll().user().orElseThrow().primaryEmailAddress());
    assertEquals(0, GreedyJsonReader.READS.get());
  }

  @Test
  void entityWhenSignatureForgedThen400() throws Exception {
    deploy(WebhookApplication.class, true);
    WebhookDelivery d = fake.webhooks().event("user.created", Map.of("id", "user_1"));
    assertRefused(400, "signature-mismatch", post("webhooks/clerk", d.withSignature("v1,AAAA")));
  }

  @Test
  void entityWhenBodyTamperedOrTimestampRefreshedThen400() throws Exception {
    deploy(WebhookApplication.class, true);
    WebhookDelivery d = fake.webhooks().event("user.created", Map.of("id", "user_1"));
    assertRefused(
        400,
        "signature-mismatch",
        post(
            "webhooks/clerk",
            d.withBody(d.bodyText().replace("user_1", "user_9").getBytes(StandardCharsets.UTF_8))));
    assertRefused(
        400,
        "signature-mismatch",
        post("webhooks/clerk", d.withTimestamp(d.timestamp().plusSeconds(5))));
  }

  @Test
  void entityWhenNoHeadersAndNoBodyThen400MissingHeader() throws Exception {
    deploy(WebhookApplication.class, true);
    assertRefused(400, "missing-header", post("webhooks/clerk", Map.of(), new byte[0]));
    assertRefused(
        400,
        "missing-header",
        post(
            "webhooks/clerk",
            Map.of("Content-Type", "application/json"),
            "{}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void entityWhenSignedTenMinutesAgoThen400TimestampTooOld() throws Exception {
    deploy(WebhookApplication.class, true);
    fake.setClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
    assertRefused(
        400,
        "timestamp-too-old",
        post("webhooks/clerk", fake.webhooks().event("user.created", Map.of("id", "u"))));
  }

  @Test
  void entityWhenSignedBodyNotUtf8Then400MalformedBody() throws Exception {
    deploy(WebhookApplication.class, true);
    byte[] body = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte) 0xFF, '"', '}'};
    assertRefused(400, "malformed-body", post("webhooks/clerk", fake.webhooks().signed(body)));
  }

  @ParameterizedTest(name = "chunked={0}")
  @ValueSource(booleans = {false, true})
  void entityWhenWholeBodyOfTwiceTheLimitSentBeforeReadingThen413ArrivesNotAReset(boolean chunked)
      throws Exception {
    // The reader discards a refused body up to twice the limit, so that the sender gets its 413
    // instead of a connection reset that loses it.
    deploy(WebhookApplication.class, true);
    URI uri = URI.create(base);
    OversizedPost.Answer r =
        OversizedPost.send(
            uri, uri.getPath() + "webhooks/clerk", new byte[2 * 1024 * 1024], chunked);
    assertEquals(413, r.status(), r.head());
    assertEquals("{\"error\":\"invalid_webhook\",\"reason\":\"body-too-large\"}", r.body());
    assertTrue(WebhookResource.EVENTS.isEmpty(), "the resource method ran");
  }

  @Test
  void entityWhenChunkedBodyOverOneMebibyteThen413() throws Exception {
    deploy(WebhookApplication.class, true);
    byte[] big = new byte[1024 * 1024 + 1];
    Arrays.fill(big, (byte) ' ');
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + "webhooks/clerk"))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
            .build();
    assertRefused(413, "body-too-large", HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
  }

  @Test
  void entityWhenResourceMethodThrowsThenTheApplicationsOwn500() throws Exception {
    deploy(WebhookApplication.class, true);
    assertEquals(
        500,
        post("webhooks/clerk", fake.webhooks().event("test.fail", Map.of("id", "x"))).statusCode());
  }

  // ---- raw entity and ClerkWebhooks -------------------------------------------------------------

  @Test
  void manualWhenInputStreamVerifiedThenResourceAnswers() throws Exception {
    deploy(WebhookApplication.class, true);
    HttpResponse<String> r =
        post(
            "webhooks/manual",
            fake.webhooks().event("organization.created", Map.of("id", "org_1", "name", "Acme")));
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("{\"received\":\"organization.created\"}", r.body());
    assertEquals("Acme", WebhookResource.EVENTS.poll().organization().orElseThrow().name());
  }

  @Test
  void manualWhenForgedThenMapperAnswers400() throws Exception {
    deploy(WebhookApplication.class, true);
    WebhookDelivery d = fake.webhooks().event("user.created", Map.of("id", "user_1"));
    assertRefused(400, "signature-mismatch", post("webhooks/manual", d.withSignature("v1,AAAA")));
    assertRefused(400, "missing-header", post("webhooks/bytes", Map.of(), d.body()));
  }

  @Test
  void bytesWhenVerifiedThen204() throws Exception {
    deploy(WebhookApplication.class, true);
    assertEquals(
        204,
        post("webhooks/bytes", fake.webhooks().event("sms.created", Map.of("id", "sms_1")))
            .statusCode());
    assertEquals("sms_1", WebhookResource.EVENTS.poll().sms().orElseThrow().id());
  }

  // ---- configuration ----------------------------------------------------------------------------

  @Test
  void deployWhenGivenWebhooksThenTheyWinOverTheSharedClerk() throws Exception {
    deploy(ExplicitWebhookApplication.class, true);
    assertRefused(
        400,
        "signature-mismatch",
        post("webhooks/clerk", fake.webhooks().event("user.created", Map.of("id", "user_1"))));
    WebhookDelivery own =
        ExplicitWebhookApplication.SENDER.event("user.created", Map.of("id", "user_own"));
    assertEquals(204, post("webhooks/clerk", own).statusCode());
    assertEquals("user_own", WebhookResource.EVENTS.poll().user().orElseThrow().id());
    assertRefused(
        413,
        "body-too-large",
        post(
            "webhooks/clerk",
            ExplicitWebhookApplication.SENDER.signed(
                new byte[ExplicitWebhookApplication.MAX_BODY_BYTES + 1])));
  }

  @Test
  void deployWhenNoSigningSecretAnywhereThenFailsNamingTheSetting() {
    Assumptions.assumeTrue(
        System.getenv("CLERK_WEBHOOK_SIGNING_SECRET") == null
            && System.getProperty("clerk.webhookSigningSecret") == null,
        "the environment configures a secret");
    Exception e =
        assertThrows(
            Exception.class,
            () -> {
              deploy(WebhookApplication.class, false);
              // Some runtimes report a failed deployment only when the servlet is first used.
              HttpResponse<String> r = post("webhooks/clerk", Map.of(), new byte[0]);
              throw new AssertionError("deployed, answered " + r.statusCode());
            });
    String expected =
        "ClerkWebhookFeature: Missing webhook signing secret. Set CLERK_WEBHOOK_SIGNING_SECRET"
            + " (system property clerk.webhookSigningSecret, init-param webhook-signing-secret) to the Signing Secret"
            + " (whsec_...) of your endpoint in the Clerk Dashboard.";
    Throwable cause = e;
    while (cause != null && !expected.equals(cause.getMessage())) {
      cause = cause.getCause();
    }
    assertNotNull(cause, () -> "no cause with the expected message in " + e);
  }
}
