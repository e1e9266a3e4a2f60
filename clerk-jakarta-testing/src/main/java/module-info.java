/**
 * Test support for applications that use Clerk: {@link dev.clerk.jakarta.testing.FakeClerk}, a fake
 * Clerk Backend API and JWKS on loopback, and the tokens it signs.
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

  exports dev.clerk.jakarta.testing;
}
