package dev.clerk.jakarta.core.events;

import dev.clerk.jakarta.core.token.TokenVerificationReason;
import org.jspecify.annotations.Nullable;

/**
 * One fetch of the Backend API's JWKS (its one retry included): the number of keys it brought, or
 * why it failed. Never carries the secret key, a key or an exception's message.
 *
 * <p>Immutable and thread-safe.
 *
 * @param keyCount the keys loaded; 0 when the fetch failed
 * @param failure Clerk's verification reason of a failed fetch (e.g. {@code
 *     jwk-remote-failed-to-load}); {@code null} when it succeeded
 * @param causeClass the class name of what made the fetch fail (the underlying exception, e.g.
 *     {@code java.net.ConnectException}, else the verification exception); {@code null} when it
 *     succeeded
 * @param nanos the time the fetch took, in nanoseconds (not negative)
 * @since 0.1
 */
public record JwksFetch(
    int keyCount,
    @Nullable TokenVerificationReason failure,
    @Nullable String causeClass,
    long nanos) {
  /**
   * Checks the components.
   *
   * @param keyCount the keys loaded
   * @param failure the reason of a failure, or null
   * @param causeClass the class name of the failure's cause, or null
   * @param nanos the time taken in nanoseconds
   * @throws IllegalArgumentException when {@code keyCount} or {@code nanos} is negative, or when
   *     exactly one of {@code failure} and {@code causeClass} is null
   */
  public JwksFetch {
    if (keyCount < 0) {
      throw new IllegalArgumentException("keyCount must not be negative, got " + keyCount);
    }
    if ((failure == null) != (causeClass == null)) {
      throw new IllegalArgumentException("failure and causeClass are both null or both set");
    }
    Durations.check(nanos);
  }

  /** {@return whether the fetch brought a key set} */
  public boolean succeeded() {
    return failure == null;
  }
}
