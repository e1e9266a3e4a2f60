package dev.clerk.jakarta.jaxrs;

import jakarta.ws.rs.core.Application;
import java.util.Set;

/**
 * Webhooks beside Clerk authentication and an application JSON reader; the secret comes from the
 * shared Clerk.
 */
public class WebhookApplication extends Application {
  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(
        ClerkWebhookFeature.class,
        ClerkAuthFeature.class,
        GreedyJsonReader.class,
        WebhookResource.class);
  }
}
