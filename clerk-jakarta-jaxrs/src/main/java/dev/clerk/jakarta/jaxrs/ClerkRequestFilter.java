package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.auth.ClerkPrincipal;
import dev.clerk.jakarta.core.internal.CorsPreflight;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.request.ResponseHeader;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Authenticates requests: translates the request into a {@link ClerkRequest}, asks core, and
 * applies the {@link RequestState}. Two kinds of instances, both at {@code
 * Priorities.AUTHENTICATION}:
 *
 * <ul>
 *   <li>{@link ApplicationWide}, {@link PreMatching}: one per application, with the application's
 *       token types, before the runtime matches and instantiates the resource (so that {@code
 *       @Context ClerkAuth} fields see the result). Reuses the servlet filter's decision when
 *       there is one;
 *   <li>{@link ResourceMethod}: one per resource method whose {@link AcceptsToken} differs from
 *       the application's (bound by {@link ClerkDynamicFeature}), which authenticates again with
 *       that method's {@link Clerk}.
 * </ul>
 *
 * Thread-safe.
 */
abstract class ClerkRequestFilter implements ContainerRequestFilter {
  /** Request property: the headers this filter owes the response (see {@link ClerkResponseFilter}). */
  static final String RESPONSE_HEADERS_PROPERTY = "dev.clerk.jakarta.jaxrs.responseHeaders";

  /** Request property: the container's SecurityContext, restored if a later decision signs out. */
  static final String CONTAINER_SECURITY_CONTEXT_PROPERTY =
      "dev.clerk.jakarta.jaxrs.containerSecurityContext";

  private static final System.Logger LOG = System.getLogger(ClerkRequestFilter.class.getName());
  /** Unexpected failures are logged once per exception type, not once per request. */
  private static final Set<Class<?>> LOGGED = ConcurrentHashMap.newKeySet();

  private final Clerk clerk;
  private final dev.clerk.jakarta.core.auth.@Nullable AcceptsToken accepts;

  /**
   * @param clerk the application's Clerk
   * @param accepts the token types of the requests this instance sees, or null for the options'
   */
  ClerkRequestFilter(Clerk clerk, dev.clerk.jakarta.core.auth.@Nullable AcceptsToken accepts) {
    this.clerk = clerk;
    this.accepts = accepts;
  }

  /** The application-wide instance, before matching. */
  @PreMatching
  @jakarta.annotation.Priority(Priorities.AUTHENTICATION)
  static final class ApplicationWide extends ClerkRequestFilter {
    ApplicationWide(Clerk clerk) {
      super(clerk, null);
    }

    @Override
    public void filter(ContainerRequestContext context) {
      if (isPreflight(context)) {
        return;
      }
      if (context.getProperty(ClerkAuth.STATE_ATTRIBUTE) instanceof RequestState earlier) {
        // The servlet filter decided already and added the headers to the servlet response.
        install(context, earlier, false);
        return;
      }
      authenticateAndApply(context);
    }
  }

  /** A resource method's instance, after matching: its token types differ from the application's. */
  @jakarta.annotation.Priority(Priorities.AUTHENTICATION)
  static final class ResourceMethod extends ClerkRequestFilter {
    ResourceMethod(Clerk clerk, dev.clerk.jakarta.core.auth.AcceptsToken accepts) {
      super(clerk, accepts);
    }

    @Override
    public void filter(ContainerRequestContext context) {
      if (isPreflight(context)) {
        return;
      }
      authenticateAndApply(context);
    }
  }

  final void authenticateAndApply(ContainerRequestContext context) {
    RequestState state = authenticate(context);
    if (state.reply().isPresent()) {
      // The reply carries every header; none is owed to the response any more.
      context.removeProperty(RESPONSE_HEADERS_PROPERTY);
      context.abortWith(reply(state, state.reply().get()));
      return;
    }
    install(context, state, true);
  }

  /**
   * Makes {@code state} the request's: properties, owed response headers, and the SecurityContext
   * (Clerk's when authenticated, else the container's).
   */
  static void install(ContainerRequestContext context, RequestState state, boolean headersOwed) {
    context.setProperty(ClerkAuth.STATE_ATTRIBUTE, state);
    context.setProperty(ClerkAuth.ATTRIBUTE, state.auth());
    if (headersOwed && !state.headers().isEmpty()) {
      context.setProperty(RESPONSE_HEADERS_PROPERTY, new OwedHeaders(state.headers()));
    } else {
      context.removeProperty(RESPONSE_HEADERS_PROPERTY);
    }
    SecurityContext container =
        context.getProperty(CONTAINER_SECURITY_CONTEXT_PROPERTY) instanceof SecurityContext saved
            ? saved
            : context.getSecurityContext();
    if (state.auth().isAuthenticated()) {
      boolean secure =
          container != null
              ? container.isSecure()
              : "https".equalsIgnoreCase(context.getUriInfo().getRequestUri().getScheme());
      if (container != null) {
        context.setProperty(CONTAINER_SECURITY_CONTEXT_PROPERTY, container);
      }
      context.setSecurityContext(new ClerkSecurityContext(ClerkPrincipal.of(state.auth()), secure));
    } else if (container != null && context.getSecurityContext() instanceof ClerkSecurityContext) {
      context.setSecurityContext(container);
    }
  }

  private RequestState authenticate(ContainerRequestContext context) {
    try {
      ClerkRequest request = toClerkRequest(context);
      return accepts == null ? clerk.authenticateRequest(request) : clerk.authenticateRequest(request, accepts);
    } catch (RuntimeException e) {
      // Never a 500 for a request: an unexpected failure is signed out (503 where protected).
      if (LOGGED.add(e.getClass())) {
        LOG.log(
            System.Logger.Level.WARNING,
            "Clerk could not authenticate a request; treating it as signed out: "
                + e.getClass().getName());
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
    return CorsPreflight.is(
        context.getMethod(),
        context.getHeaderString("Origin"),
        context.getHeaderString("Access-Control-Request-Method"));
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
