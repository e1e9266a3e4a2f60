package dev.clerk.jakarta.core.webhooks;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A webhook delivery was refused. {@link #reason()} says why; the message is a fixed sentence that
 * names headers and fields but never echoes a header value, a body or a secret, so it is safe to
 * log. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class WebhookVerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final WebhookVerificationReason reason;

  /**
   * Creates the exception.
   *
   * @param reason why
   * @param message a sentence without secrets or request content
   */
  public WebhookVerificationException(WebhookVerificationReason reason, String message) {
    this(reason, message, null);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param reason why
   * @param message a sentence without secrets or request content
   * @param cause the cause, or null
   */
  public WebhookVerificationException(
      WebhookVerificationReason reason, String message, @Nullable Throwable cause) {
    super(Objects.requireNonNull(message, "message == null"), cause);
    this.reason = Objects.requireNonNull(reason, "reason == null");
  }

  /** {@return why the delivery was refused} */
  public WebhookVerificationReason reason() {
    return reason;
  }
}
