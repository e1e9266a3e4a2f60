package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.webhooks.Webhooks;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Clerk webhooks for JAX-RS resources: register this feature and a resource method that takes a
 * {@link dev.clerk.jakarta.core.webhooks.WebhookEvent} entity receives only verified deliveries.
 *
 * <pre>
 * &#64;Path("/webhooks/clerk")
 * public class ClerkEvents {
 *   &#64;POST
 *   public void receive(WebhookEvent event) {            // 204 when it returns
 *     if (event.type().equals("user.created")) {
 *       users.save(event.user().orElseThrow());
 *     }
 *   }
 * }
 * </pre>
 *
 * <p>It installs a {@code MessageBodyReader<WebhookEvent>} that reads the raw entity bytes (never
 * more than the size limit), verifies them with {@link Webhooks#verify} against the request's
 * {@code svix-*} (or {@code webhook-*}) headers, and otherwise ends the request with {@code 400}
 * ({@code 413} for an oversized body) and {@code {"error":"invalid_webhook","reason":"<reason>"}};
 * the reader is registered ahead of the application's JSON readers, so a JSON-B or Jackson provider
 * never binds the event. It also maps a {@link
 * dev.clerk.jakarta.core.webhooks.WebhookVerificationException} thrown by a resource method (see
 * {@link ClerkWebhooks}) to the same answer. Nothing a client sends yields a {@code 500}; an
 * exception from the resource method is the application's own (Clerk retries the delivery).
 *
 * <p>The signing secret: the {@link Webhooks} given to {@link #ClerkWebhookFeature(Webhooks)}; else
 * the {@code webhook-signing-secret} of the {@link Clerk} shared through the {@code ServletContext}
 * attribute {@link Clerk#CONTEXT_ATTRIBUTE} (the servlet filter's, or {@link ClerkAuthFeature}'s);
 * else the environment variable {@code CLERK_WEBHOOK_SIGNING_SECRET}, then the system property
 * {@code clerk.webhookSigningSecret} (comma-separated during a rotation). With none, deployment
 * fails with a message naming the setting.
 *
 * <p>Not annotated {@code @Provider}: an application that scans for providers but receives no
 * webhooks must not need a signing secret. Register it in your {@code Application}. Thread-safe.
 *
 * @since 0.1
 */
public final class ClerkWebhookFeature implements Feature {
  /**
   * Configuration property holding the application's {@link Webhooks}; see {@link
   * ClerkWebhooks#webhooks}.
   */
  public static final String WEBHOOKS_PROPERTY = "dev.clerk.jakarta.jaxrs.webhooks";

  /** Priority of the event reader: ahead of application JSON readers (default priority 5000). */
  static final int READER_PRIORITY = 100;

  private final @Nullable Webhooks given;

  /** Finds the signing secret when the application is deployed; see the class description. */
  public ClerkWebhookFeature() {
    this.given = null;
  }

  /**
   * Verifies with {@code webhooks} (its secrets, clock, tolerance and size limit).
   *
   * @param webhooks the verifier
   */
  public ClerkWebhookFeature(Webhooks webhooks) {
    this.given = Objects.requireNonNull(webhooks, "webhooks == null");
  }

  /**
   * Installs the reader and the mapper; see the class description.
   *
   * @param context the runtime's feature context
   * @return false if a ClerkWebhookFeature already configured this application
   * @throws IllegalStateException naming the setting when no signing secret is configured
   */
  @Override
  public boolean configure(FeatureContext context) {
    if (context.getConfiguration().getProperty(WEBHOOKS_PROPERTY) != null) {
      return false;
    }
    Webhooks webhooks = resolve(context);
    context.property(WEBHOOKS_PROPERTY, webhooks);
    context.register(new WebhookEventReader(webhooks), READER_PRIORITY);
    context.register(new WebhookRefusalMapper());
    return true;
  }

  private Webhooks resolve(FeatureContext context) {
    if (given != null) {
      return given;
    }
    Object servletContext = RuntimeHooks.servletContext(context);
    if (servletContext != null
        && ServletSupport.attribute(servletContext, Clerk.CONTEXT_ATTRIBUTE) instanceof Clerk clerk
        && !clerk.options().webhookSigningSecrets().isEmpty()) {
      return clerk.webhooks();
    }
    try {
      return Webhooks.fromEnvironment();
    } catch (IllegalArgumentException e) {
      // The message names the setting and never carries a secret.
      throw new IllegalStateException("ClerkWebhookFeature: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return "ClerkWebhookFeature{"
        + (given == null ? "from the shared Clerk or environment" : given)
        + "}";
  }
}
