package dev.clerk.jakarta.core.authz;

import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.Denial;
import dev.clerk.jakarta.core.request.Refusal;
import dev.clerk.jakarta.core.request.Refusals;
import dev.clerk.jakarta.core.request.RequestState;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of checking a {@link Requirement} against a request's authentication: allowed, or
 * refused with what the HTTP answer needs ({@code 401} signed out, {@code 403} with a {@link
 * Denial}, {@code 403} asking for reverification). Holds no token and nothing the client sent.
 * Immutable and thread-safe.
 *
 * @param kind allowed, or how it is refused
 * @param denial why a {@link Kind#FORBIDDEN} request is refused; null for the other kinds
 * @param reverification the check a {@link Kind#REVERIFICATION_REQUIRED} request failed; null for
 *     the other kinds
 * @since 0.1
 */
public record AccessDecision(
    Kind kind, @Nullable Denial denial, @Nullable ReverificationCheck reverification) {
  private static final AccessDecision ALLOWED = new AccessDecision(Kind.ALLOWED, null, null);
  private static final AccessDecision SIGNED_OUT = new AccessDecision(Kind.SIGNED_OUT, null, null);

  /** What was decided. */
  public enum Kind {
    /** Every requirement holds. */
    ALLOWED(200),
    /**
     * An authenticated request is required and this one is not: {@code 401} (or {@code 503}, a
     * sign-in redirect).
     */
    SIGNED_OUT(401),
    /** Signed in, without a role, permission, feature or plan, or {@code @DenyAll}: {@code 403}. */
    FORBIDDEN(403),
    /**
     * Signed in, but the session's factors must be verified again: {@code 403} with Clerk's body.
     */
    REVERIFICATION_REQUIRED(403);

    private final int status;

    Kind(int status) {
      this.status = status;
    }

    /** {@return the HTTP status of a refusal of this kind, 200 for {@link #ALLOWED}} */
    public int status() {
      return status;
    }
  }

  /**
   * Checks that the details fit the kind.
   *
   * @param kind the kind
   * @param denial non-null exactly for {@link Kind#FORBIDDEN}
   * @param reverification non-null exactly for {@link Kind#REVERIFICATION_REQUIRED}
   * @throws IllegalArgumentException when they do not
   */
  public AccessDecision {
    Objects.requireNonNull(kind, "kind == null");
    if ((denial != null) != (kind == Kind.FORBIDDEN)) {
      throw new IllegalArgumentException("a denial goes with FORBIDDEN, and only with it");
    }
    if ((reverification != null) != (kind == Kind.REVERIFICATION_REQUIRED)) {
      throw new IllegalArgumentException(
          "a reverification check goes with REVERIFICATION_REQUIRED, and only with it");
    }
  }

  /** {@return the decision that lets the request through} */
  public static AccessDecision allowed() {
    return ALLOWED;
  }

  /** {@return the refusal of a request that is not authenticated} */
  public static AccessDecision signedOut() {
    return SIGNED_OUT;
  }

  /**
   * {@return the refusal of a signed-in request for {@code denial}}
   *
   * @param denial why
   */
  public static AccessDecision forbidden(Denial denial) {
    return new AccessDecision(
        Kind.FORBIDDEN, Objects.requireNonNull(denial, "denial == null"), null);
  }

  /**
   * {@return the refusal of a session that must verify its factors again for {@code check}}
   *
   * @param check the check it failed
   */
  public static AccessDecision reverificationRequired(ReverificationCheck check) {
    return new AccessDecision(
        Kind.REVERIFICATION_REQUIRED, null, Objects.requireNonNull(check, "check == null"));
  }

  /** {@return whether the request may go on} */
  public boolean isAllowed() {
    return kind == Kind.ALLOWED;
  }

  /**
   * {@return the HTTP status: 200 when allowed, else 401 or 403 (the answer may still be a 503 or a
   * 307, see {@link #refusal})}
   */
  public int status() {
    return kind.status();
  }

  /**
   * {@return why, as the refusal's body names it: the {@link Denial}'s value ({@code
   * insufficient-role}, …), {@code reverification-error}, {@code signed-out}, or {@code allowed}}
   */
  public String reason() {
    return switch (kind) {
      case ALLOWED -> "allowed";
      case SIGNED_OUT -> "signed-out";
      case FORBIDDEN -> Objects.requireNonNull(denial).value();
      case REVERIFICATION_REQUIRED -> "reverification-error";
    };
  }

  /**
   * {@return the HTTP answer to a refused request, as the servlet filter and the JAX-RS feature
   * send it for their own rules}: signed out is {@link Refusals#signedOut} with the request's
   * decision (so {@code 401}, {@code 503} when Clerk could not decide, or a page's sign-in
   * redirect); the others {@link Refusals#forbidden} and {@link Refusals#reverificationRequired}
   *
   * @param refusals the Clerk's refusals ({@code Clerk.refusals()})
   * @param request the request as the adapter gave it to core
   * @param state the request's decision, or null when none was made
   * @throws IllegalStateException when the request is {@linkplain #isAllowed() allowed}
   */
  public Refusal refusal(Refusals refusals, ClerkRequest request, @Nullable RequestState state) {
    Objects.requireNonNull(refusals, "refusals == null");
    Objects.requireNonNull(request, "request == null");
    return switch (kind) {
      case ALLOWED -> throw new IllegalStateException("an allowed request has no refusal");
      case SIGNED_OUT -> refusals.signedOut(request, state);
      case FORBIDDEN -> refusals.forbidden(request, Objects.requireNonNull(denial));
      case REVERIFICATION_REQUIRED ->
          refusals.reverificationRequired(
              request,
              Objects.requireNonNull(reverification).reverification(),
              reverification.preset());
    };
  }
}
