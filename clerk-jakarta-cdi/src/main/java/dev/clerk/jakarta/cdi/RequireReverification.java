package dev.clerk.jakarta.cdi;

import dev.clerk.jakarta.core.auth.Reverification;
import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires that the session's factors were verified recently (Clerk's reverification), checked with
 * {@code has({reverification})}: signed out is refused with {@code 401}; a session that must
 * reverify with {@code 403} and Clerk's body {@code
 * {"clerk_error":{"type":"forbidden","reason":"reverification-error",…}}}, which Clerk's front-end
 * {@code useReverification()} recognises.
 *
 * <p>Either a preset by name ({@code strict_mfa}, {@code strict}, {@code moderate}, {@code lax}),
 * or a {@link #level()} with {@link #afterMinutes()}; without either, {@code strict}. An unknown
 * preset, or a preset together with {@code afterMinutes}, refuses every call with an {@link
 * IllegalStateException} naming the method.
 *
 * <pre>
 * &#64;RequireReverification("strict")
 * public void transfer(Money amount) {}
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
public @interface RequireReverification {
  /** {@return a preset name; empty for {@link #level()} and {@link #afterMinutes()}} */
  @Nonbinding
  String value() default "";

  /** {@return which factors must be fresh, with {@link #afterMinutes()}} */
  @Nonbinding
  Reverification.Level level() default Reverification.Level.SECOND_FACTOR;

  /** {@return the most minutes since verification, positive; 0 with a preset} */
  @Nonbinding
  int afterMinutes() default 0;
}
