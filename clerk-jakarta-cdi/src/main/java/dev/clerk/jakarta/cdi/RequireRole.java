package dev.clerk.jakarta.cdi;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires a role in the active organization, checked with Clerk's {@code has()} ({@link
 * dev.clerk.jakarta.core.auth.Authorization#role}): signed out is refused with {@code 401}, a
 * signed-in caller without it with {@code 403} ({@code insufficient-role}). {@code admin} and
 * {@code org:admin} are the same. Machine tokens never pass: {@code has()} is false for them.
 *
 * <pre>
 * &#64;RequireRole("org:admin")
 * public void deleteOrganization(String id) {}
 * </pre>
 *
 * <p>On a bean class it guards every business method of the bean (and of its subclasses); on a
 * method, that method. On both, both hold: the class's and the method's requirements, of this and
 * of every other Clerk annotation, must all be met (the strictest wins; nothing on a method lifts
 * its class's). Checked before the method runs ({@link ClerkInterceptor}) against the request's
 * {@link dev.clerk.jakarta.core.auth.ClerkAuth}; a refusal is a {@link
 * dev.clerk.jakarta.core.authz.ClerkAccessException}, which {@code ClerkFilter} and {@code
 * ClerkAuthFeature} answer with {@code 401} or {@code 403}. Outside an HTTP request the caller is
 * signed out.
 *
 * @since 0.1
 */
@Documented
@Inherited
@InterceptorBinding
@ClerkSecured
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequireRole {
  /** {@return the role, e.g. {@code org:admin}} */
  @Nonbinding
  String value();
}
