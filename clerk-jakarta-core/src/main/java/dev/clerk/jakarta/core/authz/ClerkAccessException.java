package dev.clerk.jakarta.core.authz;

import java.util.Objects;

/**
 * Thrown where a handler cannot answer the HTTP request itself (a CDI bean method guarded by {@code
 * dev.clerk.jakarta.cdi.RequireRole} and its siblings) when the request does not meet the handler's
 * {@link Requirement}. The servlet filter ({@code ClerkFilter}, also when a servlet wraps it in a
 * {@code ServletException}) and the JAX-RS feature ({@code ClerkAuthFeature}'s exception mapper)
 * turn it into the answer they send for their own rules ({@link AccessDecision#refusal}): {@code
 * 401} (or {@code 503}, or a page's sign-in redirect) when signed out, {@code 403} otherwise.
 * Elsewhere catch it and read {@link #status()} and {@link #reason()}.
 *
 * <p>It carries the decision only (kind, status, the reason's fixed string): never a token, a claim
 * or anything the client sent. Immutable; thread-safe.
 *
 * @since 0.1
 */
public final class ClerkAccessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The refusal. */
  private final AccessDecision decision;

  /**
   * Creates the exception for a refused request.
   *
   * @param decision the refusal
   * @throws IllegalArgumentException when {@code decision} is {@linkplain
   *     AccessDecision#isAllowed() allowed}
   */
  public ClerkAccessException(AccessDecision decision) {
    super(message(decision));
    this.decision = decision;
  }

  private static String message(AccessDecision decision) {
    Objects.requireNonNull(decision, "decision == null");
    if (decision.isAllowed()) {
      throw new IllegalArgumentException("an allowed request is not refused");
    }
    return "Clerk: access refused (" + decision.status() + " " + decision.reason() + ")";
  }

  /** {@return the refusal} */
  public AccessDecision decision() {
    return decision;
  }

  /** {@return {@code 401} when signed out, else {@code 403}} */
  public int status() {
    return decision.status();
  }

  /**
   * {@return why: {@code signed-out}, a {@code Denial}'s value such as {@code insufficient-role},
   * or {@code reverification-error}}
   */
  public String reason() {
    return decision.reason();
  }
}
