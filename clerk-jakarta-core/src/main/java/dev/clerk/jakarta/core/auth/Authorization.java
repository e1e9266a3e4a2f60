package dev.clerk.jakarta.core.auth;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A condition for {@link Auth#has(Authorization)}: an organization role or permission, a billing
 * feature or plan, a reverification requirement, or several of them joined with {@link #and}.
 *
 * <p>Semantics are Clerk's {@code has()}: every dimension asked must pass, at least one must be
 * asked, and anything missing or malformed fails closed. Immutable and thread-safe.
 *
 * <pre>
 * auth.has(Authorization.role("org:admin"));
 * auth.has(Authorization.permission("org:invoices:read").and(Authorization.plan("pro")));
 * auth.has(Authorization.reverification(Reverification.STRICT));
 * </pre>
 *
 * @since 0.1
 */
public final class Authorization {
  private final @Nullable String role;
  private final @Nullable String permission;
  private final @Nullable String feature;
  private final @Nullable String plan;
  private final @Nullable Reverification reverification;

  private Authorization(
      @Nullable String role,
      @Nullable String permission,
      @Nullable String feature,
      @Nullable String plan,
      @Nullable Reverification reverification) {
    this.role = role;
    this.permission = permission;
    this.feature = feature;
    this.plan = plan;
    this.reverification = reverification;
  }

  /**
   * {@return a check of the active organization role} {@code admin} and {@code org:admin} are the
   * same.
   *
   * @param role e.g. {@code org:admin}
   */
  public static Authorization role(String role) {
    return new Authorization(Objects.requireNonNull(role, "role == null"), null, null, null, null);
  }

  /**
   * {@return a check of an organization permission} {@code invoices:read} and {@code
   * org:invoices:read} are the same.
   *
   * @param permission e.g. {@code org:invoices:read}
   */
  public static Authorization permission(String permission) {
    return new Authorization(
        null, Objects.requireNonNull(permission, "permission == null"), null, null, null);
  }

  /**
   * {@return a check of a billing feature} {@code o:}/{@code org:}/{@code organization:} or {@code
   * u:}/{@code user:} scope it; a bare id matches either.
   *
   * @param feature e.g. {@code user:export}
   */
  public static Authorization feature(String feature) {
    return new Authorization(
        null, null, Objects.requireNonNull(feature, "feature == null"), null, null);
  }

  /**
   * {@return a check of a billing plan}, scoped as {@link #feature}.
   *
   * @param plan e.g. {@code org:pro}
   */
  public static Authorization plan(String plan) {
    return new Authorization(null, null, null, Objects.requireNonNull(plan, "plan == null"), null);
  }

  /**
   * {@return a check that the session's factors were verified recently enough}
   *
   * @param reverification the requirement
   */
  public static Authorization reverification(Reverification reverification) {
    return new Authorization(
        null, null, null, null, Objects.requireNonNull(reverification, "reverification == null"));
  }

  /**
   * {@return a check that needs this one and {@code other}} Each dimension may be asked once.
   *
   * @param other another check
   * @throws IllegalArgumentException if both ask the same dimension
   */
  public Authorization and(Authorization other) {
    Objects.requireNonNull(other, "other == null");
    return new Authorization(
        merge(role, other.role, "role"),
        merge(permission, other.permission, "permission"),
        merge(feature, other.feature, "feature"),
        merge(plan, other.plan, "plan"),
        merge(reverification, other.reverification, "reverification"));
  }

  private static <T> @Nullable T merge(@Nullable T a, @Nullable T b, String what) {
    if (a != null && b != null) {
      throw new IllegalArgumentException(what + " is asked twice");
    }
    return a != null ? a : b;
  }

  /** {@return the role asked, or null} */
  public @Nullable String role() {
    return role;
  }

  /** {@return the permission asked, or null} */
  public @Nullable String permission() {
    return permission;
  }

  /** {@return the feature asked, or null} */
  public @Nullable String feature() {
    return feature;
  }

  /** {@return the plan asked, or null} */
  public @Nullable String plan() {
    return plan;
  }

  /** {@return the reverification asked, or null} */
  public @Nullable Reverification reverification() {
    return reverification;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Authorization a
        && Objects.equals(a.role, role)
        && Objects.equals(a.permission, permission)
        && Objects.equals(a.feature, feature)
        && Objects.equals(a.plan, plan)
        && Objects.equals(a.reverification, reverification);
  }

  @Override
  public int hashCode() {
    return Objects.hash(role, permission, feature, plan, reverification);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Authorization{");
    if (role != null) {
      sb.append("role=").append(role).append(' ');
    }
    if (permission != null) {
      sb.append("permission=").append(permission).append(' ');
    }
    if (feature != null) {
      sb.append("feature=").append(feature).append(' ');
    }
    if (plan != null) {
      sb.append("plan=").append(plan).append(' ');
    }
    if (reverification != null) {
      sb.append("reverification=").append(reverification).append(' ');
    }
    return sb.toString().trim() + "}";
  }
}
