package dev.clerk.jakarta.core.request;

import org.jspecify.annotations.Nullable;

/**
 * The one definition of a CORS preflight that the servlet filter and the JAX-RS filter let through
 * untouched (Fetch standard: method {@code OPTIONS}, with {@code Origin} and {@code
 * Access-Control-Request-Method}). Anything less is an ordinary request and is authenticated and
 * protected like any other: an {@code OPTIONS} without those headers, or with a method name in
 * another case (methods are case-sensitive, RFC 9110 §9.1), never bypasses a rule.
 *
 * <p>Public so that every adapter (and an application's own filter) decides the same way.
 * Thread-safe (stateless).
 *
 * @since 0.1
 */
public final class CorsPreflight {
  private CorsPreflight() {}

  /**
   * {@return whether the request is a CORS preflight}
   *
   * @param method the request method as received
   * @param origin the {@code Origin} header, or null
   * @param requestMethod the {@code Access-Control-Request-Method} header, or null
   */
  public static boolean is(
      @Nullable String method, @Nullable String origin, @Nullable String requestMethod) {
    return "OPTIONS".equals(method)
        && origin != null
        && !origin.isBlank()
        && requestMethod != null
        && !requestMethod.isBlank();
  }
}
