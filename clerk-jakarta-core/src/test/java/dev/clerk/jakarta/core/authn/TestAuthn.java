package dev.clerk.jakarta.core.authn;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.ClerkOptions;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** The façade's own wiring of this layer, for tests that build its parts directly. */
final class TestAuthn {
  private TestAuthn() {}

  /**
   * {@return the settings {@link Clerk} derives from these options (the package-private mapping in
   * {@code ClerkWiring})}
   */
  static AuthnConfig config(ClerkOptions options) {
    try {
      Method m =
          Class.forName("dev.clerk.jakarta.core.ClerkWiring")
              .getDeclaredMethod("authnConfig", ClerkOptions.class);
      m.setAccessible(true);
      return (AuthnConfig) m.invoke(null, options);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@return the services {@link Clerk} wires for the request flow} */
  static ClerkAuthServices services(Clerk clerk) {
    return new ClerkAuthServices(
        config(clerk.options()), clerk.sessionTokenVerifier(), clerk::backendApi);
  }
}
