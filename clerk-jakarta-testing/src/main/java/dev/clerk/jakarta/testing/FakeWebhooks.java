package dev.clerk.jakarta.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * FakeClerk's webhooks: signs events as Clerk does (Svix / Standard Webhooks, HMAC-SHA256 of {@code
 * {id}.{timestamp}.{body}} with the base64-decoded part of a {@code whsec_…} secret, JDK {@link
 * Mac} only) and delivers them, so you can test your webhook endpoint end to end.
 *
 * <pre>
 * try (FakeClerk fake = FakeClerk.start()) {
 *   // configure the endpoint with CLERK_WEBHOOK_SIGNING_SECRET = fake.webhookSigningSecret()
 *   Map&lt;String, Object&gt; user = fake.backendApi().directory().addUser("ada@example.com", "Ada", null);
 *   int status = fake.webhooks().deliver("http://127.0.0.1:8080/webhooks/clerk", "user.created", user);
 * }
 * </pre>
 *
 * <p>{@link #rotateSigningSecret()} starts a rotation: deliveries are then signed with every active
 * secret (newest first, space-separated), as Svix does, until {@link #retireOldSigningSecrets()}.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class FakeWebhooks {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Supplier<Clock> clock;
  private final String instanceId;
  private final List<String> secrets = new CopyOnWriteArrayList<>();

  FakeWebhooks(Supplier<Clock> clock, String instanceId) {
    this.clock = clock;
    this.instanceId = instanceId;
    secrets.add(newSecret());
  }

  /**
   * {@return webhooks of their own, without a server, signing at {@code clock}'s time} {@link
   * FakeClerk#webhooks()} is the same, on FakeClerk's clock.
   *
   * @param clock the clock
   */
  public static FakeWebhooks create(Clock clock) {
    Objects.requireNonNull(clock, "clock == null");
    return new FakeWebhooks(() -> clock, "ins_fake" + HexFormat.of().formatHex(randomBytes(6)));
  }

  private static String newSecret() {
    byte[] key = new byte[24];
    RANDOM.nextBytes(key);
    return "whsec_" + Base64.getEncoder().encodeToString(key);
  }

  /**
   * {@return the newest signing secret ({@code whsec_…}): configure the endpoint under test with
   * it}
   */
  public String signingSecret() {
    return secrets.get(0);
  }

  /** {@return every secret deliveries are signed with, newest first} */
  public List<String> signingSecrets() {
    return List.copyOf(secrets);
  }

  /** {@return the {@code instance_id} of the events} */
  public String instanceId() {
    return instanceId;
  }

  /**
   * Starts a rotation: a new secret becomes the newest; the old ones keep signing too.
   *
   * @return the new secret
   */
  public synchronized String rotateSigningSecret() {
    String s = newSecret();
    secrets.add(0, s);
    return s;
  }

  /** Ends a rotation: only the newest secret signs from now on. */
  public synchronized void retireOldSigningSecrets() {
    String newest = secrets.get(0);
    secrets.retainAll(List.of(newest));
  }

  /**
   * {@return the {@code svix-signature} value for a message: {@code v1,<base64>} per active secret,
   * space-separated}
   *
   * @param id the message id
   * @param timestamp the attempt time (its whole seconds are signed)
   * @param body the body bytes
   */
  public String sign(String id, Instant timestamp, byte[] body) {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(body, "body == null");
    List<String> entries = new ArrayList<>();
    for (String secret : secrets) {
      entries.add("v1," + signature(secret, id, timestamp.getEpochSecond(), body));
    }
    return String.join(" ", entries);
  }

  /**
   * {@return the base64 HMAC-SHA256 signature of {@code {id}.{timestamp}.{body}} under {@code
   * secret}} Public for tests of the scheme itself.
   *
   * @param secret {@code whsec_<base64>} (the prefix optional)
   * @param id the message id
   * @param timestampSeconds the Unix time in seconds
   * @param body the body bytes
   */
  public static String signature(String secret, String id, long timestampSeconds, byte[] body) {
    String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Base64.getDecoder().decode(encoded), "HmacSHA256"));
      mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /**
   * {@return a delivery of {@code body} signed now with a fresh message id}
   *
   * @param body any bytes, e.g. a hand-written event
   */
  public WebhookDelivery signed(byte[] body) {
    String id = "msg_" + HexFormat.of().formatHex(randomBytes(12));
    Instant now = Instant.ofEpochSecond(clock.get().instant().getEpochSecond());
    return new WebhookDelivery(id, now, sign(id, now, body), body);
  }

  /**
   * {@return a signed delivery of an event in Clerk's envelope: {@code data}, {@code
   * event_attributes.http_request}, {@code instance_id}, {@code object: "event"}, {@code timestamp}
   * (epoch milliseconds) and {@code type}}
   *
   * @param type e.g. {@code user.created}
   * @param data the event's object, e.g. a user from {@code fake.backendApi().directory()}
   */
  public WebhookDelivery event(String type, Map<String, ?> data) {
    Objects.requireNonNull(type, "type == null");
    Objects.requireNonNull(data, "data == null");
    Map<String, Object> envelope = new LinkedHashMap<>();
    envelope.put("data", new LinkedHashMap<>(data));
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("client_ip", "127.0.0.1");
    request.put("user_agent", "FakeClerk");
    envelope.put("event_attributes", Map.of("http_request", request));
    envelope.put("instance_id", instanceId);
    envelope.put("object", "event");
    envelope.put("timestamp", clock.get().millis());
    envelope.put("type", type);
    return signed(Json.write(envelope).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Signs an event and POSTs it to {@code url}, as Clerk would.
   *
   * @param url the endpoint
   * @param type e.g. {@code user.created}
   * @param data the event's object
   * @return the HTTP status the endpoint answered
   * @throws IOException when the endpoint cannot be reached
   * @throws InterruptedException when interrupted while waiting
   */
  public int deliver(String url, String type, Map<String, ?> data)
      throws IOException, InterruptedException {
    return event(type, data).post(url).statusCode();
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return b;
  }

  /** The secrets are never shown. */
  @Override
  public String toString() {
    return "FakeWebhooks{" + secrets.size() + " active secret(s), " + instanceId + "}";
  }
}
