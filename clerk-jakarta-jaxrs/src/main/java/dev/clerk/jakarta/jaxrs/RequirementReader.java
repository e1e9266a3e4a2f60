package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.auth.Authorization;
import dev.clerk.jakarta.core.authz.Requirement;
import dev.clerk.jakarta.core.authz.ReverificationCheck;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads what an invoked method requires from the annotations of its {@link Hierarchy levels} into
 * core's {@link Requirement}, whose {@link Requirement#decide} says what they mean (the CDI
 * interceptors share it).
 *
 * <p>Within one level (a declaration of the method and its declaring type), JSR-250 as the
 * specification says: an annotation on the method replaces the type's; {@code @DenyAll} wins over
 * {@code @RolesAllowed}, which wins over {@code @PermitAll}. Clerk's annotations: each kind on the
 * method replaces the same kind on the type, different kinds must all hold; {@code @PermitAll} on
 * the method lifts every requirement of its own declaring type. Across levels (other declarations
 * in superclasses and interfaces, other types of the hierarchy, and every locator of the path, see
 * {@link LocatorChain}) nothing replaces anything: every requirement holds ({@link
 * Requirement#and}), so the strictest wins and no annotation is ignored. Stateless.
 */
final class RequirementReader {
  private RequirementReader() {}

  /**
   * {@return the requirement of {@code method} invoked on an instance of {@code type}: every level
   * of its hierarchy}
   *
   * @throws IllegalArgumentException naming the method when an annotation value is invalid
   */
  static Requirement of(Method method, Class<?> type) {
    Requirement r = Requirement.NONE;
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
        onMethod.isAnnotationPresent(PermitAll.class)
            ? NoAnnotations.INSTANCE
            : new Declared(level.type());

    // JSR-250
    AnnotatedElement jsr250 = hasJsr250(onMethod) ? onMethod : onType;
    boolean denyAll = jsr250.isAnnotationPresent(DenyAll.class);
    RolesAllowed rolesAllowed = jsr250.getAnnotation(RolesAllowed.class);
    List<List<String>> roles =
        !denyAll && rolesAllowed != null ? List.of(List.of(rolesAllowed.value())) : List.of();

    boolean signIn =
        onMethod.isAnnotationPresent(RequireSignIn.class)
            || onType.isAnnotationPresent(RequireSignIn.class);

    Authorization scope = null;
    RequireRole role = find(RequireRole.class, onMethod, onType);
    if (role != null) {
      scope = and(scope, Authorization.role(nonBlank(role.value(), "@RequireRole", where)));
    }
    RequirePermission permission = find(RequirePermission.class, onMethod, onType);
    if (permission != null) {
      scope =
          and(
              scope,
              Authorization.permission(nonBlank(permission.value(), "@RequirePermission", where)));
    }
    RequireFeature feature = find(RequireFeature.class, onMethod, onType);
    if (feature != null) {
      scope =
          and(scope, Authorization.feature(nonBlank(feature.value(), "@RequireFeature", where)));
    }
    RequirePlan plan = find(RequirePlan.class, onMethod, onType);
    if (plan != null) {
      scope = and(scope, Authorization.plan(nonBlank(plan.value(), "@RequirePlan", where)));
    }
    RequireReverification rv = find(RequireReverification.class, onMethod, onType);
    List<ReverificationCheck> reverifications =
        rv == null ? List.of() : List.of(reverify(rv, where));
    return new Requirement(
        denyAll, roles, signIn, scope == null ? List.of() : List.of(scope), reverifications);
  }

  private static ReverificationCheck reverify(RequireReverification rv, String where) {
    try {
      return ReverificationCheck.of(rv.value(), rv.level(), rv.afterMinutes());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "@RequireReverification on " + where + ": " + e.getMessage(), e);
    }
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
