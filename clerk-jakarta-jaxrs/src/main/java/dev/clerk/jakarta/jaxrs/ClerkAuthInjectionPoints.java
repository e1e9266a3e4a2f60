package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.auth.ClerkAuth;
import jakarta.ws.rs.core.Context;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import org.jspecify.annotations.Nullable;

/**
 * Finds where a resource asks for {@code @Context ClerkAuth}: a parameter of the resource method
 * (or of a declaration it overrides), of a sub-resource locator of its class or of a constructor; a
 * field of the class or a superclass; a {@code @Context} setter. Used where the runtime has no hook
 * to inject it, so that such a resource fails its deployment instead of seeing null. Stateless.
 */
final class ClerkAuthInjectionPoints {
  private ClerkAuthInjectionPoints() {}

  /**
   * {@return the first place, described, where {@code method} invoked on {@code type} or its class
   * takes {@code @Context ClerkAuth}; null when none does}
   *
   * @param method the resource method
   * @param type the resource class
   */
  static @Nullable String find(Method method, Class<?> type) {
    String found = inMethod(method, type);
    if (found != null) {
      return found;
    }
    for (Method locator : Hierarchy.locators(type)) {
      found = inMethod(locator, type);
      if (found != null) {
        return found;
      }
    }
    for (Constructor<?> constructor : type.getDeclaredConstructors()) {
      found = inParameters(constructor, type.getName() + " constructor");
      if (found != null) {
        return found;
      }
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getType() == ClerkAuth.class && f.isAnnotationPresent(Context.class)) {
          return "field " + c.getName() + "#" + f.getName();
        }
      }
    }
    for (Method m : type.getMethods()) {
      if (m.isAnnotationPresent(Context.class)
          && m.getParameterCount() == 1
          && m.getParameterTypes()[0] == ClerkAuth.class) {
        return "setter " + m.getDeclaringClass().getName() + "#" + m.getName();
      }
    }
    return null;
  }

  private static @Nullable String inMethod(Method method, Class<?> type) {
    for (Hierarchy.Level level : Hierarchy.levels(method, type)) {
      Method declaration = level.method();
      if (declaration != null) {
        String found = inParameters(declaration, level.where());
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static @Nullable String inParameters(Executable executable, String where) {
    Parameter[] parameters = executable.getParameters();
    for (int i = 0; i < parameters.length; i++) {
      if (parameters[i].getType() == ClerkAuth.class
          && parameters[i].isAnnotationPresent(Context.class)) {
        return where + " parameter " + (i + 1);
      }
    }
    return null;
  }
}
