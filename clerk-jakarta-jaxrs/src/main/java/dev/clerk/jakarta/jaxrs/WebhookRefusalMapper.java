package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.webhooks.WebhookVerificationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Answers a {@link WebhookVerificationException} that leaves a resource method with {@link
 * ClerkWebhooks#refusal}: 400 (413 for an oversized body), never 500. Thread-safe (stateless).
 */
final class WebhookRefusalMapper implements ExceptionMapper<WebhookVerificationException> {
  private static final System.Logger LOG = System.getLogger(WebhookRefusalMapper.class.getName());

  @Override
  public Response toResponse(WebhookVerificationException e) {
    LOG.log(
        System.Logger.Level.DEBUG,
        "Clerk webhook refused ({0}): {1}",
        e.reason().value(),
        e.getMessage());
    return ClerkWebhooks.refusal(e);
  }
}
