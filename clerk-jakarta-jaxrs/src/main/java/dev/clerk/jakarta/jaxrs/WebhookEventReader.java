package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.webhooks.WebhookEvent;
import dev.clerk.jakarta.core.webhooks.WebhookHeaders;
import dev.clerk.jakarta.core.webhooks.WebhookVerificationException;
import dev.clerk.jakarta.core.webhooks.Webhooks;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Reads a {@link WebhookEvent} entity parameter from the raw entity bytes, before any JSON binding
 * could touch them, and verifies it; a refused delivery ends the request with {@link
 * ClerkWebhooks#refusal}. Registered by {@link ClerkWebhookFeature} ahead of the application's JSON
 * readers. Thread-safe.
 */
@Consumes({MediaType.APPLICATION_JSON, MediaType.WILDCARD})
final class WebhookEventReader implements MessageBodyReader<WebhookEvent> {
  private static final System.Logger LOG = System.getLogger(WebhookEventReader.class.getName());

  private final Webhooks webhooks;

  WebhookEventReader(Webhooks webhooks) {
    this.webhooks = webhooks;
  }

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == WebhookEvent.class;
  }

  @Override
  public WebhookEvent readFrom(
      Class<WebhookEvent> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> httpHeaders,
      InputStream entityStream)
      throws IOException {
    try {
      byte[] body = webhooks.readBody(entityStream, ClerkWebhooks.contentLength(httpHeaders));
      return webhooks.verify(WebhookHeaders.of(httpHeaders), body);
    } catch (WebhookVerificationException e) {
      // The message names headers and fields only: safe to log.
      LOG.log(
          System.Logger.Level.DEBUG,
          "Clerk webhook refused ({0}): {1}",
          e.reason().value(),
          e.getMessage());
      throw new WebApplicationException(e, ClerkWebhooks.refusal(e));
    }
  }

  @Override
  public String toString() {
    return "WebhookEventReader{" + webhooks + "}";
  }
}
