package dev.clerk.jakarta.core.authn;

import org.jspecify.annotations.Nullable;

/**
 * A failed session refresh with Clerk's {@code RefreshTokenErrorReason} ({@code fetch-error}, a
 * Backend API error code verbatim, {@code unexpected-bapi-error}, …). Never carries a token.
 * Immutable.
 *
 * @since 0.1
 */
final class RefreshException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The Backend API answered with error code {@code unexpected_error}. */
  public static final String FETCH_ERROR = "fetch-error";

  /** The Backend API could not be reached or answered without Clerk errors. */
  public static final String UNEXPECTED_BAPI_ERROR = "unexpected-bapi-error";

  private final String reason;

  /**
   * Creates the exception.
   *
   * @param reason Clerk's refresh error reason
   * @param message a message without tokens
   * @param cause the cause, or null
   */
  public RefreshException(String reason, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** {@return Clerk's refresh error reason} */
  public String reason() {
    return reason;
  }
}
