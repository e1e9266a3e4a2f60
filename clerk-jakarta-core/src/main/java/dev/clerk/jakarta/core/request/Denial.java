package dev.clerk.jakarta.core.request;

import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.auth.Authorization;
import java.util.Objects;

/**
 * Why a signed-in request is refused with {@code 403}: the {@code reason} of the JSON body and the
 * sentence of the HTML page that {@link Refusals#forbidden} builds. Immutable and thread-safe.
 *
 * @since 0.1
 */
public enum Denial {
  /**
   * A role rule failed: the servlet filter's {@code protect=/path=role}, JAX-RS's
   * {@code @RolesAllowed} (an organization role or permission) and {@code @RequireRole}.
   */
  INSUFFICIENT_ROLE("insufficient-role", "You do not have the role this page requires."),
  /** Clerk's {@code has({permission})} failed ({@code @RequirePermission}). */
  INSUFFICIENT_PERMISSION(
      "insufficient-permission", "You do not have the permission this page requires."),
  /** Clerk's {@code has({feature})} failed ({@code @RequireFeature}). */
  MISSING_FEATURE("missing-feature", "This page needs a feature your plan does not include."),
  /** Clerk's {@code has({plan})} failed ({@code @RequirePlan}). */
  MISSING_PLAN("missing-plan", "This page needs another plan."),
  /**
   * Nobody may pass: JAX-RS's {@code @DenyAll}, or a resource method the runtime reached without
   * Clerk's authorization check (fail closed).
   */
  ACCESS_DENIED("access-denied", "This page is not available.");

  private final String value;
  private final String text;

  Denial(String value, String text) {
    this.value = value;
    this.text = text;
  }

  /** {@return the {@code reason} of the JSON body, e.g. {@code insufficient-role}} */
  public String value() {
    return value;
  }

  /** {@return the sentence of the HTML page} */
  public String text() {
    return text;
  }

  /**
   * {@return why {@code auth} fails {@code check}: the first of its role, permission, feature and
   * plan that fails alone, in that order; {@link #INSUFFICIENT_ROLE} when each passes alone}
   *
   * @param auth the request's authentication
   * @param check a check that {@code auth.has(check)} refused
   */
  public static Denial of(Auth auth, Authorization check) {
    Objects.requireNonNull(auth, "auth == null");
    Objects.requireNonNull(check, "check == null");
    String role = check.role();
    if (role != null && !auth.has(Authorization.role(role))) {
      return INSUFFICIENT_ROLE;
    }
    String permission = check.permission();
    if (permission != null && !auth.has(Authorization.permission(permission))) {
      return INSUFFICIENT_PERMISSION;
    }
    String feature = check.feature();
    if (feature != null && !auth.has(Authorization.feature(feature))) {
      return MISSING_FEATURE;
    }
    String plan = check.plan();
    if (plan != null && !auth.has(Authorization.plan(plan))) {
      return MISSING_PLAN;
    }
    return INSUFFICIENT_ROLE;
  }
}
