package dev.clerk.jakarta.core.webhooks;

import dev.clerk.jakarta.core.internal.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * Verifies Clerk's webhooks, signed with the Svix / Standard Webhooks scheme, and reads them as
 * {@link WebhookEvent}s.
 *
 * <pre>
 * Webhooks webhooks = clerk.webhooks();   // or Webhooks.builder().secrets(System.getenv("CLERK_WEBHOOK_SIGNING_SECRET")).build()
 * try {
 *   WebhookEvent event = webhooks.verify(headers, rawBodyBytes);
 *   // event.type(), event.user(), event.data() …; answer 2xx
 * } catch (WebhookVerificationException e) {
 *   // answer e.reason().httpStatus() (400, or 413 for an oversized body)
 * }
 * </pre>
 *
 * <p>What {@link #verify(WebhookHeaders, byte[])} checks, in order:
 *
 * <ol>
 *   <li>the headers {@code svix-id}, {@code svix-timestamp} and {@code svix-signature} (or {@code
 *       webhook-id}, {@code webhook-timestamp}, {@code webhook-signature}; names in any case; a
 *       {@code svix-*} header wins over its {@code webhook-*} twin) are present and not blank;
 *   <li>the timestamp is a Unix time in seconds at most the tolerance (default 5 minutes) in the
 *       past or the future of the {@link Clock} (exactly the tolerance is accepted);
 *   <li>the body is at most the size limit (default 1 MiB);
 *   <li>one of the space-separated {@code v1,<base64>} entries of the signature header equals the
 *       base64 HMAC-SHA256 of {@code {id}.{timestamp}.{body}}, keyed with the base64-decoded part
 *       of one of the signing secrets after {@code whsec_}; other versions ({@code v1a}, {@code
 *       v2}) are ignored; comparisons are constant-time ({@link
 *       java.security.MessageDigest#isEqual}). The raw body bytes are signed as received: never a
 *       re-encoded string, so pass the bytes exactly as they arrived, before any JSON binding;
 *   <li>the body is UTF-8 and a JSON object with Clerk's envelope (see {@link WebhookEvent}).
 * </ol>
 *
 * <p>Several secrets are accepted at once, for rotation: during a rotation configure the old and
 * the new one; a delivery verifies when any of its signatures matches any secret. The secrets never
 * appear in {@link #toString()} or in a message.
 *
 * <p>Immutable and thread-safe; build one and share it.
 *
 * @since 0.1
 */
public final class Webhooks {
  /** Default tolerance of {@code svix-timestamp} around the clock: 5 minutes, as Svix. */
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  /** Default body size limit: 1 MiB, well above Clerk's largest events (emails with HTML). */
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

  /** The prefix of Clerk's signing secrets. */
  public static final String SECRET_PREFIX = "whsec_";

  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

  private final List<SecretKeySpec> keys;
  private final Clock clock;
  private final Duration tolerance;
  private final int maxBodyBytes;

  private Webhooks(Builder b) {
    this.keys = List.copyOf(Objects.requireNonNull(b.keys));
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
    this.tolerance = b.tolerance == null ? DEFAULT_TOLERANCE : b.tolerance;
    this.maxBodyBytes = b.maxBodyBytes == null ? DEFAULT_MAX_BODY_BYTES : b.maxBodyBytes;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The signing secrets' {@code web.xml} init-param ({@code ClerkSetting.WEBHOOK_SIGNING_SECRET}).
   */
  public static final String SIGNING_SECRET_INIT_PARAM = "webhook-signing-secret";

  /** The signing secrets' environment variable. */
  public static final String SIGNING_SECRET_ENV_VAR = "CLERK_WEBHOOK_SIGNING_SECRET";

  /** The signing secrets' system property. */
  public static final String SIGNING_SECRET_SYSTEM_PROPERTY = "clerk.webhookSigningSecret";

  /**
   * {@return webhooks verified with the secrets of the setting {@code webhook-signing-secret}: the
   * environment variable {@code CLERK_WEBHOOK_SIGNING_SECRET}, else the system property {@code
   * clerk.webhookSigningSecret}; comma-separated for rotation}
   *
   * @throws IllegalArgumentException naming the setting when it is unset or malformed (never
   *     echoing it)
   */
  public static Webhooks fromEnvironment() {
    return fromEnvironment(System.getenv(), System.getProperties());
  }

  /**
   * Like {@link #fromEnvironment()}, from the given environment and system properties.
   *
   * @param env environment variables
   * @param systemProperties system properties
   * @return the webhooks
   * @throws IllegalArgumentException naming the setting when it is unset or malformed
   */
  public static Webhooks fromEnvironment(Map<String, String> env, Properties systemProperties) {
    Objects.requireNonNull(env, "env == null");
    Objects.requireNonNull(systemProperties, "systemProperties == null");
    String source = SIGNING_SECRET_ENV_VAR;
    String value = env.get(source);
    if (value == null || value.isBlank()) {
      source = SIGNING_SECRET_SYSTEM_PROPERTY;
      value = systemProperties.getProperty(source);
    }
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(missingSecretMessage());
    }
    try {
      return builder().secrets(value).build();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  /** {@return the sentence for "no signing secret", naming the setting's three names} */
  public static String missingSecretMessage() {
    return "Missing webhook signing secret. Set "
        + SIGNING_SECRET_ENV_VAR
        + " (system property "
        + SIGNING_SECRET_SYSTEM_PROPERTY
        + ", init-param "
        + SIGNING_SECRET_INIT_PARAM
        + ") to the Signing Secret (whsec_...) of your endpoint in the"
        + " Clerk Dashboard.";
  }

  /**
   * Verifies a delivery; see the class description for the checks.
   *
   * @param headers the request headers; keys in any case
   * @param body the raw request body, exactly as received
   * @return the event
   * @throws WebhookVerificationException when the delivery is refused; {@link
   *     WebhookVerificationException#reason()} says why
   */
  public WebhookEvent verify(Map<String, ? extends List<String>> headers, byte[] body)
      throws WebhookVerificationException {
    return verify(WebhookHeaders.of(headers), body);
  }

  /**
   * Verifies a delivery; see the class description for the checks.
   *
   * @param headers the request headers, e.g. {@code httpHeaders::getRequestHeader}
   * @param body the raw request body, exactly as received
   * @return the event
   * @throws WebhookVerificationException when the delivery is refused; {@link
   *     WebhookVerificationException#reason()} says why
   */
  public WebhookEvent verify(WebhookHeaders headers, byte[] body)
      throws WebhookVerificationException {
    SignedHeaders h = checkSignature(headers, body);
    return EventReader.read(h.id(), Instant.ofEpochSecond(h.timestamp()), body);
  }

  /**
   * Checks steps 1 to 4 of the class description (headers, timestamp, size, signature) and not the
   * body's content: for a payload you parse yourself. {@link #verify(WebhookHeaders, byte[])} is
   * this plus reading the event.
   *
   * @param headers the request headers
   * @param body the raw request body, exactly as received
   * @throws WebhookVerificationException when the delivery is refused
   */
  public void verifySignature(WebhookHeaders headers, byte[] body)
      throws WebhookVerificationException {
    checkSignature(headers, body);
  }

  private SignedHeaders checkSignature(WebhookHeaders headers, byte[] body)
      throws WebhookVerificationException {
    Objects.requireNonNull(headers, "headers == null");
    Objects.requireNonNull(body, "body == null");
    SignedHeaders h = SignedHeaders.read(headers);
    long now = clock.instant().getEpochSecond();
    long tolerance = this.tolerance.toSeconds();
    if (now - h.timestamp() > tolerance) {
      throw new WebhookVerificationException(
          WebhookVerificationReason.TIMESTAMP_TOO_OLD, "Message timestamp too old");
    }
    if (h.timestamp() - now > tolerance) {
      throw new WebhookVerificationException(
          WebhookVerificationReason.TIMESTAMP_TOO_NEW, "Message timestamp too new");
    }
    checkSize(body.length);
    if (!Signatures.matches(keys, h.id(), h.timestamp(), body, h.signatures())) {
      throw new WebhookVerificationException(
          WebhookVerificationReason.SIGNATURE_MISMATCH, "No matching signature found");
    }
    return h;
  }

  /**
   * Reads a request body of unknown length up to the size limit, for adapters that get a stream;
   * the same as {@link #readBody(InputStream, long) readBody(in, -1)}.
   *
   * @param in the body stream (not closed)
   * @return the bytes
   * @throws IOException when reading fails
   * @throws WebhookVerificationException with {@link WebhookVerificationReason#BODY_TOO_LARGE} when
   *     the body is larger than the limit
   */
  public byte[] readBody(InputStream in) throws IOException, WebhookVerificationException {
    return readBody(in, -1);
  }

  /**
   * Reads a request body up to the size limit, for adapters that get a stream: at most {@link
   * #maxBodyBytes()} + 1 bytes are kept.
   *
   * <p>A body over the limit is refused. So that its sender receives the refusal, one up to twice
   * the limit is read to its end and discarded first: a server that answers and closes while the
   * sender is still writing resets the connection, and the sender loses the answer (Tomcat swallows
   * 2 MiB for the same reason; Jetty does not). A declared length above twice the limit is refused
   * before anything is read; a body of unknown length is discarded up to twice the limit.
   *
   * @param in the body stream (not closed)
   * @param contentLength the declared length ({@code Content-Length}), or -1 when unknown (chunked)
   * @return the bytes
   * @throws IOException when reading fails
   * @throws WebhookVerificationException with {@link WebhookVerificationReason#BODY_TOO_LARGE} when
   *     the body is larger than the limit
   * @since 0.2
   */
  public byte[] readBody(InputStream in, long contentLength)
      throws IOException, WebhookVerificationException {
    Objects.requireNonNull(in, "in == null");
    long discardUpTo = 2L * maxBodyBytes;
    if (contentLength > maxBodyBytes) {
      if (contentLength <= discardUpTo) {
        discard(in, contentLength);
      }
      throw tooLarge();
    }
    byte[] body = in.readNBytes(maxBodyBytes + 1);
    if (body.length > maxBodyBytes) {
      discard(in, discardUpTo - body.length);
      throw tooLarge();
    }
    return body;
  }

  /** Reads and drops up to {@code n} bytes, or to the end of the stream. */
  private static void discard(InputStream in, long n) throws IOException {
    byte[] sink = new byte[8192];
    long left = n;
    while (left > 0) {
      int read = in.read(sink, 0, (int) Math.min(sink.length, left));
      if (read < 0) {
        return;
      }
      left -= read;
    }
  }

  /**
   * Refuses a declared body length over the limit before anything is read.
   *
   * @param contentLength the declared length ({@code Content-Length}), or -1 when unknown
   * @throws WebhookVerificationException with {@link WebhookVerificationReason#BODY_TOO_LARGE} when
   *     it is over the limit
   */
  public void checkContentLength(long contentLength) throws WebhookVerificationException {
    checkSize(contentLength);
  }

  private void checkSize(long length) throws WebhookVerificationException {
    if (length > maxBodyBytes) {
      throw tooLarge();
    }
  }

  private WebhookVerificationException tooLarge() {
    return new WebhookVerificationException(
        WebhookVerificationReason.BODY_TOO_LARGE,
        "Webhook body is larger than " + maxBodyBytes + " bytes");
  }

  /** {@return how far {@code svix-timestamp} may be from the clock} */
  public Duration tolerance() {
    return tolerance;
  }

  /** {@return the largest body accepted, in bytes} */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** {@return how many signing secrets are accepted} */
  public int secretCount() {
    return keys.size();
  }

  /** {@return the clock timestamps are checked against} */
  public Clock clock() {
    return clock;
  }

  /** Counts only: the secrets are never shown. */
  @Override
  public String toString() {
    return "Webhooks{secrets="
        + keys.size()
        + ", tolerance="
        + tolerance
        + ", maxBodyBytes="
        + maxBodyBytes
        + "}";
  }

  /**
   * Builds {@link Webhooks}. Each setter validates at once and may be called once. Not thread-safe.
   */
  public static final class Builder {
    private @Nullable List<SecretKeySpec> keys;
    private @Nullable Clock clock;
    private @Nullable Duration tolerance;
    private @Nullable Integer maxBodyBytes;

    private Builder() {}

    /**
     * Sets the signing secrets ({@code whsec_<base64>}, the prefix optional): one, or several
     * during a rotation. Each argument may itself be a comma-separated list, as the setting is.
     *
     * @param secrets the secrets
     * @return this builder
     * @throws IllegalArgumentException when none is given or one is not base64 after {@code
     *     whsec_}; the message gives its position, never its value
     */
    public Builder secrets(String... secrets) {
      Objects.requireNonNull(secrets, "secrets == null");
      return secrets(List.of(secrets));
    }

    /**
     * Sets the signing secrets; see {@link #secrets(String...)}.
     *
     * @param secrets the secrets
     * @return this builder
     * @throws IllegalArgumentException when none is given or one is malformed
     */
    public Builder secrets(List<String> secrets) {
      Objects.requireNonNull(secrets, "secrets == null");
      if (keys != null) {
        throw new IllegalStateException("secrets were already set");
      }
      this.keys = parseSecrets(secrets);
      return this;
    }

    /**
     * Sets the clock timestamps are checked against (default {@link Clock#systemUTC()}).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock == null");
      if (this.clock != null) {
        throw new IllegalStateException("clock was already set");
      }
      this.clock = clock;
      return this;
    }

    /**
     * Sets how far {@code svix-timestamp} may be in the past or future (default 5 minutes).
     *
     * @param tolerance positive, whole seconds
     * @return this builder
     */
    public Builder tolerance(Duration tolerance) {
      if (this.tolerance != null) {
        throw new IllegalStateException("tolerance was already set");
      }
      Checks.positive(tolerance, "webhook tolerance");
      if (tolerance.toNanosPart() != 0) {
        throw new IllegalArgumentException(
            "webhook tolerance must be whole seconds, got " + tolerance);
      }
      this.tolerance = tolerance;
      return this;
    }

    /**
     * Sets the largest body accepted (default {@value Webhooks#DEFAULT_MAX_BODY_BYTES} bytes).
     *
     * @param maxBodyBytes positive, below 2 GiB
     * @return this builder
     */
    public Builder maxBodyBytes(int maxBodyBytes) {
      if (this.maxBodyBytes != null) {
        throw new IllegalStateException("maxBodyBytes was already set");
      }
      if (maxBodyBytes <= 0 || maxBodyBytes == Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "webhook max body bytes must be positive and below 2 GiB, got " + maxBodyBytes);
      }
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /**
     * Builds the instance.
     *
     * @return the webhooks
     * @throws IllegalArgumentException when no secret was set
     */
    public Webhooks build() {
      if (keys == null) {
        throw new IllegalArgumentException(missingSecretMessage());
      }
      return new Webhooks(this);
    }
  }

  /** Splits, trims, strips {@code whsec_}, decodes; messages give positions, never values. */
  static List<SecretKeySpec> parseSecrets(List<String> secrets) {
    List<SecretKeySpec> out = new ArrayList<>();
    for (String entry : secrets) {
      Objects.requireNonNull(entry, "secret == null");
      for (String part : entry.split(",", -1)) {
        String s = part.trim();
        if (s.isEmpty()) {
          continue;
        }
        byte[] key = decode(s.startsWith(SECRET_PREFIX) ? s.substring(SECRET_PREFIX.length()) : s);
        if (key == null) {
          throw new IllegalArgumentException(
              "webhook signing secret "
                  + (out.size() + 1)
                  + " is not whsec_ followed by base64; copy the Signing Secret of your endpoint from the Clerk"
                  + " Dashboard");
        }
        out.add(new SecretKeySpec(key, Signatures.ALGORITHM));
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException(missingSecretMessage());
    }
    return out;
  }

  private static byte @Nullable [] decode(String base64) {
    if (!BASE64.matcher(base64).matches()) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException wrongPadding) {
      // e.g. "abcde=": the alphabet is right, the length is not. The caller names the secret's
      // position.
      return null;
    }
  }
}
