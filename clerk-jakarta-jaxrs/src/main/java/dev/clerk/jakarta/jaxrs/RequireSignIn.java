package dev.clerk.jakarta.jaxrs;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires an authenticated request: a signed-in user session, or a machine token the resource
 * accepts (see {@link AcceptsToken}). Otherwise {@code 401} with {@code WWW-Authenticate: Bearer}
 * ({@code error="invalid_token"} when a token was presented but refused), or {@code 503} when Clerk
 * could not be reached to check the token.
 *
 * <p>On a class it applies to every resource method of the class and to every sub-resource reached
 * through its locators; on a locator, to everything below it. Written on an interface or a
 * superclass it applies as well; a {@code @PermitAll} on a method lifts only its own class's.
 *
 * <pre>
 * &#64;Path("me")
 * &#64;RequireSignIn
 * public class MeResource {
 *   &#64;GET
 *   public String me(&#64;Context ClerkAuth auth) {
 *     return auth.userId().orElseThrow();
 *   }
 * }
 * </pre>
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequireSignIn {}
