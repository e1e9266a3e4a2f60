package dev.clerk.jakarta.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Which token types a resource accepts, instead of the application's {@code accepts-token}
 * setting ({@link dev.clerk.jakarta.core.ClerkOptions#acceptsToken()}): Clerk's {@code
 * acceptsToken}. A method's annotation replaces its class's.
 *
 * <ul>
 *   <li>{@code @AcceptsToken("api_key")}: exactly one type; a machine type must come in the {@code
 *       Authorization} header.
 *   <li>{@code @AcceptsToken({"session_token", "api_key"})}: a list; a token of another type is
 *       signed out with {@code token-type-mismatch}.
 *   <li>{@code @AcceptsToken("any")}: every type.
 * </ul>
 *
 * <p>Such a method's requests are authenticated a second time, after its resource was created:
 * take {@code @Context ClerkAuth} as a method parameter there, not as a field (a field holds the
 * application-level result).
 *
 * <p>Types are {@code session_token}, {@code api_key}, {@code m2m_token}, {@code oauth_token}. An
 * unknown name fails at deployment. Combine with {@link RequireSignIn} to refuse anonymous calls.
 *
 * <pre>
 * &#64;POST
 * &#64;Path("jobs")
 * &#64;AcceptsToken({"api_key", "m2m_token"})
 * &#64;RequireSignIn
 * public String enqueue(&#64;Context ClerkAuth auth) {
 *   return auth.machine().orElseThrow().subject();
 * }
 * </pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface AcceptsToken {
  /** {@return one type, {@code any}, or several types} */
  String[] value();
}
