package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.webhooks.Webhooks;
import dev.clerk.jakarta.testing.FakeWebhooks;
import jakarta.ws.rs.core.Application;
import java.time.Clock;
import java.util.Set;

/** Registers the feature with a {@link Webhooks} of its own (another secret, a 256-byte limit). */
public class ExplicitWebhookApplication extends Application {
  static final int MAX_BODY_BYTES = 256;
  static final FakeWebhooks SENDER = FakeWebhooks.create(Clock.systemUTC());

  // Deprecated in Jakarta REST 3.1 in favour of CDI, but the portable way to register an instance.
  @Override
  @SuppressWarnings("deprecation")
  public Set<Object> getSingletons() {
    return Set.of(
        new ClerkWebhookFeature(
            Webhooks.builder()
                .secrets(SENDER.signingSecret())
                .maxBodyBytes(MAX_BODY_BYTES)
                .build()));
  }

  @Override
  public Set<Class<?>> getClasses() {
    return Set.of(WebhookResource.class);
  }
}
