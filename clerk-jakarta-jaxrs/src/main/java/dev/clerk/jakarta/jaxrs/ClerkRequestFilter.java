package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.auth.ClerkPrincipal;
import dev.clerk.jakarta.core.auth.SignedOutAuth;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.CorsPreflight;
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
import org.jspecify.annotations.Nullable;

/**
 * Authenticates requests: translates the request into a {@link ClerkRequest}, asks core, and
 * applies the {@link RequestState}. Two kinds of instances, both at {@code
 * Priorities.AUTHENTICATION}:
 *
 * <ul>
 *   <li>{@link ApplicationWide}, {@link PreMatching}: one per application, with the application's
 *       token types, before the runtime matches and instantiates the resource (so that
 *       {@code @Context ClerkAuth} fields see the result). Reuses the servlet filter's decision
 *       when there is one. CORS preflights are not authenticated (they carry no credentials);
 *   <li>{@link ResourceMethod}: one per resource method (bound by {@link ClerkDynamicFeature}),
 *       after matching: when the token types of the request's path ({@link AcceptsToken} on the
 *       method, its class, or an enclosing locator, see {@link LocatorChain}) differ from the
 *       application's, it authenticates again with them and that decision replaces the first.
 * </ul>
 *
 * <p>Whatever decided last is the only identity the request shows: the request properties {@link
 * ClerkAuth#ATTRIBUTE} and {@link ClerkAuth#STATE_ATTRIBUTE}, the {@link SecurityContext} (a {@link
 * ClerkSecurityContext}, without a principal when signed out) and, on Jersey and RESTEasy,
 * {@code @Context HttpServletRequest}. Thread-safe.
 */
abstract class ClerkRequestFilter implements ContainerRequestFilter {
  /**
   * Request property: the headers this filter owes the response (see {@link ClerkResponseFilter}).
   */
  static final String RESPONSE_HEADERS_PROPERTY = "dev.clerk.jakarta.jaxrs.responseHeaders";

  /**
   * Request property: the decision in {@link ClerkAuth#STATE_ATTRIBUTE} was made by a resource
   * method's own token types, not the application's; a later dispatch of the same request (a
   * forward) decides again instead of reusing it.
   */
  static final String METHOD_DECISION_PROPERTY = "dev.clerk.jakarta.jaxrs.methodDecision";

  private static final System.Logger LOG = System.getLogger(ClerkRequestFilter.class.getName());

  private final Clerk clerk;
  private final RuntimeHooks hooks;

  /**
   * @param clerk the application's Clerk
   * @param hooks the runtime's hooks
   */
  ClerkRequestFilter(Clerk clerk, RuntimeHooks hooks) {
    this.clerk = clerk;
    this.hooks = hooks;
  }

  final Clerk clerk() {
    return clerk;
  }

  /** The application-wide instance, before matching. */
  @PreMatching
  @jakarta.annotation.Priority(Priorities.AUTHENTICATION)
  static final class ApplicationWide extends ClerkRequestFilter {
    ApplicationWide(Clerk clerk, RuntimeHooks hooks) {
      super(clerk, hooks);
    }

    @Override
    public void filter(ContainerRequestContext context) {
      boolean methodDecision = context.getProperty(METHOD_DECISION_PROPERTY) != null;
      context.removeProperty(METHOD_DECISION_PROPERTY);
      if (isPreflight(context)) {
        // Not authenticated (a preflight carries no credentials) and answered untouched; an
        // explicitly declared OPTIONS method it reaches is still enforced, and sees no identity.
        showIdentity(context, null);
        return;
      }
      if (!methodDecision
          && context.getProperty(ClerkAuth.STATE_ATTRIBUTE) instanceof RequestState earlier) {
        // The servlet filter decided already and added the headers to the servlet response.
        install(context, earlier, false);
        return;
      }
      authenticateAndApply(context, null);
    }
  }

