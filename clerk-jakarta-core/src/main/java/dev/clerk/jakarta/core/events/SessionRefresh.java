package dev.clerk.jakarta.core.events;

import org.jspecify.annotations.Nullable;

/**
 * One attempt to refresh an expired session token through the Backend API (spec §3.7): refreshed,
 * or why not. Never carries a token or a cookie.
 *
 * <p>Immutable and thread-safe.
 *
 * @param failure Clerk's refresh error (e.g. {@code unexpected-sdk-error}, {@code
 *     invalid-session-token}); {@code null} when the session was refreshed
 * @param nanos the time the attempt took, in nanoseconds (not negative)
 * @since 0.1
 */
public record SessionRefresh(@Nullable String failure, long nanos) {
  /**
   * Checks the components.
   *
   * @param failure the refresh error, or null
   * @param nanos the time taken in nanoseconds
   * @throws IllegalArgumentException when {@code nanos} is negative
   */
  public SessionRefresh {
    Durations.check(nanos);
  }

  /** {@return whether the session was refreshed} */
  public boolean refreshed() {
    return failure == null;
  }
}
