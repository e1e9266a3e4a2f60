package dev.clerk.jakarta.core.backend;

import java.io.IOException;

/**
 * The Backend API answered 2xx with a body that is not the JSON Clerk documents (not JSON, wrong
 * shape, too large). An {@link IOException} because, like a broken connection, it means "no usable
 * answer", not "Clerk said no"; it is never retried.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class MalformedResponseException extends IOException {
  private final int statusCode;

  /**
   * Creates one.
   *
   * @param message what was wrong (must not contain secrets)
   * @param statusCode the HTTP status of the response
   * @param cause the parse failure, or null
   */
  public MalformedResponseException(
      String message, int statusCode, @org.jspecify.annotations.Nullable Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
  }

  /** {@return the HTTP status of the malformed response} */
  public int statusCode() {
    return statusCode;
  }
}
