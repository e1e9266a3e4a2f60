package dev.clerk.jakarta.cdi;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.SharedClerk;
import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.CorsPreflight;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.filter.ServletClerk;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Instance;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.System.Logger.Level;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The servlet side of {@link ClerkProducers}: CDI's built-in {@code ServletContext} and {@code
 * HttpServletRequest} beans. Loaded only when the Servlet API is present ({@link ServletApi}).
 * Stateless; thread-safe.
 */
final class WebApplication {
  private static final System.Logger LOG = System.getLogger(WebApplication.class.getName());

  private WebApplication() {}

  /** {@return whether {@code payload} is a {@code ServletContext}} */
  static boolean isServletContext(Object payload) {
    return payload instanceof ServletContext;
  }

  /**
   * {@return the application's {@code ServletContext} from CDI's built-in bean, or null outside a
   * web application} Only when the start-up event did not name it; the bean is usable only where a
   * request context is active on some containers (Weld's web module), so it is tried once here.
   */
  static @Nullable Object servletContext(Instance<Object> beans) {
    Instance<ServletContext> context = beans.select(ServletContext.class);
    if (!context.isResolvable()) {
      return null;
    }
    try {
      ServletContext sc = context.get();
      sc.getAttribute(Clerk.CONTEXT_ATTRIBUTE); // the bean is a proxy: this reaches the real one
      return sc;
    } catch (ContextNotActiveException | IllegalStateException e) {
      LOG.log(Level.DEBUG, "no ServletContext outside a request here: {0}", e.toString());
      return null;
    }
  }

  /** {@return a lease on the application's Clerk ({@link ServletClerk#acquire})} */
  static SharedClerk.Lease acquire(Object servletContext) {
    return ServletClerk.acquire((ServletContext) servletContext, ClerkProducers.ADAPTER);
  }

  /**
   * {@return the current HTTP request's authentication: the decision an adapter made, else one made
   * now and stored for the others; null without an HTTP request}
   *
   * @param beans to look up the request
   * @param clerk the application's Clerk
   */
  static @Nullable Auth auth(Instance<Object> beans, Supplier<Clerk> clerk) {
    Instance<HttpServletRequest> requests = beans.select(HttpServletRequest.class);
    if (!requests.isResolvable()) {
      return null;
    }
    HttpServletRequest request = requests.get();
    Object decided;
    try {
      decided = request.getAttribute(ClerkAuth.ATTRIBUTE);
    } catch (ContextNotActiveException | IllegalStateException e) {
      // The bean exists, but this request context is not an HTTP request's (a timer, a message).
      LOG.log(Level.DEBUG, "no HTTP request to authenticate: {0}", e.toString());
      return null;
    }
    if (decided instanceof Auth auth) {
      return auth;
    }
    if (request.getAttribute(ClerkAuth.STATE_ATTRIBUTE) instanceof RequestState state) {
      return state.auth();
    }
    if (CorsPreflight.is(
        request.getMethod(),
        request.getHeader("Origin"),
        request.getHeader("Access-Control-Request-Method"))) {
      return null; // browsers send no credentials with a preflight: never authenticated
    }
    Clerk c = clerk.get();
    RequestState state;
    try {
      ClerkRequest clerkRequest = ServletClerk.toClerkRequest(request);
      state = c.authenticateRequest(clerkRequest);
    } catch (RuntimeException e) {
      // Nothing a client sends may become an error or a signed-in state.
      c.outages().unexpected(LOG, "authenticating a request for a CDI bean", e);
      state = RequestState.signedOut(AuthReason.UNEXPECTED_ERROR, "");
    }
    request.setAttribute(ClerkAuth.STATE_ATTRIBUTE, state);
    request.setAttribute(ClerkAuth.ATTRIBUTE, state.auth());
    return state.auth();
  }
}
