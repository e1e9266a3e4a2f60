package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.auth.ClerkPrincipal;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.request.ResponseHeader;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates one resource method's requests: translates the request into a {@link
 * ClerkRequest}, asks core, and applies the {@link RequestState}. Registered per resource method by
 * {@link ClerkDynamicFeature} with the {@link Clerk} of the method's token types. Thread-safe.
 */
@jakarta.annotation.Priority(Priorities.AUTHENTICATION)
final class ClerkRequestFilter implements ContainerRequestFilter {
  /** Request property: the headers this filter owes the response (see {@link ClerkResponseFilter}). */
  static final String RESPONSE_HEADERS_PROPERTY = "dev.clerk.jakarta.jaxrs.responseHeaders";

  private static final System.Logger LOG = System.getLogger(ClerkRequestFilter.class.getName());
  /** Unexpected failures are logged once per exception type, not once per request. */
  private static final Set<Class<?>> LOGGED = ConcurrentHashMap.newKeySet();

  private final Clerk clerk;
  private final boolean applicationAcceptsToken;

  /**
   * @param clerk the Clerk with this method's token types
   * @param applicationAcceptsToken whether those are the application's, so that a decision the
   *     servlet filter made for the same request can be reused
   */
  ClerkRequestFilter(Clerk clerk, boolean applicationAcceptsToken) {
    this.clerk = clerk;
    this.applicationAcceptsToken = applicationAcceptsToken;
  }

  @Override
  public void filter(ContainerRequestContext context) {
    if (isPreflight(context)) {
      return;
    }
    RequestState state;
    boolean responseHeadersOwed;
    if (applicationAcceptsToken
        && context.getProperty(ClerkAuth.STATE_ATTRIBUTE) instanceof RequestState earlier) {
      // The servlet filter decided already and added the headers to the servlet response.
      state = earlier;
      responseHeadersOwed = false;
    } else {
      state = authenticate(context);
      responseHeadersOwed = true;
    }

    if (state.reply().isPresent()) {
      context.abortWith(reply(state, state.reply().get()));
      return;
    }
    context.setProperty(ClerkAuth.STATE_ATTRIBUTE, state);
    context.setProperty(ClerkAuth.ATTRIBUTE, state.auth());
    if (responseHeadersOwed && !state.headers().isEmpty()) {
      context.setProperty(RESPONSE_HEADERS_PROPERTY, new OwedHeaders(state.headers()));
    }
    if (state.auth().isAuthenticated()) {
      SecurityContext container = context.getSecurityContext();
      boolean secure =
          container != null
              ? container.isSecure()
              : "https".equalsIgnoreCase(context.getUriInfo().getRequestUri().getScheme());
      context.setSecurityContext(new ClerkSecurityContext(ClerkPrincipal.of(state.auth()), secure));
    }
  }

  private RequestState authenticate(ContainerRequestContext context) {
    try {
      return clerk.authenticateRequest(toClerkRequest(context));
    } catch (RuntimeException e) {
      // Never a 500 for a request: an unexpected failure is signed out (503 where protected).
      if (LOGGED.add(e.getClass())) {
        LOG.log(
            System.Logger.Level.WARNING,
            "Clerk could not authenticate a request; treating it as signed out: " + e.getClass().getName());
      }
      return RequestState.signedOut(AuthReason.UNEXPECTED_ERROR, "");
    }
  }

  static ClerkRequest toClerkRequest(ContainerRequestContext context) {
    URI uri = context.getUriInfo().getRequestUri();
    ClerkRequest.Builder b = ClerkRequest.builder().method(context.getMethod()).url(uri);
    for (Map.Entry<String, List<String>> header : context.getHeaders().entrySet()) {
      for (String value : header.getValue()) {
        if (value != null) {
          b.header(header.getKey(), value);
        }
      }
    }
    return b.build();
  }

  static boolean isPreflight(ContainerRequestContext context) {
    return HttpMethod.OPTIONS.equals(context.getMethod())
        && context.getHeaderString("Origin") != null
        && context.getHeaderString("Access-Control-Request-Method") != null;
  }

  private static Response reply(RequestState state, RequestState.Reply reply) {
    Response.ResponseBuilder b = Response.status(reply.status());
    for (ResponseHeader h : state.headers()) {
      b.header(h.name(), h.value());
    }
    if (!reply.body().isEmpty()) {
      b.entity(reply.body());
      if (reply.contentType() != null) {
        b.type(reply.contentType());
      }
    }
    return b.build();
  }

  /** The headers a decision adds to the response, in order. */
  record OwedHeaders(List<ResponseHeader> headers) {}
}
