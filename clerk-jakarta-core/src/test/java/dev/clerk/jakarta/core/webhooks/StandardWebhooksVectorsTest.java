package dev.clerk.jakarta.core.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clerk.jakarta.testing.FakeWebhooks;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The published test vectors of the Standard Webhooks specification, which Svix (and so Clerk)
 * implements. Source: github.com/standard-webhooks/standard-webhooks, commit b2fa7b8, {@code
 * libraries/java/src/test/java/com/standardwebhooks/TestScenario.java} ({@code validSigned()},
 * {@code withMultipleSignatures()}, {@code withWrongVersion()}, {@code
 * withInvalidSignatureFormat()}, {@code withInvalidSignatureValue()}, {@code
 * withMixedCaseHeaders()}) and {@code WebhookTest.java} ({@code
 * verifySecretWorksWithOrWithoutPrefix}), and {@code libraries/python/tests/test_webhooks.py}
 * ({@code test_invalid_signature_raises_error}, {@code test_invalid_timestamp_raises_error}). The
 * vector's payload is not a Clerk event, so these tests check the signature with {@link
 * Webhooks#verifySignature}.
 */
class StandardWebhooksVectorsTest {
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final long TIMESTAMP = 1614265330L;
  static final byte[] PAYLOAD = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);
  static final String SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

  private static Webhooks webhooks(String secret) {
    return Webhooks.builder()
        .secrets(secret)
        .clock(Clock.fixed(Instant.ofEpochSecond(TIMESTAMP), ZoneOffset.UTC))
        .build();
  }

  private static Map<String, List<String>> headers(String signature) {
    Map<String, List<String>> h = new LinkedHashMap<>();
    h.put("webhook-id", List.of(ID));
    h.put("webhook-timestamp", List.of(Long.toString(TIMESTAMP)));
    h.put("webhook-signature", List.of(signature));
    return h;
  }

  private static WebhookVerificationException refused(
      Webhooks w, Map<String, List<String>> headers) {
    return assertThrows(
        WebhookVerificationException.class,
        () -> w.verifySignature(WebhookHeaders.of(headers), PAYLOAD));
  }

  @Test
  void signatureWhenVectorThenSameAsPublished() {
    assertEquals(SIGNATURE, "v1," + FakeWebhooks.signature(SECRET, ID, TIMESTAMP, PAYLOAD));
  }

  @Test
  void verifySignatureWhenPublishedVectorThenAccepted() throws Exception {
    webhooks(SECRET).verifySignature(WebhookHeaders.of(headers(SIGNATURE)), PAYLOAD);
  }

  @Test
  void verifySignatureWhenSecretWithoutPrefixThenAccepted() throws Exception {
    webhooks(SECRET.substring("whsec_".length()))
        .verifySignature(WebhookHeaders.of(headers(SIGNATURE)), PAYLOAD);
  }

  @Test
  void verifySignatureWhenMultipleSignaturesOneValidThenAccepted() throws Exception {
    String multiple =
        String.join(
            " ",
            "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
            "v2,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
            SIGNATURE,
            "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=");
    webhooks(SECRET).verifySignature(WebhookHeaders.of(headers(multiple)), PAYLOAD);
  }

  @Test
  void verifySignatureWhenMixedCaseHeaderNamesThenAccepted() throws Exception {
    Map<String, List<String>> h = new LinkedHashMap<>();
    h.put("Webhook-Id", List.of(ID));
    h.put("WEBHOOK-TIMESTAMP", List.of(Long.toString(TIMESTAMP)));
    h.put("webhook-SIGNATURE", List.of(SIGNATURE));
    webhooks(SECRET).verifySignature(WebhookHeaders.of(h), PAYLOAD);
  }

  @Test
  void verifySignatureWhenOtherVersionWithTheValidValueThenMismatch() {
    WebhookVerificationException e =
        refused(webhooks(SECRET), headers("v2,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
    assertEquals(WebhookVerificationReason.SIGNATURE_MISMATCH, e.reason());
    assertEquals("No matching signature found", e.getMessage());
  }

  @Test
  void verifySignatureWhenNoVersionSeparatorThenMismatch() {
    assertEquals(
        WebhookVerificationReason.SIGNATURE_MISMATCH,
        refused(webhooks(SECRET), headers("invalid_signature")).reason());
  }

  @Test
  void verifySignatureWhenSignatureNotBase64ThenMismatch() {
    assertEquals(
        WebhookVerificationReason.SIGNATURE_MISMATCH,
        refused(webhooks(SECRET), headers("v1,invalid_signature")).reason());
  }

  @Test
  void verifySignatureWhenLastCharacterChangedThenMismatch() {
    assertEquals(
        WebhookVerificationReason.SIGNATURE_MISMATCH,
        refused(webhooks(SECRET), headers("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OA="))
            .reason());
  }

  @Test
  void verifySignatureWhenTimestampNotANumberThenMalformed() {
    Map<String, List<String>> h = headers(SIGNATURE);
    h.put("webhook-timestamp", List.of("hello"));
    WebhookVerificationException e = refused(webhooks(SECRET), h);
    assertEquals(WebhookVerificationReason.TIMESTAMP_MALFORMED, e.reason());
    assertEquals("Webhook header webhook-timestamp is not a Unix time in seconds", e.getMessage());
  }

  @Test
  void verifyWhenVectorPayloadIsNotAClerkEventThenSignatureAcceptedAndBodyRefused() {
    WebhookVerificationException e =
        assertThrows(
            WebhookVerificationException.class,
            () -> webhooks(SECRET).verify(headers(SIGNATURE), PAYLOAD));
    assertEquals(WebhookVerificationReason.MALFORMED_BODY, e.reason());
    assertEquals("Webhook body: field \"type\" is missing", e.getMessage());
  }
}
