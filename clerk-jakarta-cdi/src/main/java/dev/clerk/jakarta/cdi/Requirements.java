package dev.clerk.jakarta.cdi;

import dev.clerk.jakarta.core.auth.Authorization;
import dev.clerk.jakarta.core.authz.Requirement;
import dev.clerk.jakarta.core.authz.ReverificationCheck;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;

/**
 * Reads the Clerk annotations of a bean method and its class hierarchy into core's {@link
 * Requirement}: the method's own, and those declared on the bean class and each superclass; all
 * hold ({@link Requirement#and}), nothing replaces anything. Stateless.
 */
final class Requirements {
  private Requirements() {}

  /**
   * {@return the requirement of {@code method} invoked on an instance of {@code type}}
   *
   * @throws IllegalStateException naming the method when an annotation value is invalid
   */
  static Requirement of(Method method, Class<?> type) {
    String where = method.getDeclaringClass().getName() + "#" + method.getName();
    Requirement r = read(method, where);
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      r = r.and(read(c, where));
    }
    return r;
  }

  private static Requirement read(AnnotatedElement e, String where) {
    Requirement r = Requirement.NONE;
    if (e.getDeclaredAnnotation(RequireSignIn.class) != null) {
      r = r.and(Requirement.signedIn());
    }
    RequireRole role = e.getDeclaredAnnotation(RequireRole.class);
    if (role != null) {
      r =
          r.and(
              Requirement.scope(Authorization.role(nonBlank(role.value(), "@RequireRole", where))));
    }
    RequirePermission permission = e.getDeclaredAnnotation(RequirePermission.class);
    if (permission != null) {
      r =
          r.and(
              Requirement.scope(
                  Authorization.permission(
                      nonBlank(permission.value(), "@RequirePermission", where))));
    }
    RequireFeature feature = e.getDeclaredAnnotation(RequireFeature.class);
    if (feature != null) {
      r =
          r.and(
              Requirement.scope(
                  Authorization.feature(nonBlank(feature.value(), "@RequireFeature", where))));
    }
    RequirePlan plan = e.getDeclaredAnnotation(RequirePlan.class);
    if (plan != null) {
      r =
          r.and(
              Requirement.scope(Authorization.plan(nonBlank(plan.value(), "@RequirePlan", where))));
    }
    RequireReverification rv = e.getDeclaredAnnotation(RequireReverification.class);
    if (rv != null) {
      try {
        r =
            r.and(
                Requirement.reverification(
                    ReverificationCheck.of(rv.value(), rv.level(), rv.afterMinutes())));
      } catch (IllegalArgumentException x) {
        throw new IllegalStateException(
            "@RequireReverification on " + where + ": " + x.getMessage(), x);
      }
    }
    return r;
  }

  private static String nonBlank(String value, String annotation, String where) {
    if (value.isBlank()) {
      throw new IllegalStateException(annotation + " on " + where + " has a blank value");
    }
    return value.trim();
  }
}
