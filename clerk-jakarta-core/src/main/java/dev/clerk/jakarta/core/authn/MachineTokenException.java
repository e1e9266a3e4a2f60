package dev.clerk.jakarta.core.authn;

import org.jspecify.annotations.Nullable;

/**
 * Clerk's {@code MachineTokenVerificationError}: a code ({@code token-invalid}, {@code
 * secret-key-invalid}, {@code unexpected-error}, {@code token-verification-failed}), a message and
 * the Backend API status. Never carries the token. Immutable.
 *
 * @since 0.1
 */
final class MachineTokenException extends Exception {
  private static final long serialVersionUID = 1L;

  /** {@code token-invalid}. */
  public static final String TOKEN_INVALID = "token-invalid";

  /** {@code secret-key-invalid}. */
  public static final String SECRET_KEY_INVALID = "secret-key-invalid";

  /** {@code unexpected-error}. */
  public static final String UNEXPECTED_ERROR = "unexpected-error";

  /** {@code token-verification-failed}. */
  public static final String TOKEN_VERIFICATION_FAILED = "token-verification-failed";

  private final String code;
  private final @Nullable Integer status;

  /**
   * Creates the exception.
   *
   * @param code Clerk's code
   * @param message Clerk's message
   * @param status the Backend API status, or null
   * @param cause the cause, or null
   */
  public MachineTokenException(
      String code, String message, @Nullable Integer status, @Nullable Throwable cause) {
    super(message, cause);
    this.code = code;
    this.status = status;
  }

  /** {@return Clerk's code} */
  public String code() {
    return code;
  }

  /** {@return the Backend API status, or null} */
  public @Nullable Integer status() {
    return status;
  }

  /** {@return {@code "<message> (code=<code>, status=<status|n/a>)"}} */
  public String fullMessage() {
    return getMessage() + " (code=" + code + ", status=" + (status == null ? "n/a" : status) + ")";
  }

  /**
   * Reports a failure other than a refused token: a rejected secret key is the operator's mistake;
   * no answer, a 429 or a 5xx is an outage; any other answer is about the token, so the client's.
   *
   * @param log the request flow's log
   */
  void reportTo(FlowLog log) {
    String key = "machine:" + code + ":" + status;
    String message = "Clerk: machine token not verified: " + fullMessage();
    if (code.equals(SECRET_KEY_INVALID)) {
      log.operator(key, message);
    } else if (status == null || status == 429 || status >= 500) {
      log.outage(key, message);
    } else {
      log.client(key, message);
    }
  }
}
