package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.request.Refusals;
import dev.clerk.jakarta.core.webhooks.WebhookEvent;
import dev.clerk.jakarta.core.webhooks.WebhookHeaders;
import dev.clerk.jakarta.core.webhooks.WebhookVerificationException;
import dev.clerk.jakarta.core.webhooks.Webhooks;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Clerk webhooks in a resource method that reads the raw entity itself, on any JAX-RS
 * implementation. The drop-in is a {@code WebhookEvent} entity parameter with {@link
 * ClerkWebhookFeature} registered; these helpers are for a method that wants the bytes first:
 *
 * <pre>
 * &#64;POST
 * &#64;Path("/webhooks/clerk")
 * public Response receive(&#64;Context Configuration config, &#64;Context HttpHeaders headers, InputStream body)
 *     throws WebhookVerificationException, IOException {
 *   WebhookEvent event = ClerkWebhooks.verify(ClerkWebhooks.webhooks(config), headers, body);
 *   …
 *   return Response.noContent().build();
 * }
 * </pre>
 *
 * <p>Take the entity as an {@code InputStream} (read here up to the size limit), or as {@code
 * byte[]} (read whole by the runtime), never as a {@code String} or a bound object: the signature
 * covers the exact bytes. A {@link WebhookVerificationException} that leaves the method is answered
 * by the mapper {@link ClerkWebhookFeature} registers, as {@link #refusal} builds it.
 *
 * <p>Thread-safe (stateless).
 *
 * @since 0.1
 */
public final class ClerkWebhooks {
  private ClerkWebhooks() {}

  /**
   * {@return the verifier {@link ClerkWebhookFeature} configured for this application}
   *
   * @param configuration the application's configuration ({@code @Context Configuration})
   * @throws IllegalStateException when the feature is not registered
   */
  public static Webhooks webhooks(Configuration configuration) {
    Objects.requireNonNull(configuration, "configuration == null");
    if (configuration.getProperty(ClerkWebhookFeature.WEBHOOKS_PROPERTY) instanceof Webhooks w) {
      return w;
    }
    throw new IllegalStateException("ClerkWebhookFeature is not registered in this application");
  }

  /**
   * {@return the request headers as the verifier reads them (names in any case)}
   *
   * @param headers the request's headers ({@code @Context HttpHeaders})
   */
  public static WebhookHeaders headers(HttpHeaders headers) {
    Objects.requireNonNull(headers, "headers == null");
    return headers::getRequestHeader;
  }

  /**
   * Verifies a delivery whose body the runtime has read.
   *
   * @param webhooks the verifier
   * @param headers the request's headers
   * @param body the raw entity bytes
   * @return the event
   * @throws WebhookVerificationException when the delivery is refused
   */
  public static WebhookEvent verify(Webhooks webhooks, HttpHeaders headers, byte[] body)
      throws WebhookVerificationException {
    Objects.requireNonNull(webhooks, "webhooks == null");
    return webhooks.verify(headers(headers), body);
  }

  /**
   * Verifies a delivery, reading the entity stream up to the size limit (as {@link
   * Webhooks#readBody(InputStream, long)}: a refused body up to twice the limit is read and
   * discarded, a larger declared {@code Content-Length} is refused before reading).
   *
   * @param webhooks the verifier
   * @param headers the request's headers
   * @param body the entity stream (not closed)
   * @return the event
   * @throws WebhookVerificationException when the delivery is refused
   * @throws IOException when the body cannot be read
   */
  public static WebhookEvent verify(Webhooks webhooks, HttpHeaders headers, InputStream body)
      throws WebhookVerificationException, IOException {
    Objects.requireNonNull(webhooks, "webhooks == null");
    Objects.requireNonNull(body, "body == null");
    return webhooks.verify(headers(headers), webhooks.readBody(body, headers.getLength()));
  }

  /**
   * {@return the answer to a refused delivery: 400 (413 for an oversized body), {@code
   * Cache-Control: no-store}, {@code {"error":"invalid_webhook","reason":"<reason>"}}}
   *
   * @param e the refusal
   */
  public static Response refusal(WebhookVerificationException e) {
    Objects.requireNonNull(e, "e == null");
    return Denials.render(Refusals.invalidWebhook(e.reason().httpStatus(), e.reason().value()));
  }

  /** Content-Length of a header map, or -1 when absent or not a number. */
  static long contentLength(MultivaluedMap<String, String> headers) {
    String v = headers.getFirst(HttpHeaders.CONTENT_LENGTH);
    if (v == null) {
      return -1;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      // The container rejects a malformed Content-Length itself; here it only means "unknown".
      return -1;
    }
  }
}
