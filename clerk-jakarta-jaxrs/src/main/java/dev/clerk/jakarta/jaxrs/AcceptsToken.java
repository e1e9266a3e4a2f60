package dev.clerk.jakarta.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Which token types a resource accepts, instead of the application's {@code accepts-token} setting
 * ({@link dev.clerk.jakarta.core.ClerkOptions#acceptsToken()}): Clerk's {@code acceptsToken}. A
 * method's annotation replaces its class's. On a class or a sub-resource locator it also applies to
 * the sub-resources reached through it; where several levels of a path name types (an enclosing
 * class or locator, an interface, a superclass, the method), only the types all of them accept
 * remain, so a sub-resource cannot widen what an enclosing level allows. Levels with no type in
 * common fail the deployment when they belong to one method's hierarchy, and sign the request out
 * ({@code token-type-mismatch}) when they meet on a path.
 *
 * <ul>
 *   <li>{@code @AcceptsToken("api_key")}: exactly one type; a machine type must come in the {@code
 *       Authorization} header.
 *   <li>{@code @AcceptsToken({"session_token", "api_key"})}: a list; a token of another type is
 *       signed out with {@code token-type-mismatch}.
 *   <li>{@code @AcceptsToken("any")}: every type.
 * </ul>
 *
 * <p>Such a method's requests are authenticated a second time, after its resource was created, and
 * that decision replaces the first everywhere: {@code @Context ClerkAuth}, the {@code
 * SecurityContext} (no principal when signed out, even when the servlet filter in front signed a
 * session in) and, on Jersey and RESTEasy, {@code @Context HttpServletRequest}. Take
 * {@code @Context ClerkAuth} as a method parameter there, not as a field (a field holds the
 * application-level result). A machine type is only read from the {@code Authorization} header,
 * never from a cookie.
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
