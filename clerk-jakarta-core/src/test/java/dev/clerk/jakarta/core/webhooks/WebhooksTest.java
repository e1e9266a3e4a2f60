package dev.clerk.jakarta.core.webhooks;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.testing.FakeWebhooks;
import dev.clerk.jakarta.testing.WebhookDelivery;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Webhooks}: every refusal reason with its message, the tolerance edges, rotation, header
 * variants.
 */
class WebhooksTest {
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String EVENT =
      "{\"type\":\"user.created\",\"object\":\"event\",\"data\":{\"id\":\"user_1\"}}";

  private FakeWebhooks sender;
  private String secret;
  private Webhooks webhooks;

  @BeforeEach
  void start() {
    sender = FakeWebhooks.create(CLOCK);
    secret = sender.signingSecret();
    webhooks = Webhooks.builder().secrets(secret).clock(CLOCK).build();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Headers of a delivery signed with {@code secret} at {@code timestamp} seconds. */
  private static Map<String, List<String>> signed(
      String secret, String id, long timestamp, byte[] body) {
    Map<String, List<String>> h = new LinkedHashMap<>();
    h.put("svix-id", List.of(id));
    h.put("svix-timestamp", List.of(Long.toString(timestamp)));
    h.put("svix-signature", List.of("v1," + FakeWebhooks.signature(secret, id, timestamp, body)));
    return h;
  }

  private WebhookVerificationException refused(Map<String, List<String>> headers, byte[] body) {
    return assertThrows(WebhookVerificationException.class, () -> webhooks.verify(headers, body));
  }

  private static void assertRefused(
      WebhookVerificationReason reason, String message, WebhookVerificationException e) {
    assertEquals(reason, e.reason(), e.getMessage());
    assertEquals(message, e.getMessage());
  }

  // ---- accepted ---------------------------------------------------------------------------------

  @Test
  void verifyWhenFakeClerkDeliveryThenEventWithIdAndSentAt() throws Exception {
    WebhookDelivery d = sender.event("user.created", Map.of("id", "user_123", "object", "user"));
    WebhookEvent event = webhooks.verify(d.headerMap(), d.body());
    assertEquals("user.created", event.type());
    assertEquals(d.id(), event.id());
    assertEquals(NOW, event.sentAt());
    assertEquals("user_123", event.user().orElseThrow().id());
  }

  @Test
  void verifyWhenClerkSdkTestVectorThenUserCreated() throws Exception {
    // The secret and body of @clerk/backend's own webhooks.test.ts.
    String clerkSecret =
        "whsec_"
            + java.util.Base64.getEncoder()
                .encodeToString(utf8("test_signing_secret_32_chars_long"));
    byte[] body = utf8("{\"type\":\"user.created\",\"data\":{\"id\":\"user_123\"}}");
    Webhooks w = Webhooks.builder().secrets(clerkSecret).clock(CLOCK).build();
    WebhookEvent event = w.verify(signed(clerkSecret, "msg_123", NOW.getEpochSecond(), body), body);
    assertEquals("user_123", event.user().orElseThrow().id());
  }

  @Test
  void verifyWhenStandardHeaderNamesThenAccepted() throws Exception {
    WebhookDelivery d = sender.event("user.created", Map.of("id", "user_1"));
    Map<String, List<String>> h = new LinkedHashMap<>();
    d.standardHeaders().forEach((k, v) -> h.put(k, List.of(v)));
    assertEquals(d.id(), webhooks.verify(h, d.body()).id());
  }

  @Test
  void verifyWhenHeaderNamesInAnyCaseThenAccepted() throws Exception {
    WebhookDelivery d = sender.event("user.created", Map.of("id", "user_1"));
    Map<String, List<String>> h = new LinkedHashMap<>();
    h.put("Svix-Id", List.of(d.id()));
    h.put("SVIX-TIMESTAMP", List.of(Long.toString(d.timestamp().getEpochSecond())));
    h.put("svix-Signature", List.of(d.signature()));
    assertEquals(d.id(), webhooks.verify(h, d.body()).id());
  }

  @Test
  void verifyWhenFunctionalLookupThenAccepted() throws Exception {
    WebhookDelivery d = sender.event("user.created", Map.of("id", "user_1"));
    Map<String, String> single = d.headers();
    assertEquals(
        d.id(),
        webhooks
            .verify(name -> single.containsKey(name) ? List.of(single.get(name)) : null, d.body())
            .id());
  }

  @Test
  void verifyWhenSvixAndStandardHeadersBothPresentThenSvixWins() throws Exception {
    WebhookDelivery d = sender.event("user.created", Map.of("id", "user_1"));
    Map<String, List<String>> h = new LinkedHashMap<>(d.headerMap());
    h.put("webhook-id", List.of("msg_other"));
    h.put("webhook-timestamp", List.of("12"));
    h.put("webhook-signature", List.of("v1,AAAA"));
    assertEquals(d.id(), webhooks.verify(h, d.body()).id());

    Map<String, List<String>> swapped = new LinkedHashMap<>();
    d.standardHeaders().forEach((k, v) -> swapped.put(k, List.of(v)));
    swapped.put("svix-signature", List.of("v1,AAAA"));
    assertRefused(
        WebhookVerificationReason.SIGNATURE_MISMATCH,
        "No matching signature found",
        refused(swapped, d.body()));
  }

  @Test
  void verifyWhenSeveralSignatureEntriesAndOnlyOneValidThenAccepted() throws Exception {
    byte[] body = utf8(EVENT);
    Map<String, List<String>> h = signed(secret, "msg_1", NOW.getEpochSecond(), body);
    String valid = h.get("svix-signature").get(0);
    h.put(
        "svix-signature",
        List.of(
            "v1a,bm9wZQ==  v1,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA= " + valid + " v2,xyz"));
    assertEquals("msg_1", webhooks.verify(h, body).id());
  }

  @Test
  void verifyWhenSignatureHeaderRepeatedThenEveryLineCounts() throws Exception {
    byte[] body = utf8(EVENT);
    Map<String, List<String>> h = signed(secret, "msg_1", NOW.getEpochSecond(), body);
    h.put("svix-signature", List.of("v1,AAAA", h.get("svix-signature").get(0)));
    assertEquals("msg_1", webhooks.verify(h, body).id());
  }

  @Test
  void verifyWhenIdRepeatedWithSameValueThenAccepted() throws Exception {
    byte[] body = utf8(EVENT);
    Map<String, List<String>> h = signed(secret, "msg_1", NOW.getEpochSecond(), body);
    h.put("svix-id", List.of("msg_1", " msg_1 "));
    assertEquals("msg_1", webhooks.verify(h, body).id());
  }

  @Test
  void verifyWhenBodyHasNonAsciiUtf8ThenRawBytesAreSignedAndRead() throws Exception {
    byte[] body =
        utf8("{\"type\":\"user.created\",\"data\":{\"id\":\"user_1\",\"first_name\":\"Zoë 😀\"}}");
    WebhookEvent event = webhooks.verify(signed(secret, "msg_1", NOW.getEpochSecond(), body), body);
    assertEquals("Zoë 😀", event.user().orElseThrow().firstName());

    // Signed over a re-encoding (Latin-1 read, UTF-8 written) of the same text: not these bytes.
    byte[] reencoded =
        new String(body, StandardCharsets.ISO_8859_1).getBytes(StandardCharsets.UTF_8);
    assertFalse(Arrays.equals(body, reencoded));
    assertRefused(
        WebhookVerificationReason.SIGNATURE_MISMATCH,
        "No matching signature found",
        refused(signed(secret, "msg_1", NOW.getEpochSecond(), reencoded), body));
  }

  // ---- tolerance edges ------------------------------------------------------------------------

  @Test
  void verifyWhenExactlyFiveMinutesOldThenAccepted() throws Exception {
    byte[] body = utf8(EVENT);
    long ts = NOW.getEpochSecond() - 300;
    assertEquals(
        Instant.ofEpochSecond(ts),
        webhooks.verify(signed(secret, "msg_1", ts, body), body).sentAt());
  }

  @Test
  void verifyWhenFiveMinutesAndOneSecondOldThenTooOld() {
    byte[] body = utf8(EVENT);
    assertRefused(
        WebhookVerificationReason.TIMESTAMP_TOO_OLD,
        "Message timestamp too old",
        refused(signed(secret, "msg_1", NOW.getEpochSecond() - 301, body), body));
  }

  @Test
  void verifyWhenExactlyFiveMinutesAheadThenAccepted() throws Exception {
    byte[] body = utf8(EVENT);
    long ts = NOW.getEpochSecond() + 300;
    assertEquals(
        Instant.ofEpochSecond(ts),
        webhooks.verify(signed(secret, "msg_1", ts, body), body).sentAt());
  }

  @Test
  void verifyWhenFiveMinutesAndOneSecondAheadThenTooNew() {
    byte[] body = utf8(EVENT);
    assertRefused(
        WebhookVerificationReason.TIMESTAMP_TOO_NEW,
        "Message timestamp too new",
        refused(signed(secret, "msg_1", NOW.getEpochSecond() + 301, body), body));
  }

  @Test
  void verifyWhenClockHasMillisecondsThenWholeSecondsCompared() throws Exception {
    byte[] body = utf8(EVENT);
    Webhooks w =
        Webhooks.builder()
            .secrets(secret)
            .clock(Clock.fixed(NOW.plusMillis(999), ZoneOffset.UTC))
            .build();
    long ts = NOW.getEpochSecond() - 300;
    assertEquals("msg_1", w.verify(signed(secret, "msg_1", ts, body), body).id());
  }

  @Test
  void verifyWhenCustomToleranceThenItsEdgesApply() throws Exception {
    byte[] body = utf8(EVENT);
    Webhooks w =
        Webhooks.builder().secrets(secret).clock(CLOCK).tolerance(Duration.ofSeconds(10)).build();
    assertEquals(
        "msg_1", w.verify(signed(secret, "msg_1", NOW.getEpochSecond() - 10, body), body).id());
    WebhookVerificationException e =
        assertThrows(
            WebhookVerificationException.class,
            () -> w.verify(signed(secret, "msg_1", NOW.getEpochSecond() - 11, body), body));
    assertEquals(WebhookVerificationReason.TIMESTAMP_TOO_OLD, e.reason());
  }

  // ---- rotation -------------------------------------------------------------------------------

  @Test
  void verifyWhenRotatingThenOldAndNewSecretBothAccepted() throws Exception {
    String old = secret;
    String fresh = sender.rotateSigningSecret();
    Webhooks both = Webhooks.builder().secrets(old + ", " + fresh).clock(CLOCK).build();
    assertEquals(2, both.secretCount());
    byte[] body = utf8(EVENT);
    assertEquals(
        "msg_old", both.verify(signed(old, "msg_old", NOW.getEpochSecond(), body), body).id());
    assertEquals(
        "msg_new", both.verify(signed(fresh, "msg_new", NOW.getEpochSecond(), body), body).id());
    String stranger =
        "whsec_" + java.util.Base64.getEncoder().encodeToString(utf8("another-secret-of-24-bytes"));
    WebhookVerificationException e =
        assertThrows(
            WebhookVerificationException.class,
            () -> both.verify(signed(stranger, "msg_x", NOW.getEpochSecond(), body), body));
    assertEquals(WebhookVerificationReason.SIGNATURE_MISMATCH, e.reason());
  }

  @Test
  void verifyWhenSenderSignsWithBothSecretsThenEitherReceiverAccepts() throws Exception {
    String old = secret;
    String fresh = sender.rotateSigningSecret();
    WebhookDelivery d = sender.event("user.created", Map.of("id", "user_1"));
    assertEquals(2, d.signature().split(" ").length);
    Webhooks oldOnly = Webhooks.builder().secrets(old).clock(CLOCK).build();
    Webhooks newOnly = Webhooks.builder().secrets(List.of(fresh)).clock(CLOCK).build();
    assertEquals(d.id(), oldOnly.verify(d.headerMap(), d.body()).id());
    assertEquals(d.id(), newOnly.verify(d.headerMap(), d.body()).id());

    sender.retireOldSigningSecrets();
    WebhookDelivery after = sender.event("user.created", Map.of("id", "user_1"));
    assertEquals(after.id(), newOnly.verify(after.headerMap(), after.body()).id());
    assertThrows(
        WebhookVerificationException.class, () -> oldOnly.verify(after.headerMap(), after.body()));
  }

  // ---- replay and tampering -------------------------------------------------------------------

  @Test
  void verifyWhenBodyChangedAfterSigningThenMismatch() throws Exception {
    WebhookDelivery d = sender.event("user.created", Map.of("id", "user_1"));
    webhooks.verify(d.headerMap(), d.body());
    WebhookDelivery tampered = d.withBody(utf8(d.bodyText().replace("user_1", "user_2")));
    assertRefused(
        WebhookVerificationReason.SIGNATURE_MISMATCH,
        "No matching signature found",
        refused(tampered.headerMap(), tampered.body()));
    byte[] oneMoreSpace = utf8(d.bodyText() + " ");
    assertRefused(
        WebhookVerificationReason.SIGNATURE_MISMATCH,
        "No matching signature found",
        refused(d.headerMap(), oneMoreSpace));
  }

  @Test
  void verifyWhenTimestampChangedAfterSigningThenMismatch() throws Exception {
    WebhookDelivery d = sender.event("user.created", Map.of("id", "user_1"));
    WebhookDelivery refreshed = d.withTimestamp(d.timestamp().plusSeconds(1));
    assertRefused(
        WebhookVerificationReason.SIGNATURE_MISMATCH,
        "No matching signature found",
        refused(refreshed.headerMap(), refreshed.body()));
  }

  @Test
  void verifyWhenIdChangedAfterSigningThenMismatch() {
    WebhookDelivery d = sender.event("user.created", Map.of("id", "user_1"));
    Map<String, List<String>> h = new LinkedHashMap<>(d.headerMap());
    h.put("svix-id", List.of("msg_replayed"));
    assertRefused(
        WebhookVerificationReason.SIGNATURE_MISMATCH,
        "No matching signature found",
        refused(h, d.body()));
  }

  @Test
  void verifyWhenValidDeliveryReplayedSixMinutesLaterThenTooOld() throws Exception {
    WebhookDelivery d = sender.event("user.created", Map.of("id", "user_1"));
    Webhooks later =
        Webhooks.builder()
            .secrets(secret)
            .clock(Clock.offset(CLOCK, Duration.ofMinutes(6)))
            .build();
    WebhookVerificationException e =
        assertThrows(
            WebhookVerificationException.class, () -> later.verify(d.headerMap(), d.body()));
    assertRefused(WebhookVerificationReason.TIMESTAMP_TOO_OLD, "Message timestamp too old", e);
  }

  // ---- every other refusal --------------------------------------------------------------------

  @Test
  void verifyWhenNoHeadersThenAllThreeSvixNamesMissing() {
    assertRefused(
        WebhookVerificationReason.MISSING_HEADER,
        "Missing required webhook headers: svix-id, svix-timestamp, svix-signature",
        refused(Map.of("content-type", List.of("application/json")), utf8(EVENT)));
  }

  @Test
  void verifyWhenOneSvixHeaderMissingThenItIsNamed() {
    byte[] body = utf8(EVENT);
    for (String name : List.of("svix-id", "svix-timestamp", "svix-signature")) {
      Map<String, List<String>> h = signed(secret, "msg_1", NOW.getEpochSecond(), body);
      h.remove(name);
      assertRefused(
          WebhookVerificationReason.MISSING_HEADER,
          "Missing required webhook headers: " + name,
          refused(h, body));
    }
  }

  @Test
  void verifyWhenHeaderBlankThenMissing() {
    byte[] body = utf8(EVENT);
    Map<String, List<String>> h = signed(secret, "msg_1", NOW.getEpochSecond(), body);
    h.put("svix-id", List.of("   "));
    assertRefused(
        WebhookVerificationReason.MISSING_HEADER,
        "Missing required webhook headers: svix-id",
        refused(h, body));
  }

  @Test
  void verifyWhenOnlyStandardHeadersAndOneMissingThenStandardNameGiven() {
    Map<String, List<String>> h = new LinkedHashMap<>();
    h.put("webhook-id", List.of("msg_1"));
    h.put("webhook-timestamp", List.of(Long.toString(NOW.getEpochSecond())));
    assertRefused(
        WebhookVerificationReason.MISSING_HEADER,
        "Missing required webhook headers: webhook-signature",
        refused(h, utf8(EVENT)));
  }

  @Test
  void verifyWhenIdRepeatedWithDifferentValuesThenDuplicate() {
    byte[] body = utf8(EVENT);
    Map<String, List<String>> h = signed(secret, "msg_1", NOW.getEpochSecond(), body);
    h.put("svix-id", List.of("msg_1", "msg_2"));
    assertRefused(
        WebhookVerificationReason.DUPLICATE_HEADER,
        "Webhook header svix-id has more than one value",
        refused(h, body));
  }

  @Test
  void verifyWhenTimestampRepeatedWithDifferentValuesThenDuplicate() {
    byte[] body = utf8(EVENT);
    Map<String, List<String>> h = signed(secret, "msg_1", NOW.getEpochSecond(), body);
    h.put(
        "svix-timestamp",
        List.of(Long.toString(NOW.getEpochSecond()), Long.toString(NOW.getEpochSecond() + 1)));
    assertRefused(
        WebhookVerificationReason.DUPLICATE_HEADER,
        "Webhook header svix-timestamp has more than one value",
        refused(h, body));
  }

  @Test
  void verifyWhenTimestampNotWholeSecondsThenMalformed() {
    byte[] body = utf8(EVENT);
    for (String ts : List.of("-5", "1.5", "1e9", "0x10", "1764064800000000000", "１２３")) {
      Map<String, List<String>> h = signed(secret, "msg_1", NOW.getEpochSecond(), body);
      h.put("svix-timestamp", List.of(ts));
      assertRefused(
          WebhookVerificationReason.TIMESTAMP_MALFORMED,
          "Webhook header svix-timestamp is not a Unix time in seconds",
          refused(h, body));
    }
  }

  @Test
  void verifyWhenTimestampHasLeadingZerosThenSignedAsItsNumber() throws Exception {
    byte[] body = utf8(EVENT);
    Map<String, List<String>> h = signed(secret, "msg_1", NOW.getEpochSecond(), body);
    h.put("svix-timestamp", List.of("00" + NOW.getEpochSecond()));
    assertEquals(NOW, webhooks.verify(h, body).sentAt());
  }

  @Test
  void verifyWhenBodyOverLimitThenTooLargeAndExactlyTheLimitAccepted() throws Exception {
    Webhooks small = Webhooks.builder().secrets(secret).clock(CLOCK).maxBodyBytes(64).build();
    String padded = EVENT + " ".repeat(64 - EVENT.length());
    byte[] exact = utf8(padded);
    assertEquals(64, exact.length);
    assertEquals(
        "msg_1", small.verify(signed(secret, "msg_1", NOW.getEpochSecond(), exact), exact).id());
    byte[] over = utf8(padded + " ");
    WebhookVerificationException e =
        assertThrows(
            WebhookVerificationException.class,
            () -> small.verify(signed(secret, "msg_1", NOW.getEpochSecond(), over), over));
    assertRefused(
        WebhookVerificationReason.BODY_TOO_LARGE, "Webhook body is larger than 64 bytes", e);
    assertEquals(413, e.reason().httpStatus());
  }

  @Test
  void readBodyWhenStreamOverLimitThenTooLargeAndAtLimitReturned() throws Exception {
    Webhooks small = Webhooks.builder().secrets(secret).maxBodyBytes(8).build();
    assertArrayEquals(utf8("12345678"), small.readBody(new ByteArrayInputStream(utf8("12345678"))));
    WebhookVerificationException e =
        assertThrows(
            WebhookVerificationException.class,
            () -> small.readBody(new ByteArrayInputStream(utf8("123456789"))));
    assertRefused(
        WebhookVerificationReason.BODY_TOO_LARGE, "Webhook body is larger than 8 bytes", e);
  }

  @Test
  void readBodyWhenDeclaredOverLimitUpToTwiceThenReadToItsEndAndRefused() throws Exception {
    Webhooks small = Webhooks.builder().secrets(secret).maxBodyBytes(8).build();
    for (int length : new int[] {9, 16}) {
      ByteArrayInputStream in = new ByteArrayInputStream(new byte[length + 5]);
      WebhookVerificationException e =
          assertThrows(WebhookVerificationException.class, () -> small.readBody(in, length));
      assertRefused(
          WebhookVerificationReason.BODY_TOO_LARGE, "Webhook body is larger than 8 bytes", e);
      assertEquals(5, in.available(), "the declared body was discarded, not more");
    }
  }

  @Test
  void readBodyWhenDeclaredOverTwiceTheLimitThenRefusedWithoutReading() {
    Webhooks small = Webhooks.builder().secrets(secret).maxBodyBytes(8).build();
    ByteArrayInputStream in = new ByteArrayInputStream(new byte[17]);
    WebhookVerificationException e =
        assertThrows(WebhookVerificationException.class, () -> small.readBody(in, 17));
    assertEquals(WebhookVerificationReason.BODY_TOO_LARGE, e.reason());
    assertEquals(17, in.available());
  }

  @Test
  void readBodyWhenUnknownLengthOverLimitThenDiscardedUpToTwiceTheLimit() {
    Webhooks small = Webhooks.builder().secrets(secret).maxBodyBytes(8).build();
    ByteArrayInputStream shortOne = new ByteArrayInputStream(new byte[12]);
    assertEquals(
        WebhookVerificationReason.BODY_TOO_LARGE,
        assertThrows(WebhookVerificationException.class, () -> small.readBody(shortOne, -1))
            .reason());
    assertEquals(0, shortOne.available());
    ByteArrayInputStream longOne = new ByteArrayInputStream(new byte[100]);
    assertEquals(
        WebhookVerificationReason.BODY_TOO_LARGE,
        assertThrows(WebhookVerificationException.class, () -> small.readBody(longOne, -1))
            .reason());
    assertEquals(100 - 16, longOne.available(), "at most twice the limit is read");
  }

  @Test
  void readBodyWhenDeclaredWithinLimitThenTheBytes() throws Exception {
    Webhooks small = Webhooks.builder().secrets(secret).maxBodyBytes(8).build();
    assertArrayEquals(utf8("1234"), small.readBody(new ByteArrayInputStream(utf8("1234")), 4));
    assertArrayEquals(
        utf8("12345678"), small.readBody(new ByteArrayInputStream(utf8("12345678")), 8));
  }

  @Test
  void checkContentLengthWhenDeclaredOverLimitThenTooLarge() throws Exception {
    Webhooks small = Webhooks.builder().secrets(secret).maxBodyBytes(8).build();
    small.checkContentLength(-1);
    small.checkContentLength(8);
    WebhookVerificationException e =
        assertThrows(WebhookVerificationException.class, () -> small.checkContentLength(9));
    assertEquals(WebhookVerificationReason.BODY_TOO_LARGE, e.reason());
  }

  @Test
  void verifyWhenSignedBodyIsNotUtf8ThenMalformedBodyNotSignatureMismatch() {
    byte[] body =
        utf8(
            "{\"type\":\"user.created\",\"data\":{\"id\":\"user_1\",\"first_name\":\"Zo\u0000\"}}");
    body[body.length - 4] = (byte) 0xEB; // ë in Latin-1: an invalid UTF-8 sequence
    WebhookVerificationException e =
        refused(signed(secret, "msg_1", NOW.getEpochSecond(), body), body);
    assertRefused(WebhookVerificationReason.MALFORMED_BODY, "Webhook body is not UTF-8", e);

    byte[] lone = {'{', '"', (byte) 0xC3, '"', ':', '1', '}'};
    assertRefused(
        WebhookVerificationReason.MALFORMED_BODY,
        "Webhook body is not UTF-8",
        refused(signed(secret, "msg_1", NOW.getEpochSecond(), lone), lone));
  }

  @Test
  void verifyWhenSignedBodyIsNotAJsonObjectThenMalformedBody() {
    for (String text :
        List.of("", "not json", "[1,2]", "\"user.created\"", "{\"type\":", "{} {}")) {
      byte[] body = utf8(text);
      assertRefused(
          WebhookVerificationReason.MALFORMED_BODY,
          "Webhook body is not a JSON object",
          refused(signed(secret, "msg_1", NOW.getEpochSecond(), body), body));
    }
  }

  @Test
  void verifyWhenEnvelopeFieldsWrongThenMalformedBodyNamingTheField() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("{\"data\":{}}", "Webhook body: field \"type\" is missing");
    cases.put(
        "{\"type\":7,\"data\":{}}", "Webhook body: field \"type\" is number, expected string");
    cases.put("{\"type\":\"user.created\"}", "Webhook body: field \"data\" is missing");
    cases.put(
        "{\"type\":\"user.created\",\"data\":null}", "Webhook body: field \"data\" is missing");
    cases.put(
        "{\"type\":\"x\",\"data\":[1]}", "Webhook body: field \"data\" is array, expected object");
    cases.put(
        "{\"type\":\"x\",\"data\":{},\"timestamp\":\"soon\"}",
        "Webhook body: field \"timestamp\" is string, expected number");
    cases.put(
        "{\"type\":\"x\",\"data\":{},\"event_attributes\":{\"http_request\":[]}}",
        "Webhook body: field \"http_request\" is array, expected object");
    cases.forEach(
        (text, message) -> {
          byte[] body = utf8(text);
          assertRefused(
              WebhookVerificationReason.MALFORMED_BODY,
              message,
              refused(signed(secret, "msg_1", NOW.getEpochSecond(), body), body));
        });
  }

