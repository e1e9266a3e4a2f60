package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.Refusal;
import dev.clerk.jakarta.core.request.Refusals;
import dev.clerk.jakarta.core.request.ResponseHeader;
import dev.clerk.jakarta.core.request.UnreadBody;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.io.IOException;

/**
 * Renders core's {@link Refusal}s (built by {@link Refusals}, as the servlet filter's) as JAX-RS
 * responses, and finds the {@link ClerkRequest} they are built for. Stateless; thread-safe.
 */
final class Denials {
  private static final System.Logger LOG = System.getLogger(Denials.class.getName());

  /** Request property: the request as core saw it, set by the application-wide filter. */
  static final String CLERK_REQUEST_PROPERTY = "dev.clerk.jakarta.jaxrs.clerkRequest";

  /**
   * Request property: the refusal the request was aborted with (see {@link ClerkResponseFilter}).
   */
  static final String REFUSAL_PROPERTY = "dev.clerk.jakarta.jaxrs.refusal";

  private Denials() {}

  /**
   * Aborts the request with {@code refusal}.
   *
   * @param context the request
   * @param refusal the answer
   */
  static void abort(ContainerRequestContext context, Refusal refusal) {
    context.setProperty(REFUSAL_PROPERTY, refusal);
    abortWith(context, render(refusal));
  }

  /**
   * Aborts the request with {@code response}, after dropping what is left of its body ({@link
   * UnreadBody}) so that a client still sending it receives the answer.
   */
  static void abortWith(ContainerRequestContext context, Response response) {
    discardEntity(context);
    context.abortWith(response);
  }

  private static void discardEntity(ContainerRequestContext context) {
    if (!context.hasEntity()) {
      return;
    }
    try {
      UnreadBody.discard(context.getEntityStream(), context.getLength());
    } catch (IOException | RuntimeException e) {
      // The client went away, or the runtime cannot give the stream: the answer still goes.
      LOG.log(
          System.Logger.Level.DEBUG,
          "Clerk: request entity not discarded: {0}",
          e.getClass().getName());
    }
  }

  /**
   * {@return the response of {@code refusal}: its status, headers in order, body and content type}
   */
  static Response render(Refusal refusal) {
    Response.ResponseBuilder b = Response.status(refusal.status());
    for (ResponseHeader h : refusal.headers()) {
      b.header(h.name(), h.value());
    }
    String type = refusal.contentType();
    if (type != null) {
      b.entity(refusal.body()).type(type);
    }
    return b.build();
  }

  /**
   * {@return the request as core saw it when the application-wide filter decided it, else as it is
   * now} Never throws: a request core cannot take (it was never authenticated then) counts as an
   * API call to its URL.
   */
  static ClerkRequest request(ContainerRequestContext context) {
    if (context.getProperty(CLERK_REQUEST_PROPERTY) instanceof ClerkRequest r) {
      return r;
    }
    try {
      return ClerkRequestFilter.toClerkRequest(context);
    } catch (RuntimeException e) {
      return ClerkRequest.builder()
          .method(context.getMethod())
          .url(context.getUriInfo().getRequestUri())
          .build();
    }
  }
}
