package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.auth.Authorization;
import dev.clerk.jakarta.core.auth.Reverification;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What a resource method requires, read once from its annotations and its class's.
 *
 * <p>JSR-250 as the specification says: an annotation on the method replaces the class's; {@code
 * @DenyAll} wins over {@code @RolesAllowed}, which wins over {@code @PermitAll}. Clerk's
 * annotations: each kind on the method replaces the same kind on the class, different kinds must
 * all hold; {@code @PermitAll} on the method drops every class-level requirement. Immutable.
 *
 * @param denyAll {@code @DenyAll}
 * @param roles {@code @RolesAllowed} roles (any one suffices), or null
 * @param signIn authentication required
 * @param scope role/permission/feature/plan check, or null
 * @param reverification reverification check, or null
 * @param reverificationHint what Clerk's 403 body names: a preset's name or the level and minutes
 */
record Requirement(
    boolean denyAll,
    @Nullable List<String> roles,
    boolean signIn,
    @Nullable Authorization scope,
    @Nullable Reverification reverification,
    @Nullable Object reverificationHint) {

  static final Requirement NONE = new Requirement(false, null, false, null, null, null);

  boolean isEmpty() {
    return !denyAll && roles == null && !signIn && scope == null && reverification == null;
  }

  /**
   * {@return the requirement of {@code method} declared in {@code resourceClass}}
   *
   * @throws IllegalArgumentException naming the method when an annotation value is invalid
   */
  static Requirement of(Method method, Class<?> resourceClass) {
    String where = resourceClass.getName() + "#" + method.getName();
    boolean methodPermitAll = method.isAnnotationPresent(PermitAll.class);
    AnnotatedElement classLevel = methodPermitAll ? NoAnnotations.INSTANCE : resourceClass;

    // JSR-250
    boolean denyAll;
    List<String> roles = null;
    AnnotatedElement jsr250 = hasJsr250(method) ? method : classLevel;
    denyAll = jsr250.isAnnotationPresent(DenyAll.class);
    RolesAllowed rolesAllowed = jsr250.getAnnotation(RolesAllowed.class);
    if (!denyAll && rolesAllowed != null) {
      roles = List.of(rolesAllowed.value());
    }

    boolean signIn =
        method.isAnnotationPresent(RequireSignIn.class) || classLevel.isAnnotationPresent(RequireSignIn.class);

    Authorization scope = null;
    RequireRole role = find(RequireRole.class, method, classLevel);
    if (role != null) {
      scope = and(scope, Authorization.role(nonBlank(role.value(), "@RequireRole", where)));
    }
    RequirePermission permission = find(RequirePermission.class, method, classLevel);
    if (permission != null) {
      scope =
          and(scope, Authorization.permission(nonBlank(permission.value(), "@RequirePermission", where)));
    }
    RequireFeature feature = find(RequireFeature.class, method, classLevel);
    if (feature != null) {
      scope = and(scope, Authorization.feature(nonBlank(feature.value(), "@RequireFeature", where)));
    }
    RequirePlan plan = find(RequirePlan.class, method, classLevel);
    if (plan != null) {
      scope = and(scope, Authorization.plan(nonBlank(plan.value(), "@RequirePlan", where)));
    }

    Reverification reverification = null;
    Object hint = null;
    RequireReverification rv = find(RequireReverification.class, method, classLevel);
    if (rv != null) {
      String preset = rv.value().trim();
      if (!preset.isEmpty() || rv.afterMinutes() == 0) {
        if (rv.afterMinutes() != 0) {
          throw new IllegalArgumentException(
              "@RequireReverification on " + where + ": give a preset or afterMinutes, not both");
        }
        String name = preset.isEmpty() ? "strict" : preset.toLowerCase(Locale.ROOT);
        reverification = Reverification.preset(name);
        if (reverification == null) {
          throw new IllegalArgumentException(
              "@RequireReverification on "
                  + where
                  + ": unknown preset \""
                  + preset
                  + "\" (expected strict_mfa, strict, moderate or lax)");
        }
        hint = name;
      } else {
        if (rv.afterMinutes() < 0) {
          throw new IllegalArgumentException(
              "@RequireReverification on " + where + ": afterMinutes must be positive, got " + rv.afterMinutes());
        }
        reverification = new Reverification(rv.level(), rv.afterMinutes());
        hint = reverification;
      }
    }
    return new Requirement(denyAll, roles, signIn, scope, reverification, hint);
  }

  private static boolean hasJsr250(AnnotatedElement e) {
    return e.isAnnotationPresent(DenyAll.class)
        || e.isAnnotationPresent(RolesAllowed.class)
        || e.isAnnotationPresent(PermitAll.class);
  }

  private static <A extends Annotation> @Nullable A find(
      Class<A> type, Method method, AnnotatedElement classLevel) {
    A onMethod = method.getAnnotation(type);
    return onMethod != null ? onMethod : classLevel.getAnnotation(type);
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

  /** Stands for the class level when {@code @PermitAll} on the method drops it. */
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
