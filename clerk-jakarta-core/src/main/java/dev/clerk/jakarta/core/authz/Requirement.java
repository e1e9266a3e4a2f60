package dev.clerk.jakarta.core.authz;

import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.auth.Authorization;
import dev.clerk.jakarta.core.auth.ClerkPrincipal;
import dev.clerk.jakarta.core.request.Denial;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What a handler requires of a request, and the one evaluation of it ({@link #decide}) that the
 * JAX-RS feature's annotations ({@code @RequireSignIn}, {@code @RequireRole},
 * {@code @RequirePermission}, {@code @RequireFeature}, {@code @RequirePlan},
 * {@code @RequireReverification}, {@code @RolesAllowed}, {@code @DenyAll}) and the CDI interceptors
 * share. The adapters read their annotations into it; this type says what they mean.
 *
 * <p>{@link #decide} checks, in this order, and refuses on the first failure: {@code denyAll}
 * ({@code 403 access-denied}, whoever asks); the {@code roles} (no identity: {@code 401}; an entry
 * with none of its roles held: {@code 403 insufficient-role}); then, when {@code signIn}, a scope
 * or a reverification is required, an authenticated request ({@code 401}); each scope ({@code 403}
 * with {@link Denial#of}); each reverification ({@code 403 reverification-error}). Immutable and
 * thread-safe.
 *
 * @param denyAll nobody may pass
 * @param roles one entry per role rule ({@code @RolesAllowed}): any one role of each entry
 *     suffices, every entry must be satisfied
 * @param signIn an authenticated request (user session or accepted machine token) is required
 * @param scopes role/permission/feature/plan checks (Clerk's {@code has()}), all of which must pass
 * @param reverifications reverification checks, all of which must pass
 * @since 0.1
 */
public record Requirement(
    boolean denyAll,
    List<List<String>> roles,
    boolean signIn,
    List<Authorization> scopes,
    List<ReverificationCheck> reverifications) {

  /** Requires nothing. */
  public static final Requirement NONE =
      new Requirement(false, List.of(), false, List.of(), List.of());

  /**
   * Copies the lists.
   *
   * @param denyAll nobody may pass
   * @param roles the role rules, each non-empty
   * @param signIn authentication required
   * @param scopes the {@code has()} checks
   * @param reverifications the reverification checks
   * @throws IllegalArgumentException when a role rule is empty
   */
  public Requirement {
    roles = roles.stream().map(List::copyOf).toList();
    if (roles.stream().anyMatch(List::isEmpty)) {
      throw new IllegalArgumentException("a role rule names no role");
    }
    scopes = List.copyOf(scopes);
    reverifications = List.copyOf(reverifications);
  }

  /** {@return a requirement that nobody meets ({@code @DenyAll})} */
  public static Requirement denyAllRequests() {
    return new Requirement(true, List.of(), false, List.of(), List.of());
  }

  /**
   * {@return a requirement of any one of {@code anyOf}, as {@code @RolesAllowed} asks: an
   * organization role or permission, as {@link ClerkPrincipal#isInRole} says}
   *
   * @param anyOf the roles, at least one
   * @throws IllegalArgumentException when empty
   */
  public static Requirement anyRole(List<String> anyOf) {
    return new Requirement(false, List.of(anyOf), false, List.of(), List.of());
  }

  /** {@return a requirement of an authenticated request} */
  public static Requirement signedIn() {
    return new Requirement(false, List.of(), true, List.of(), List.of());
  }

  /**
   * {@return a requirement that {@code check} passes (Clerk's {@code has()})}
   *
   * @param check the check
   */
  public static Requirement scope(Authorization check) {
    return new Requirement(
        false,
        List.of(),
        false,
        List.of(Objects.requireNonNull(check, "check == null")),
        List.of());
  }

  /**
   * {@return a requirement of recently verified factors}
   *
   * @param check the check
   */
  public static Requirement reverification(ReverificationCheck check) {
    return new Requirement(
        false,
        List.of(),
        false,
        List.of(),
        List.of(Objects.requireNonNull(check, "check == null")));
  }

  /** {@return whether it requires nothing} */
  public boolean isEmpty() {
    return !denyAll && roles.isEmpty() && !signIn && scopes.isEmpty() && reverifications.isEmpty();
  }

  /** {@return whether anything but {@code denyAll} needs an authenticated request} */
  public boolean needsIdentity() {
    return !roles.isEmpty() || signIn || !scopes.isEmpty() || !reverifications.isEmpty();
  }

  /**
   * {@return a requirement that holds when this one and {@code other} both hold: nothing replaces
   * anything, so the strictest wins}
   *
   * @param other the other requirement
   */
  public Requirement and(Requirement other) {
    Objects.requireNonNull(other, "other == null");
    if (other.isEmpty()) {
      return this;
    }
    if (isEmpty()) {
      return other;
    }
    return new Requirement(
        denyAll || other.denyAll,
        union(roles, other.roles),
        signIn || other.signIn,
        union(scopes, other.scopes),
        union(reverifications, other.reverifications));
  }

  private static <T> List<T> union(List<T> a, List<T> b) {
    Set<T> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return new ArrayList<>(all);
  }

  /**
   * {@return the decision on a request authenticated as {@code auth}; its roles are those of a
   * {@link ClerkPrincipal} of it}
   *
   * @param auth the request's authentication, or null when none was decided (signed out)
   */
  public AccessDecision decide(@Nullable Auth auth) {
    ClerkPrincipal principal =
        auth != null && auth.isAuthenticated() && auth.principalName() != null
            ? ClerkPrincipal.of(auth)
            : null;
    return decide(auth, principal != null, role -> principal != null && principal.isInRole(role));
  }

  /**
   * {@return the decision on a request authenticated as {@code auth}, whose role rules are answered
   * by another view of the same decision} (JAX-RS asks its {@code SecurityContext}, as the
   * specification says for {@code @RolesAllowed})
   *
   * @param auth the request's authentication, or null when none was decided (signed out)
   * @param hasPrincipal whether that view shows an authenticated principal
   * @param isUserInRole that view's role check
   */
  public AccessDecision decide(
      @Nullable Auth auth, boolean hasPrincipal, Predicate<String> isUserInRole) {
    Objects.requireNonNull(isUserInRole, "isUserInRole == null");
    if (denyAll) {
      return AccessDecision.forbidden(Denial.ACCESS_DENIED);
    }
    if (!needsIdentity()) {
      return AccessDecision.allowed();
    }
    if (!roles.isEmpty()) {
      if (!hasPrincipal) {
        return AccessDecision.signedOut();
      }
      for (List<String> anyOf : roles) {
        if (anyOf.stream().noneMatch(isUserInRole)) {
          return AccessDecision.forbidden(Denial.INSUFFICIENT_ROLE);
        }
      }
    }
    if (!signIn && scopes.isEmpty() && reverifications.isEmpty()) {
      return AccessDecision.allowed();
    }
    if (auth == null || !auth.isAuthenticated()) {
      return AccessDecision.signedOut();
    }
    for (Authorization scope : scopes) {
      if (!auth.has(scope)) {
        return AccessDecision.forbidden(Denial.of(auth, scope));
      }
    }
    for (ReverificationCheck r : reverifications) {
      if (!auth.has(Authorization.reverification(r.reverification()))) {
        return AccessDecision.reverificationRequired(r);
      }
    }
    return AccessDecision.allowed();
  }
}
