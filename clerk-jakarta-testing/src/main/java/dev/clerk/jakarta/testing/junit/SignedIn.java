package dev.clerk.jakarta.testing.junit;

import dev.clerk.jakarta.testing.FakeCredential;
import dev.clerk.jakarta.testing.FakeTokens;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The identity a test acts as: a session token of a user, with an active organization, role and
 * permissions if given, minted by the test's FakeClerk when the test starts and handed to it as a
 * {@link FakeCredential} parameter (its {@code authorizationHeader()} for an API call, its {@code
 * cookieHeader()} for a browser's page request). On a class, it applies to every test without one
 * of its own. Needs {@link FakeClerkTest} or a registered {@link FakeClerkExtension}.
 *
 * <pre>
 * &#64;Test
 * &#64;SignedIn(user = "user_1", org = "org_1", role = "org:admin", permissions = {"org:invoices:read"})
 * void adminWhenAdminThen200(FakeCredential alice) throws Exception {
 *   HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", alice.authorizationHeader()).build();
 * }
 * </pre>
 *
 * <p>Other identities (expired or not-yet-valid tokens, API keys, M2M and OAuth tokens): {@link
 * FakeTokens}.
 *
 * @since 0.1
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface SignedIn {
  /** Which session-token claims carry the organization. */
  enum Claims {
    /** {@code v: 2} with {@code o} and {@code fea}, as Clerk issues session tokens today. */
    V2,
    /** {@code org_id}, {@code org_slug}, {@code org_role}, {@code org_permissions}. */
    V1
  }

  /** {@return the user id ({@code sub})} */
  String user() default "user_test";

  /** {@return the active organization's id, or empty for none} */
  String org() default "";

  /** {@return the role in {@link #org()}} */
  String role() default "org:member";

  /** {@return the permissions in {@link #org()}, each {@code org:<feature>:<permission>}} */
  String[] permissions() default {};

  /** {@return the claims version; default v2} */
  Claims claims() default Claims.V2;
}
