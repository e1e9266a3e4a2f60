package dev.clerk.jakarta.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires a role in the active organization, checked with Clerk's {@code has()} ({@link
 * dev.clerk.jakarta.core.auth.Authorization#role}): signed out answers {@code 401}, a signed-in
 * request without it {@code 403} with {@code WWW-Authenticate: Bearer error="insufficient_scope"}.
 * {@code admin} and {@code org:admin} are the same. Machine tokens never pass: {@code has()} is
 * false for them.
 *
 * <p>On a class it applies to every resource method, and to every sub-resource reached through the
 * class's locators; on a locator, to everything below it; on a method it replaces its own class's
 * {@code @RequireRole}. Written on an interface or a superclass (on the type or on a method the
 * resource implements) it applies as well. Different requirements on a method and its class, and
 * every requirement of every level of a path, must all hold (see {@link ClerkAuthFeature}).
 *
 * <pre>
 * &#64;GET
 * &#64;RequireRole("org:admin")
 * public String get() {
 *   return "ok";
 * }
 * </pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequireRole {
  /** {@return the role, e.g. {@code org:admin}} */
  String value();
}
