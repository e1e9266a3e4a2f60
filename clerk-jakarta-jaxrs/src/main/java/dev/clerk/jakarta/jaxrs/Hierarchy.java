package dev.clerk.jakarta.jaxrs;

import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where a developer can write an annotation that concerns one invoked method: the method and every
 * method it overrides or implements (JAX-RS annotation inheritance, section 3.6 of the
 * specification), and the class and each of its superclasses and interfaces. Stateless.
 */
final class Hierarchy {
  private Hierarchy() {}

  /**
   * One place annotations are read from: a declaration of the invoked method with its declaring
   * type, or a type of the hierarchy that does not declare it (its class-level annotations only).
   *
   * @param method the declaration, or null for a class-level-only entry
   * @param type the declaring type, or the type whose class-level annotations count
   */
  record Level(@Nullable Method method, Class<?> type) {
    String where() {
      return type.getName() + (method == null ? "" : "#" + method.getName());
    }
  }

  /**
   * {@return every level of {@code method} invoked on an instance of {@code type}: for each type of
   * the hierarchy (the type itself first, then superclasses, then interfaces), the declaration of
   * the method there, or the type alone when it declares none}
   *
   * @param method the invoked method (its declaration anywhere in the hierarchy)
   * @param type the class of the instance it is invoked on
   */
  static List<Level> levels(Method method, Class<?> type) {
    List<Level> levels = new ArrayList<>();
    for (Class<?> t : types(type)) {
      List<Method> declared = declarations(t, method);
      if (declared.isEmpty()) {
        levels.add(new Level(null, t));
      } else {
        for (Method d : declared) {
          levels.add(new Level(d, t));
        }
      }
    }
    return levels;
  }

  /**
   * {@return {@code type}, its superclasses (without {@code Object}) and all its interfaces, each
   * once, nearest first}
   */
  static List<Class<?>> types(Class<?> type) {
    Set<Class<?>> seen = new LinkedHashSet<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      seen.add(c);
    }
    Deque<Class<?>> queue = new ArrayDeque<>(seen);
    while (!queue.isEmpty()) {
      for (Class<?> i : queue.removeFirst().getInterfaces()) {
        if (seen.add(i)) {
          queue.addLast(i);
        }
      }
    }
    return List.copyOf(seen);
  }

  /**
   * The declarations in {@code type} that {@code method} may override or implement: same name, same
   * number of parameters, parameter types related either way (generic parameters erase to a
   * supertype). Over-inclusion only adds requirements, so it errs on the strict side.
   */
  private static List<Method> declarations(Class<?> type, Method method) {
    List<Method> found = new ArrayList<>(1);
    Class<?>[] params = method.getParameterTypes();
    for (Method d : type.getDeclaredMethods()) {
      if (d.getName().equals(method.getName())
          && d.getParameterCount() == params.length
          && !d.isSynthetic()
          && !Modifier.isStatic(d.getModifiers())
          && !Modifier.isPrivate(d.getModifiers())
          && related(d.getParameterTypes(), params)) {
        found.add(d);
      }
    }
    return found;
  }

  private static boolean related(Class<?>[] a, Class<?>[] b) {
    for (int i = 0; i < a.length; i++) {
      if (!a[i].isAssignableFrom(b[i]) && !b[i].isAssignableFrom(a[i])) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@return whether {@code method}, or a declaration it overrides, carries a request method
   * designator ({@code @GET}, {@code @OPTIONS}, …): false for handlers a runtime generates, such as
   * Jersey's automatic {@code OPTIONS} answer}
   */
  static boolean isDesignated(Method method, Class<?> type) {
    for (Level level : levels(method, type)) {
      if (level.method() != null && designator(level.method()) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@return the public methods of {@code type} that are sub-resource locators: {@code @Path} and
   * no request method designator on the method or a declaration it overrides}
   */
  static List<Method> locators(Class<?> type) {
    List<Method> locators = new ArrayList<>();
    for (Method m : type.getMethods()) {
      if (m.isSynthetic()
          || Modifier.isStatic(m.getModifiers())
          || m.getDeclaringClass() == Object.class) {
        continue;
      }
      boolean path = false;
      boolean designated = false;
      for (Level level : levels(m, type)) {
        Method d = level.method();
        if (d != null) {
          path |= d.isAnnotationPresent(Path.class);
          designated |= designator(d) != null;
        }
      }
      if (path && !designated) {
        locators.add(m);
      }
    }
    return locators;
  }

  /**
   * {@return the {@code @Path} value of {@code method} or of the declaration it inherits it from}
   */
  static @Nullable String path(Method method, Class<?> type) {
    for (Level level : levels(method, type)) {
      Method d = level.method();
      Path p = d == null ? null : d.getAnnotation(Path.class);
      if (p != null) {
        return p.value();
      }
    }
    return null;
  }

  private static @Nullable Annotation designator(Method m) {
    for (Annotation a : m.getAnnotations()) {
      if (a.annotationType().isAnnotationPresent(HttpMethod.class)) {
        return a;
      }
    }
    return null;
  }
}
