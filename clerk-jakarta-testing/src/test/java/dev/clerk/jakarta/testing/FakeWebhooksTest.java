package dev.clerk.jakarta.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeWebhooksTest {
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00.750Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @Test
  void signatureWhenStandardWebhooksVectorThenPublishedValue() {
    // github.com/standard-webhooks/standard-webhooks, libraries/java/.../TestScenario.java,
    // validSigned().
    assertEquals(
        "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        FakeWebhooks.signature(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
            "msg_p5jXN8AQM9LWM0D4loKWxJek",
            1614265330L,
            "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void signingSecretWhenCreatedThenWhsecWith24RandomBytes() {
    String a = FakeWebhooks.create(CLOCK).signingSecret();
    String b = FakeWebhooks.create(CLOCK).signingSecret();
    assertTrue(a.startsWith("whsec_"), a);
    assertEquals(24, Base64.getDecoder().decode(a.substring(6)).length);
    assertNotEquals(a, b);
  }

  @Test
  void eventWhenBuiltThenClerkEnvelopeSignedAtTheClocksWholeSecond() {
    FakeWebhooks w = FakeWebhooks.create(CLOCK);
    WebhookDelivery d = w.event("user.created", Map.of("id", "user_1"));
    Map<String, Object> json = Json.parseObject(d.bodyText());
    assertEquals("user.created", json.get("type"));
    assertEquals("event", json.get("object"));
    assertEquals(w.instanceId(), json.get("instance_id"));
    assertEquals(NOW.toEpochMilli(), json.get("timestamp"));
    assertEquals(Map.of("id", "user_1"), json.get("data"));
    assertEquals(
        Map.of("http_request", Map.of("client_ip", "127.0.0.1", "user_agent", "FakeClerk")),
        json.get("event_attributes"));
    assertEquals(Instant.parse("2026-11-25T10:00:00Z"), d.timestamp());
    assertTrue(d.id().startsWith("msg_"), d.id());
    assertEquals(
        "v1,"
            + FakeWebhooks.signature(
                w.signingSecret(), d.id(), d.timestamp().getEpochSecond(), d.body()),
        d.signature());
  }

  @Test
  void headersWhenDeliveryThenSvixAndStandardNames() {
    WebhookDelivery d = FakeWebhooks.create(CLOCK).signed(new byte[] {'{', '}'});
    assertEquals(
        List.of("svix-id", "svix-timestamp", "svix-signature", "content-type"),
        List.copyOf(d.headers().keySet()));
    assertEquals(
        List.of("webhook-id", "webhook-timestamp", "webhook-signature", "content-type"),
        List.copyOf(d.standardHeaders().keySet()));
    assertEquals(Long.toString(d.timestamp().getEpochSecond()), d.headers().get("svix-timestamp"));
    assertEquals(List.of(d.signature()), d.headerMap().get("svix-signature"));
  }

  @Test
  void rotateWhenActiveThenEverySecretSignsNewestFirstUntilRetired() {
    FakeWebhooks w = FakeWebhooks.create(CLOCK);
    String old = w.signingSecret();
    String fresh = w.rotateSigningSecret();
    assertEquals(List.of(fresh, old), w.signingSecrets());
    WebhookDelivery d = w.signed(new byte[] {'{', '}'});
    long ts = d.timestamp().getEpochSecond();
    assertEquals(
        "v1,"
            + FakeWebhooks.signature(fresh, d.id(), ts, d.body())
            + " v1,"
            + FakeWebhooks.signature(old, d.id(), ts, d.body()),
        d.signature());
    w.retireOldSigningSecrets();
    assertEquals(List.of(fresh), w.signingSecrets());
    assertEquals(1, w.signed(d.body()).signature().split(" ").length);
  }

  @Test
  void withCopiesWhenTamperedThenSignatureKept() {
    WebhookDelivery d = FakeWebhooks.create(CLOCK).signed(new byte[] {'{', '}'});
    WebhookDelivery body = d.withBody(new byte[] {'[', ']'});
    assertEquals(d.signature(), body.signature());
    assertArrayEquals(new byte[] {'[', ']'}, body.body());
    assertEquals(d.signature(), d.withTimestamp(NOW.plusSeconds(60)).signature());
    assertEquals("v1,x", d.withSignature("v1,x").signature());
  }

  @Test
  void deliverWhenEndpointAnswersThenStatusAndRecordedHeadersAndBody() throws Exception {
    try (FakeClerk fake = FakeClerk.builder().clock(CLOCK).start()) {
      fake.route("POST", "/hooks", r -> FakeResponse.text(204, ""));
      Map<String, Object> user =
          fake.backendApi().directory().addUser("ada@example.com", "Ada", null);
      assertEquals(204, fake.webhooks().deliver(fake.apiUrl() + "/hooks", "user.created", user));
      RecordedRequest r = fake.requests("/hooks").get(0);
      assertEquals("application/json", r.header("content-type"));
      assertTrue(r.header("svix-id").startsWith("msg_"));
      assertEquals(Long.toString(NOW.getEpochSecond()), r.header("svix-timestamp"));
      String signature =
          "v1,"
              + FakeWebhooks.signature(
                  fake.webhookSigningSecret(),
                  r.header("svix-id"),
                  NOW.getEpochSecond(),
                  r.body().getBytes(StandardCharsets.UTF_8));
      assertEquals(signature, r.header("svix-signature"));
      assertEquals(user.get("id"), ((Map<?, ?>) Json.parseObject(r.body()).get("data")).get("id"));

      fake.route("POST", "/refuse", r2 -> FakeResponse.json(400, "{\"reason\":\"no\"}"));
      HttpResponse<String> refused =
          fake.webhooks().event("user.created", user).post(fake.apiUrl() + "/refuse");
      assertEquals(400, refused.statusCode());
      assertEquals("{\"reason\":\"no\"}", refused.body());
    }
  }

  @Test
  void toStringWhenSecretsThenNeverShown() {
    FakeWebhooks w = FakeWebhooks.create(CLOCK);
    assertFalse(w.toString().contains(w.signingSecret().substring(6)), w.toString());
    WebhookDelivery d = w.signed(new byte[] {'{', '}'});
    assertEquals(
        "WebhookDelivery{id=" + d.id() + ", timestamp=" + d.timestamp().getEpochSecond() + "}",
        d.toString());
  }
}
