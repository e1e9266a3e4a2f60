package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.Clerk;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** Registers {@code new ClerkAuthFeature(clerk)}; the test sets {@link #clerk} before deploying. */
public class ExplicitClerkApplication extends Application {
  static volatile Clerk clerk;

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(TestResource.class);
  }

  // Deprecated in Jakarta REST 3.1 in favour of CDI, but the portable way to register an instance.
  @Override
  @SuppressWarnings("deprecation")
  public Set<Object> getSingletons() {
    return Set.of(new ClerkAuthFeature(clerk));
  }
}
