package dev.clerk.jakarta.jaxrs;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/** An application whose resource names an unknown token type: deployment must fail. */
public class BadAnnotationApplication extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(ClerkAuthFeature.class, BadResource.class);
  }

  /** The resource. */
  @Path("bad")
  public static class BadResource {
    @GET
    @AcceptsToken("api_keys")
    public String get() {
      return "never";
    }
  }
}
