package dev.clerk.jakarta.cdi.web;

import dev.clerk.jakarta.jaxrs.ClerkAuthFeature;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** The JAX-RS applications of the web test. */
public final class Applications {
  private Applications() {}

  /** The resource alone, behind ClerkFilter: the filter's decision is the resource's. */
  public static class Plain extends Application {
    @Override
    public Set<Class<?>> getClasses() {
      return Set.of(AccountResource.class);
    }
  }

  /** The resource with ClerkAuthFeature: its exception mapper answers a refusal. */
  public static class WithFeature extends Application {
    @Override
    public Set<Class<?>> getClasses() {
      return Set.of(AccountResource.class, ClerkAuthFeature.class);
    }
  }
}
