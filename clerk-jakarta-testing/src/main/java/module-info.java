/**
 * Test support for applications that use Clerk: {@link dev.clerk.jakarta.testing.FakeClerk}, a fake
 * Clerk on loopback (Backend and Frontend API subset, JWKS), the tokens it signs, and its JUnit 5
 * extension ({@link dev.clerk.jakarta.testing.junit.FakeClerkExtension}). JUnit is optional: only
 * the extension needs it, and the tests that use it bring it.
 *
 * @since 0.1
 */
module dev.clerk.jakarta.testing {
  requires transitive java.net.http;
  requires jdk.httpserver;
  // An automatic module: jose4j's jar has no descriptor, only a stable Automatic-Module-Name (see
  // -Xlint:-requires-automatic in this module's pom).
  requires org.jose4j;
  // Type-use annotations in the API; not needed at run time.
  requires static transitive org.jspecify;
  // The extension's API (callbacks, parameter resolution) is JUnit's: optional, transitive for
  // users.
  requires static transitive org.junit.jupiter.api;

  exports dev.clerk.jakarta.testing;
  exports dev.clerk.jakarta.testing.junit;
}
