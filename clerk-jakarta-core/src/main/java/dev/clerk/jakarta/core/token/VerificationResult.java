package dev.clerk.jakarta.core.token;

import java.util.Objects;

/**
 * The outcome of {@link SessionTokenVerifier#check(String)}: {@link Verified} with the claims, or
 * {@link Rejected} with Clerk's reason and message. Use it where a type test reads better than a
 * {@code try}/{@code catch}:
 *
 * <pre>
 * VerificationResult result = verifier.check(token);
 * if (result instanceof VerificationResult.Verified v) {
 *   signIn(v.claims());
 * } else if (result instanceof VerificationResult.Rejected r) {
 *   signOut(r.reason(), r.message());
 * }
 * </pre>
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public sealed interface VerificationResult {

  /** {@return whether the token was verified} */
  boolean isVerified();

  /**
   * The token is valid.
   *
   * @param claims its claims
   * @since 0.1
   */
  record Verified(SessionClaims claims) implements VerificationResult {
    /**
     * Checks the argument.
     *
     * @param claims its claims
     */
    public Verified {
      Objects.requireNonNull(claims, "claims == null");
    }

    @Override
    public boolean isVerified() {
      return true;
    }
  }

  /**
   * The token was refused, or could not be checked ({@link
   * TokenVerificationReason#isServiceFailure()}).
   *
   * @param reason Clerk's reason
   * @param message Clerk's message followed by its action sentence, never containing the token
   * @since 0.1
   */
  record Rejected(TokenVerificationReason reason, String message) implements VerificationResult {
    /**
     * Checks the arguments.
     *
     * @param reason Clerk's reason
     * @param message Clerk's message and action
     */
    public Rejected {
      Objects.requireNonNull(reason, "reason == null");
      Objects.requireNonNull(message, "message == null");
    }

    /**
     * {@return the result for an exception}
     *
     * @param e the failure
     */
    public static Rejected of(TokenVerificationException e) {
      return new Rejected(e.reason(), e.getMessage());
    }

    @Override
    public boolean isVerified() {
      return false;
    }
  }
}
