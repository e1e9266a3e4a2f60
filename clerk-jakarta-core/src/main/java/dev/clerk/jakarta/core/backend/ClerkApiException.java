package dev.clerk.jakarta.core.backend;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The Backend API answered with a non-2xx status. Carries the status, Clerk's parsed errors and the
 * trace id to quote to Clerk support. Transport failures (connect, timeout, broken connection) are
 * {@link java.io.IOException}s instead, and a 2xx body that is not the JSON Clerk documents is a
 * {@link MalformedResponseException}.
 *
 * <p>The message names the method, path (never the query), status and first error; it never holds
 * the secret key or a token.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ClerkApiException extends RuntimeException {
  private final int statusCode;
  private final List<ClerkError> errors;
  private final @Nullable String clerkTraceId;
  private final @Nullable Duration retryAfter;

  /**
   * Creates one.
   *
   * @param message the message (must not contain secrets)
   * @param statusCode the HTTP status
   * @param errors Clerk's errors, possibly empty
   * @param clerkTraceId the trace id, or null
   */
  public ClerkApiException(
      String message, int statusCode, List<ClerkError> errors, @Nullable String clerkTraceId) {
    this(message, statusCode, errors, clerkTraceId, null);
  }

  /**
   * Creates one with the server's {@code Retry-After}.
   *
   * @param message the message (must not contain secrets)
   * @param statusCode the HTTP status
   * @param errors Clerk's errors, possibly empty
   * @param clerkTraceId the trace id, or null
   * @param retryAfter how long the server asked to wait, or null
   */
  public ClerkApiException(
      String message,
      int statusCode,
      List<ClerkError> errors,
      @Nullable String clerkTraceId,
      @Nullable Duration retryAfter) {
    super(Objects.requireNonNull(message, "message == null"));
    this.statusCode = statusCode;
    this.errors = List.copyOf(errors);
    this.clerkTraceId = clerkTraceId;
    this.retryAfter = retryAfter;
  }

  /** {@return the HTTP status, e.g. 404} */
  public int statusCode() {
    return statusCode;
  }

  /** {@return Clerk's errors in order; empty when the body held none (or was not JSON)} */
  public List<ClerkError> errors() {
    return errors;
  }

  /**
   * {@return the first error's code (e.g. {@code resource_not_found}), or null when there is none}
   */
  public @Nullable String code() {
    return errors.isEmpty() ? null : errors.get(0).code();
  }

  /**
   * {@return Clerk's trace id ({@code clerk_trace_id} or the {@code x-clerk-trace-id} header), or
   * null}
   */
  public @Nullable String clerkTraceId() {
    return clerkTraceId;
  }

  /**
   * {@return how long the server asked to wait ({@code Retry-After}, e.g. with a 429 or 503 that
   * was not retried because the wait exceeded the retry budget), or empty}
   */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
