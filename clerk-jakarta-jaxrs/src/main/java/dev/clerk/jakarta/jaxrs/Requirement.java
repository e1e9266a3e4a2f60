package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.auth.Authorization;
import dev.clerk.jakarta.core.auth.Reverification;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an invoked method requires, read once from the annotations of its {@link Hierarchy levels}.
 *
 * <p>Within one level (a declaration of the method and its declaring type), JSR-250 as the
 * specification says: an annotation on the method replaces the type's; {@code @DenyAll} wins over
 * {@code @RolesAllowed}, which wins over {@code @PermitAll}. Clerk's annotations: each kind on the
 * method replaces the same kind on the type, different kinds must all hold; {@code @PermitAll} on
 * the method lifts every requirement of its own declaring type. Across levels (other declarations
 * in superclasses and interfaces, other types of the hierarchy, and every locator of the path, see
 * {@link LocatorChain}) nothing replaces anything: every requirement holds, so the strictest wins and
 * no annotation is ignored. Immutable.
 *
 * @param denyAll {@code @DenyAll}
 * @param roles one entry per {@code @RolesAllowed}: any one role of each entry suffices, every
 *     entry must be satisfied
 * @param signIn authentication required
 * @param scopes role/permission/feature/plan checks, all of which must pass
 * @param reverifications reverification checks, all of which must pass
 */