  @Test
  void verifyWhenDataDoesNotFitItsDocumentedTypeThenMalformedBodyNamingTypeAndField() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put(
        "{\"type\":\"user.created\",\"data\":{\"first_name\":\"Ada\"}}",
        "Webhook body: data of user.created is not a user: field \"id\" is missing");
    cases.put(
        "{\"type\":\"session.revoked\",\"data\":{\"id\":42}}",
        "Webhook body: data of session.* is not a session: field \"id\" is number, expected string");
    cases.put(
        "{\"type\":\"organizationMembership.created\",\"data\":{\"id\":\"orgmem_1\"}}",
        "Webhook body: data of organizationMembership.* is not an organization membership: field \"role\" is missing");
    cases.put(
        "{\"type\":\"organization.deleted\",\"data\":{\"id\":\"org_1\",\"deleted\":\"yes\"}}",
        "Webhook body: data of organization.deleted is not a deleted object: field \"deleted\" is string, expected boolean");
    cases.forEach(
        (text, message) -> {
          byte[] body = utf8(text);
          assertRefused(
              WebhookVerificationReason.MALFORMED_BODY,
              message,
              refused(signed(secret, "msg_1", NOW.getEpochSecond(), body), body));
        });
  }

  @Test
  void verifyWhenRefusedThenMessageNeverEchoesHeaderValuesOrSecret() {
    byte[] body = utf8(EVENT);
    List<WebhookVerificationException> all = new ArrayList<>();
    Map<String, List<String>> h = signed(secret, "msg_<script>", NOW.getEpochSecond(), body);
    h.put("svix-timestamp", List.of("<script>"));
    all.add(refused(h, body));
    h = signed(secret, "msg_<script>", NOW.getEpochSecond(), body);
    h.put("svix-signature", List.of("v1,<script>"));
    all.add(refused(h, body));
    for (WebhookVerificationException e : all) {
      assertFalse(e.getMessage().contains("<script>"), e.getMessage());
      assertFalse(e.getMessage().contains(secret.substring(6)), e.getMessage());
    }
  }

  // ---- builder --------------------------------------------------------------------------------

  @Test
  void buildWhenNoSecretThenFailsNamingTheSetting() {
    String expected =
        "Missing webhook signing secret. Set CLERK_WEBHOOK_SIGNING_SECRET (system property"
            + " clerk.webhookSigningSecret, init-param webhook-signing-secret) to the Signing Secret (whsec_...) of your"
            + " endpoint in the Clerk Dashboard.";
    assertEquals(
        expected,
        assertThrows(IllegalArgumentException.class, () -> Webhooks.builder().build())
            .getMessage());
    assertEquals(
        expected,
        assertThrows(IllegalArgumentException.class, () -> Webhooks.builder().secrets(" , "))
            .getMessage());
  }

  @Test
  void secretsWhenMalformedThenFailsWithPositionNeverTheValue() {
    String hint =
        " is not whsec_ followed by base64; copy the Signing Secret of your endpoint from the Clerk Dashboard";
    for (String bad :
        List.of(
            "sk_test_notAWebhookSecret", "whsec_", "whsec_abc$def", "whsec_abcde=", "whsec_a b")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Webhooks.builder().secrets(bad));
      assertEquals("webhook signing secret 1" + hint, e.getMessage());
    }
    IllegalArgumentException second =
        assertThrows(
            IllegalArgumentException.class,
            () -> Webhooks.builder().secrets(secret, "whsec_sk_live_leaked"));
    assertEquals("webhook signing secret 2" + hint, second.getMessage());
    assertFalse(second.getMessage().contains("leaked"));
  }

  @Test
  void buildWhenSettersRepeatedOrOutOfRangeThenFailsAtOnce() {
    Webhooks.Builder b = Webhooks.builder().secrets(secret);
    assertEquals(
        "secrets were already set",
        assertThrows(IllegalStateException.class, () -> b.secrets(secret)).getMessage());
    assertEquals(
        "webhook tolerance must be positive, got PT0S",
        assertThrows(
                IllegalArgumentException.class, () -> Webhooks.builder().tolerance(Duration.ZERO))
            .getMessage());
    assertEquals(
        "webhook tolerance must be whole seconds, got PT1.5S",
        assertThrows(
                IllegalArgumentException.class,
                () -> Webhooks.builder().tolerance(Duration.ofMillis(1500)))
            .getMessage());
    assertEquals(
        "webhook max body bytes must be positive and below 2 GiB, got 0",
        assertThrows(IllegalArgumentException.class, () -> Webhooks.builder().maxBodyBytes(0))
            .getMessage());
    assertEquals(
        "clock == null",
        assertThrows(NullPointerException.class, () -> Webhooks.builder().clock(null))
            .getMessage());
  }

  @Test
  void toStringWhenSecretsSetThenCountsOnly() {
    Webhooks two = Webhooks.builder().secrets(secret, sender.rotateSigningSecret()).build();
    assertEquals("Webhooks{secrets=2, tolerance=PT5M, maxBodyBytes=1048576}", two.toString());
    assertEquals(Webhooks.DEFAULT_TOLERANCE, two.tolerance());
    assertEquals(Webhooks.DEFAULT_MAX_BODY_BYTES, two.maxBodyBytes());
  }

  @Test
  void fromEnvironmentWhenVariableOrPropertyThenUsedElseFailsNamingTheSetting() throws Exception {
    Properties none = new Properties();
    assertEquals(
        1,
        Webhooks.fromEnvironment(Map.of("CLERK_WEBHOOK_SIGNING_SECRET", secret), none)
            .secretCount());
    Properties props = new Properties();
    props.setProperty("clerk.webhookSigningSecret", secret + "," + sender.rotateSigningSecret());
    assertEquals(2, Webhooks.fromEnvironment(Map.of(), props).secretCount());
    assertEquals(
        Webhooks.missingSecretMessage(),
        assertThrows(IllegalArgumentException.class, () -> Webhooks.fromEnvironment(Map.of(), none))
            .getMessage());
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Webhooks.fromEnvironment(Map.of("CLERK_WEBHOOK_SIGNING_SECRET", "whsec_!!"), none));
    assertTrue(
        bad.getMessage()
            .startsWith("CLERK_WEBHOOK_SIGNING_SECRET: webhook signing secret 1 is not"),
        bad.getMessage());
  }
}
