package dev.clerk.jakarta.core.webhooks;

/**
 * Why a webhook delivery was refused, and the HTTP status an endpoint answers with: {@code 413} for
 * a body over the size limit, {@code 400} for everything else. Every reason is something the sender
 * got wrong; none is the receiver's fault, so none is a {@code 5xx}. Immutable and thread-safe.
 *
 * @since 0.1
 */
public enum WebhookVerificationReason {
  /**
   * {@code svix-id}, {@code svix-timestamp} or {@code svix-signature} (or {@code webhook-*}) is
   * absent or blank.
   */
  MISSING_HEADER("missing-header", 400),
  /** {@code svix-id} or {@code svix-timestamp} appears more than once with different values. */
  DUPLICATE_HEADER("duplicate-header", 400),
  /** {@code svix-timestamp} is not a Unix time in whole seconds. */
  TIMESTAMP_MALFORMED("timestamp-malformed", 400),
  /** {@code svix-timestamp} is further in the past than the tolerance (5 minutes by default). */
  TIMESTAMP_TOO_OLD("timestamp-too-old", 400),
  /** {@code svix-timestamp} is further in the future than the tolerance. */
  TIMESTAMP_TOO_NEW("timestamp-too-new", 400),
  /** The body is larger than the configured limit (1 MiB by default). */
  BODY_TOO_LARGE("body-too-large", 413),
  /** No {@code v1} signature in {@code svix-signature} matches any configured signing secret. */
  SIGNATURE_MISMATCH("signature-mismatch", 400),
  /**
   * The signature matched but the body is not a Clerk event: not UTF-8, not a JSON object, no
   * {@code type} or {@code data}, or a {@code data} that is not the object its type documents.
   */
  MALFORMED_BODY("malformed-body", 400);

  private final String value;
  private final int httpStatus;

  WebhookVerificationReason(String value, int httpStatus) {
    this.value = value;
    this.httpStatus = httpStatus;
  }

  /** {@return the reason as a string for responses and logs, e.g. {@code signature-mismatch}} */
  public String value() {
    return value;
  }

  /** {@return the HTTP status an endpoint answers with: 413 or 400} */
  public int httpStatus() {
    return httpStatus;
  }
}
