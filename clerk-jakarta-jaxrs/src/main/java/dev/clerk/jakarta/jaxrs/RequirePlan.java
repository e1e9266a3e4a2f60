package dev.clerk.jakarta.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires a billing plan, checked with Clerk's {@code has()} ({@link
 * dev.clerk.jakarta.core.auth.Authorization#plan}): signed out answers {@code 401}, a signed-in
 * request without it {@code 403} with {@code WWW-Authenticate: Bearer error="insufficient_scope"}.
 * {@code user:}/{@code u:} and {@code org:}/{@code o:} scope the plan; a bare name matches either.
 * Machine tokens never pass: {@code has()} is false for them.
 *
 * <p>On a class it applies to every resource method, and to every sub-resource reached through the
 * class's locators; on a locator, to everything below it; on a method it replaces its own class's
 * {@code @RequirePlan}. Written on an interface or a superclass (on the type or on a method the
 * resource implements) it applies as well. Different requirements on a method and its class, and
 * every requirement of every level of a path, must all hold (see {@link ClerkAuthFeature}).
 *
 * <pre>
 * &#64;GET
 * &#64;RequirePlan("pro")
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
public @interface RequirePlan {
  /** {@return the plan, e.g. {@code org:pro}} */
  String value();
}
