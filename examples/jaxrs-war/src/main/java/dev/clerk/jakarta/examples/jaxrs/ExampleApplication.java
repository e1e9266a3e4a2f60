package dev.clerk.jakarta.examples.jaxrs;

import dev.clerk.jakarta.jaxrs.ClerkAuthFeature;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * The application under {@code /api}. {@link ClerkAuthFeature} reads its keys from the {@code
 * CLERK_*} environment variables ({@code CLERK_SECRET_KEY}, {@code CLERK_PUBLISHABLE_KEY}, and
 * optionally {@code CLERK_API_URL}, {@code CLERK_AUTHORIZED_PARTIES}, {@code CLERK_ACCEPTS_TOKEN},
 * {@code CLERK_JWT_KEY}); a missing key fails the deployment with a message naming it.
 *
 * @since 0.1
 */
@ApplicationPath("/api")
public class ExampleApplication extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(ClerkAuthFeature.class, ExampleResource.class);
  }
}