  /**
   * A resource method's instance, after matching: decides again when the token types of the path
   * differ from the application's.
   */
  @jakarta.annotation.Priority(Priorities.AUTHENTICATION)
  static final class ResourceMethod extends ClerkRequestFilter {
    private final ResourceBinding binding;
    private final LocatorChain chain;

    ResourceMethod(Clerk clerk, RuntimeHooks hooks, ResourceBinding binding, LocatorChain chain) {
      super(clerk, hooks);
      this.binding = binding;
      this.chain = chain;
    }

    @Override
    public void filter(ContainerRequestContext context) {
      Rules rules = chain.rules(context, binding);
      if (rules.acceptsNothing()) {
        // Levels of the path accept no token type in common: nothing can sign this request in.
        context.setProperty(METHOD_DECISION_PROPERTY, true);
        install(
            context,
            RequestState.signedOut(
                AuthReason.TOKEN_TYPE_MISMATCH, "", SignedOutAuth.of(null), List.of()),
            true);
        return;
      }
      dev.clerk.jakarta.core.auth.AcceptedTokens accepts = rules.accepts();
      if (accepts != null && !accepts.equals(clerk().options().acceptsToken())) {
        context.setProperty(METHOD_DECISION_PROPERTY, true);
        authenticateAndApply(context, accepts);
      }
    }
  }

  /**
   * @param accepts the token types to decide with, or null for the application's
   */
  final void authenticateAndApply(
      ContainerRequestContext context,
      dev.clerk.jakarta.core.auth.@Nullable AcceptedTokens accepts) {
    RequestState state = authenticate(context, accepts);
    if (state.reply().isPresent()) {
      // The reply carries every header; none is owed to the response any more.
      context.removeProperty(RESPONSE_HEADERS_PROPERTY);
      Denials.abortWith(context, reply(state, state.reply().get()));
      return;
    }
    install(context, state, true);
  }

  /**
   * Makes {@code state} the request's, replacing any earlier decision everywhere: properties, owed
   * response headers, the SecurityContext and the servlet request's identity.
   */
  final void install(ContainerRequestContext context, RequestState state, boolean headersOwed) {
    context.setProperty(ClerkAuth.STATE_ATTRIBUTE, state);
    context.setProperty(ClerkAuth.ATTRIBUTE, state.auth());
    if (headersOwed && !state.headers().isEmpty()) {
      context.setProperty(RESPONSE_HEADERS_PROPERTY, new OwedHeaders(state.headers()));
    } else {
      context.removeProperty(RESPONSE_HEADERS_PROPERTY);
    }
    showIdentity(context, state.auth().isAuthenticated() ? ClerkPrincipal.of(state.auth()) : null);
  }

  /** Makes the SecurityContext and the servlet request show {@code principal}, or nobody. */
  final void showIdentity(ContainerRequestContext context, @Nullable ClerkPrincipal principal) {
    SecurityContext current = context.getSecurityContext();
    SecurityContext container =
        current instanceof ClerkSecurityContext ours ? ours.container() : current;
    boolean secure =
        container != null
            ? container.isSecure()
            : "https".equalsIgnoreCase(context.getUriInfo().getRequestUri().getScheme());
    context.setSecurityContext(ClerkSecurityContext.of(principal, container, secure));
    hooks.showIdentity(principal);
  }

  private RequestState authenticate(
      ContainerRequestContext context,
      dev.clerk.jakarta.core.auth.@Nullable AcceptedTokens accepts) {
    try {
      ClerkRequest request = toClerkRequest(context);
      context.setProperty(Denials.CLERK_REQUEST_PROPERTY, request);
      return accepts == null
          ? clerk.authenticateRequest(request)
          : clerk.authenticateRequest(request, accepts);
    } catch (RuntimeException e) {
      // Never a 500 for a request: an unexpected failure is signed out (503 where protected),
      // logged
      // once per exception type by the Clerk instance's reporter.
      clerk.outages().unexpected(LOG, "authenticating a request", e);
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
