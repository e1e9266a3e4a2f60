package dev.clerk.jakarta.testing.junit;

import dev.clerk.jakarta.testing.FakeClerk;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class against a {@link FakeClerk}: started before the first test of the class
 * (or before each test, {@link #lifecycle()}), closed after, injected into every non-final field of
 * type {@code FakeClerk} and into parameters of type {@code FakeClerk}, {@code FakeClerkSettings},
 * {@code FakeTokens} and {@code FakeFrontendApi}; a test annotated {@link SignedIn} also gets a
 * {@code FakeCredential} parameter. Between tests its faults, recorded requests and clock are
 * reset. The programmatic twin is a {@link FakeClerkExtension} field with
 * {@code @RegisterExtension}.
 *
 * <pre>
 * &#64;FakeClerkTest(systemProperties = true) // clerk.secretKey … set for the class, then restored
 * class InvoicesTest {
 *   FakeClerk fake;
 *
 *   &#64;Test
 *   &#64;SignedIn(user = "user_1", org = "org_1", role = "org:admin", permissions = "org:invoices:read")
 *   void listWhenAdminThen200(FakeCredential alice) throws Exception {
 *     // call the endpoint with "Authorization: " + alice.authorizationHeader()
 *   }
 *
 *   &#64;Test
 *   void listWhenJwksDownThen503() {
 *     fake.failAlways("/v1/jwks", Fault.status(503)); // cleared after this test
 *   }
 * }
 * </pre>
 *
 * <p>Tests that change system properties must not run in parallel with others that read them.
 *
 * @since 0.1
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(FakeClerkExtension.class)
public @interface FakeClerkTest {
  /** When FakeClerk starts and stops. */
  enum Lifecycle {
    /** One FakeClerk for all the tests of the class (and of its {@code @Nested} classes). */
    PER_CLASS,
    /** A new FakeClerk for each test. */
    PER_TEST
  }

  /** {@return when FakeClerk starts and stops; default once per class} */
  Lifecycle lifecycle() default Lifecycle.PER_CLASS;

  /**
   * {@return whether to set the {@code clerk.*} system properties of {@link FakeClerk#settings()}
   * while FakeClerk runs (and restore the previous values after), so that an application started in
   * the test's JVM (a {@code ClerkFilter}, {@code Clerk.fromEnvironment()}) finds it; default
   * false}
   */
  boolean systemProperties() default false;

  /**
   * {@return whether FakeClerk is a production instance ({@code pk_live_}, no dev browser); default
   * a development one}
   */
  boolean production() default false;
}
