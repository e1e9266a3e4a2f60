package dev.clerk.jakarta.core.events;

import java.util.Objects;

/**
 * A handshake step: a redirect to Clerk's Frontend API was issued, or a returning handshake (nonce
 * or token) was resolved or failed to resolve. Never carries the handshake token, the nonce or a
 * cookie.
 *
 * <p>Immutable and thread-safe.
 *
 * @param phase what happened
 * @param reason for {@link Phase#REDIRECTED}, Clerk's reason of the handshake (e.g. {@code
 *     session-token-expired-refresh-non-eligible-no-refresh-cookie}); for {@link Phase#RESOLVED},
 *     the resolved state's reason, empty when it signed the user in; for {@link Phase#FAILED}, the
 *     cause (a verification reason such as {@code token-expired}, or {@code no-directives})
 * @param nanos for a resolution, the time it took in nanoseconds; 0 for a redirect (its time is the
 *     request's)
 * @since 0.1
 */
public record Handshake(Phase phase, String reason, long nanos) {
  /** The handshake steps. */
  public enum Phase {
    /** A {@code 307} (or interstitial) sent the browser to Clerk's handshake. */
    REDIRECTED,
    /** The browser came back and its handshake payload was resolved into cookies. */
    RESOLVED,
    /**
     * The browser came back and its handshake could not be resolved (the request went on without
     * it).
     */
    FAILED
  }

  /**
   * Checks the components.
   *
   * @param phase what happened
   * @param reason why (see the class description)
   * @param nanos the time taken in nanoseconds
   * @throws NullPointerException when {@code phase} or {@code reason} is null
   * @throws IllegalArgumentException when {@code nanos} is negative
   */
  public Handshake {
    Objects.requireNonNull(phase, "phase == null");
    Objects.requireNonNull(reason, "reason == null");
    Durations.check(nanos);
  }
}
