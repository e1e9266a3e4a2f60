package dev.clerk.jakarta.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One signed webhook delivery as Clerk (through Svix) sends it: a message id, a timestamp, the
 * {@code svix-signature} value and the body bytes. Send it with {@link #post}, or hand {@link
 * #headerMap()} and {@link #body()} to the verifier under test. The {@code with…} copies keep the
 * signature, so they model a tampered or replayed delivery.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class WebhookDelivery {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  private final String id;
  private final Instant timestamp;
  private final String signature;
  private final byte[] body;

  /**
   * Creates a delivery; {@link FakeWebhooks} creates signed ones.
   *
   * @param id the message id ({@code msg_…})
   * @param timestamp the attempt time (whole seconds are sent)
   * @param signature the {@code svix-signature} value, e.g. {@code v1,<base64>}
   * @param body the body bytes
   */
  public WebhookDelivery(String id, Instant timestamp, String signature, byte[] body) {
    this.id = Objects.requireNonNull(id, "id == null");
    this.timestamp = Objects.requireNonNull(timestamp, "timestamp == null");
    this.signature = Objects.requireNonNull(signature, "signature == null");
    this.body = Objects.requireNonNull(body, "body == null").clone();
  }

  /** {@return the message id ({@code svix-id})} */
  public String id() {
    return id;
  }

  /** {@return the attempt time ({@code svix-timestamp})} */
  public Instant timestamp() {
    return timestamp;
  }

  /** {@return the {@code svix-signature} value} */
  public String signature() {
    return signature;
  }

  /** {@return a copy of the body bytes} */
  public byte[] body() {
    return body.clone();
  }

  /** {@return the body as UTF-8 text} */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * {@return the headers Clerk sends: {@code svix-id}, {@code svix-timestamp}, {@code
   * svix-signature} and {@code content-type}, in that order}
   */
  public Map<String, String> headers() {
    return headers("svix-");
  }

  /** {@return the same headers with the Standard Webhooks names ({@code webhook-id} …)} */
  public Map<String, String> standardHeaders() {
    return headers("webhook-");
  }

  private Map<String, String> headers(String prefix) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(prefix + "id", id);
    h.put(prefix + "timestamp", Long.toString(timestamp.getEpochSecond()));
    h.put(prefix + "signature", signature);
    h.put("content-type", "application/json");
    return h;
  }

  /** {@return {@link #headers()} as a multi-valued map, as {@code Webhooks.verify} takes them} */
  public Map<String, List<String>> headerMap() {
    Map<String, List<String>> m = new LinkedHashMap<>();
    headers().forEach((k, v) -> m.put(k, List.of(v)));
    return m;
  }

  /**
   * {@return a copy with another body and the same signature (a tampered delivery)}
   *
   * @param newBody the body
   */
  public WebhookDelivery withBody(byte[] newBody) {
    return new WebhookDelivery(id, timestamp, signature, newBody);
  }

  /**
   * {@return a copy with another timestamp and the same signature (a replay with a fresh time)}
   *
   * @param newTimestamp the timestamp
   */
  public WebhookDelivery withTimestamp(Instant newTimestamp) {
    return new WebhookDelivery(id, newTimestamp, signature, body);
  }

  /**
   * {@return a copy with another {@code svix-signature} value}
   *
   * @param newSignature the header value
   */
  public WebhookDelivery withSignature(String newSignature) {
    return new WebhookDelivery(id, timestamp, newSignature, body);
  }

  /**
   * POSTs this delivery to {@code url} with {@link #headers()}, as Clerk would.
   *
   * @param url the endpoint, e.g. {@code http://127.0.0.1:8080/webhooks/clerk}
   * @return the endpoint's answer
   * @throws IOException when the endpoint cannot be reached
   * @throws InterruptedException when interrupted while waiting
   */
  public HttpResponse<String> post(String url) throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("User-Agent", "FakeClerk-Webhooks")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers().forEach(b::header);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Id and time only: the body may hold personal details. */
  @Override
  public String toString() {
    return "WebhookDelivery{id=" + id + ", timestamp=" + timestamp.getEpochSecond() + "}";
  }
}
