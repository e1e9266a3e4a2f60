package dev.clerk.jakarta.jaxrs;

import jakarta.servlet.ServletContext;
import org.jspecify.annotations.Nullable;

/** The only class that names a servlet type; loaded only when the Servlet API is present. */
final class ServletSupport {
  private ServletSupport() {}

  static Class<?> servletContextClass() {
    return ServletContext.class;
  }

  static @Nullable Object attribute(Object servletContext, String name) {
    return servletContext instanceof ServletContext sc ? sc.getAttribute(name) : null;
  }

  /** Removes the attribute if it still holds {@code value}. */
  static void removeIfSame(Object servletContext, String name, Object value) {
    if (servletContext instanceof ServletContext sc) {
      synchronized (sc) {
        if (sc.getAttribute(name) == value) {
          sc.removeAttribute(name);
        }
      }
    }
  }

  /** Sets the attribute unless it is set; returns the value now in place. */
  static @Nullable Object setIfAbsent(Object servletContext, String name, Object value) {
    if (!(servletContext instanceof ServletContext sc)) {
      return null;
    }
    synchronized (sc) {
      Object existing = sc.getAttribute(name);
      if (existing != null) {
        return existing;
      }
      sc.setAttribute(name, value);
      return value;
    }
  }
}
