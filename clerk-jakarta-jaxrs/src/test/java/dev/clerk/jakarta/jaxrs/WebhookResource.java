package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.webhooks.WebhookEvent;
import dev.clerk.jakarta.core.webhooks.WebhookVerificationException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The two ways to receive Clerk webhooks: a typed entity, or the raw stream and {@link
 * ClerkWebhooks}.
 */
@Path("webhooks")
public class WebhookResource {
  static final BlockingQueue<WebhookEvent> EVENTS = new LinkedBlockingQueue<>();

  @POST
  @Path("clerk")
  public void clerk(WebhookEvent event) {
    if (event.type().equals("test.fail")) {
      throw new IllegalStateException("the application failed");
    }
    EVENTS.add(event);
  }

  @POST
  @Path("manual")
  public Response manual(
      @Context Configuration config, @Context HttpHeaders headers, InputStream body)
      throws WebhookVerificationException, IOException {
    WebhookEvent event = ClerkWebhooks.verify(ClerkWebhooks.webhooks(config), headers, body);
    EVENTS.add(event);
    return Response.ok("{\"received\":\"" + event.type() + "\"}").type("application/json").build();
  }

  @POST
  @Path("bytes")
  public Response bytes(@Context Configuration config, @Context HttpHeaders headers, byte[] body)
      throws WebhookVerificationException {
    WebhookEvent event = ClerkWebhooks.verify(ClerkWebhooks.webhooks(config), headers, body);
    EVENTS.add(event);
    return Response.noContent().build();
  }
}
