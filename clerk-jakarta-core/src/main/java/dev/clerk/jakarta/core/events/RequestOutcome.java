package dev.clerk.jakarta.core.events;

import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.AuthStatus;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one authenticated request, the same whichever adapter asked (servlet filter,
 * JAX-RS or a direct {@code Clerk.authenticateRequest}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param status signed in, signed out or handshake
 * @param reason Clerk's reason; {@code null} when signed in
 * @param tokenType the token type the request was judged as, or {@code null}
 * @param nanos the time {@code authenticateRequest} took, in nanoseconds (not negative)
 * @since 0.1
 */
public record RequestOutcome(
    AuthStatus status, @Nullable AuthReason reason, @Nullable TokenType tokenType, long nanos) {
  /**
   * Checks the components.
   *
   * @param status signed in, signed out or handshake
   * @param reason Clerk's reason, or null
   * @param tokenType the token type, or null
   * @param nanos the time taken in nanoseconds
   * @throws NullPointerException when {@code status} is null
   * @throws IllegalArgumentException when {@code nanos} is negative
   */
  public RequestOutcome {
    Objects.requireNonNull(status, "status == null");
    Durations.check(nanos);
  }
}