record Requirement(
    boolean denyAll,
    List<List<String>> roles,
    boolean signIn,
    List<Authorization> scopes,
    List<Reverify> reverifications) {

  static final Requirement NONE = new Requirement(false, List.of(), false, List.of(), List.of());

  /**
   * A reverification check and what Clerk's 403 body names.
   *
   * @param reverification the check
   * @param hint a preset's name, or the {@link Reverification} itself
   */
  record Reverify(Reverification reverification, Object hint) {}

  Requirement {
    roles = List.copyOf(roles);
    scopes = List.copyOf(scopes);
    reverifications = List.copyOf(reverifications);
  }

  boolean isEmpty() {
    return !denyAll && roles.isEmpty() && !signIn && scopes.isEmpty() && reverifications.isEmpty();
  }

  /** {@return whether anything but {@code @DenyAll} needs an authenticated request} */
  boolean needsIdentity() {
    return !roles.isEmpty() || signIn || !scopes.isEmpty() || !reverifications.isEmpty();
  }

  /** {@return a requirement that holds when this one and {@code other} both hold} */
  Requirement and(Requirement other) {
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
   * {@return the requirement of {@code method} invoked on an instance of {@code type}: every level of
   * its hierarchy}
   *
   * @throws IllegalArgumentException naming the method when an annotation value is invalid
   */
  static Requirement of(Method method, Class<?> type) {
    Requirement r = NONE;
    for (Hierarchy.Level level : Hierarchy.levels(method, type)) {
      r = r.and(of(level));
    }
    return r;
  }

  /**
   * {@return the requirement of one level}
   *
   * @throws IllegalArgumentException naming the level when an annotation value is invalid
   */
  static Requirement of(Hierarchy.Level level) {
    String where = level.where();
    Method method = level.method();
    AnnotatedElement onMethod = method == null ? NoAnnotations.INSTANCE : method;
    AnnotatedElement onType =
        onMethod.isAnnotationPresent(PermitAll.class) ? NoAnnotations.INSTANCE : new Declared(level.type());

    // JSR-250
    AnnotatedElement jsr250 = hasJsr250(onMethod) ? onMethod : onType;
    boolean denyAll = jsr250.isAnnotationPresent(DenyAll.class);
    RolesAllowed rolesAllowed = jsr250.getAnnotation(RolesAllowed.class);
    List<List<String>> roles =
        !denyAll && rolesAllowed != null ? List.of(List.of(rolesAllowed.value())) : List.of();

    boolean signIn =
        onMethod.isAnnotationPresent(RequireSignIn.class) || onType.isAnnotationPresent(RequireSignIn.class);

    Authorization scope = null;
    RequireRole role = find(RequireRole.class, onMethod, onType);
    if (role != null) {
      scope = and(scope, Authorization.role(nonBlank(role.value(), "@RequireRole", where)));
    }
    RequirePermission permission = find(RequirePermission.class, onMethod, onType);
    if (permission != null) {
      scope =
          and(scope, Authorization.permission(nonBlank(permission.value(), "@RequirePermission", where)));
    }
    RequireFeature feature = find(RequireFeature.class, onMethod, onType);
    if (feature != null) {
      scope = and(scope, Authorization.feature(nonBlank(feature.value(), "@RequireFeature", where)));
    }
    RequirePlan plan = find(RequirePlan.class, onMethod, onType);
    if (plan != null) {
      scope = and(scope, Authorization.plan(nonBlank(plan.value(), "@RequirePlan", where)));
    }
    RequireReverification rv = find(RequireReverification.class, onMethod, onType);
    List<Reverify> reverifications = rv == null ? List.of() : List.of(reverify(rv, where));
    return new Requirement(
        denyAll, roles, signIn, scope == null ? List.of() : List.of(scope), reverifications);
  }

  private static Reverify reverify(RequireReverification rv, String where) {
    String preset = rv.value().trim();
    if (!preset.isEmpty() || rv.afterMinutes() == 0) {
      if (rv.afterMinutes() != 0) {
        throw new IllegalArgumentException(
            "@RequireReverification on " + where + ": give a preset or afterMinutes, not both");
      }
      String name = preset.isEmpty() ? "strict" : preset.toLowerCase(Locale.ROOT);
      Reverification reverification = Reverification.preset(name);
      if (reverification == null) {
        throw new IllegalArgumentException(
            "@RequireReverification on "
                + where
                + ": unknown preset \""
                + preset
                + "\" (expected strict_mfa, strict, moderate or lax)");
      }
      return new Reverify(reverification, name);
    }
    if (rv.afterMinutes() < 0) {
      throw new IllegalArgumentException(
          "@RequireReverification on " + where + ": afterMinutes must be positive, got " + rv.afterMinutes());
    }
    Reverification reverification = new Reverification(rv.level(), rv.afterMinutes());
    return new Reverify(reverification, reverification);
  }

  private static boolean hasJsr250(AnnotatedElement e) {
    return e.isAnnotationPresent(DenyAll.class)
        || e.isAnnotationPresent(RolesAllowed.class)
        || e.isAnnotationPresent(PermitAll.class);
  }

  private static <A extends Annotation> @Nullable A find(
      Class<A> type, AnnotatedElement onMethod, AnnotatedElement onType) {
    A a = onMethod.getAnnotation(type);
    return a != null ? a : onType.getAnnotation(type);
  }

  private static Authorization and(@Nullable Authorization a, Authorization b) {
    return a == null ? b : a.and(b);
  }

  private static String nonBlank(String value, String annotation, String where) {
    if (value.isBlank()) {
      throw new IllegalArgumentException(annotation + " on " + where + " has a blank value");
    }
    return value.trim();
  }

  /**
   * A type's own annotations: every type of the hierarchy is a level of its own, so an inherited
   * ({@code @Inherited}) annotation is read where it is written, once.
   */
  private record Declared(Class<?> type) implements AnnotatedElement {
    @Override
    public <T extends Annotation> @Nullable T getAnnotation(Class<T> annotationClass) {
      return type.getDeclaredAnnotation(annotationClass);
    }

    @Override
    public Annotation[] getAnnotations() {
      return type.getDeclaredAnnotations();
    }

    @Override
    public Annotation[] getDeclaredAnnotations() {
      return type.getDeclaredAnnotations();
    }
  }

  /** Stands for a level without a method, or for the type when {@code @PermitAll} lifts it. */
  private enum NoAnnotations implements AnnotatedElement {
    INSTANCE;

    @Override
    public <T extends Annotation> @Nullable T getAnnotation(Class<T> annotationClass) {
      return null;
    }

    @Override
    public Annotation[] getAnnotations() {
      return new Annotation[0];
    }

    @Override
    public Annotation[] getDeclaredAnnotations() {
      return new Annotation[0];
    }
  }
}
