package dev.clerk.jakarta.jaxrs;

import jakarta.ws.rs.core.Application;
import java.util.Set;

/** Registers the feature by class: the Clerk comes from the ServletContext (or the environment). */
public class TestApplication extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(ClerkAuthFeature.class, TestResource.class, SecuredResource.class);
  }
}
