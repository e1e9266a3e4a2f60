package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.auth.Reverification;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires that the session's factors were verified recently (Clerk's reverification), checked with
 * {@code has({reverification})}: signed out answers {@code 401}; a session that must reverify gets
 * {@code 403} with Clerk's body {@code
 * {"clerk_error":{"type":"forbidden","reason":"reverification-error","metadata":{"reverification":…}}}},
 * which Clerk's front-end {@code useReverification()} recognises to prompt the user and retry.
 *
 * <p>Either a preset by name ({@code strict_mfa}, {@code strict}, {@code moderate}, {@code lax}),
 * or a {@link #level()} with {@link #afterMinutes()}; without either, {@code strict}. An unknown
 * preset, or a preset together with {@code afterMinutes}, fails at deployment.
 *
 * <pre>
 * &#64;POST
 * &#64;RequireReverification("strict")
 * public void transfer() {}
 *
 * &#64;DELETE
 * &#64;RequireReverification(level = Reverification.Level.MULTI_FACTOR, afterMinutes = 5)
 * public void close() {}
 * </pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequireReverification {
  /** {@return a preset name; empty for {@link #level()} and {@link #afterMinutes()}} */
  String value() default "";

  /** {@return which factors must be fresh, with {@link #afterMinutes()}} */
  Reverification.Level level() default Reverification.Level.SECOND_FACTOR;

  /** {@return the most minutes since verification, positive; 0 with a preset} */
  int afterMinutes() default 0;
}
