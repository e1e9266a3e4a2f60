package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.auth.ClerkPrincipal;
import dev.clerk.jakarta.core.request.RequestState;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the Clerk authentication of a request on any JAX-RS implementation: the portable
 * alternatives to {@code @Context ClerkAuth}, which needs an implementation-specific hook (shipped
 * for Jersey and RESTEasy).
 *
 * <p>In a resource method, {@code @Context SecurityContext} is portable: {@link
 * #auth(SecurityContext)} gives the authentication of a signed-in request. In a servlet-based
 * runtime the request attribute {@link ClerkAuth#ATTRIBUTE} holds the {@code Auth} too, signed in
 * or not. In filters and other providers use {@link #auth(ContainerRequestContext)} ({@code
 * ContainerRequestContext} is not injectable into resources on every implementation).
 *
 * <pre>
 * &#64;GET
 * public String who(&#64;Context SecurityContext security) {
 *   return ClerkJaxrs.auth(security).userId().orElse("anonymous");
 * }
 *
 * &#64;GET
 * public String me(&#64;Context HttpServletRequest request) {
 *   return ClerkAuth.of((Auth) request.getAttribute(ClerkAuth.ATTRIBUTE)).userId().orElse("anonymous");
 * }
 * </pre>
 *
 * <p>Thread-safe (stateless).
 *
 * @since 0.1
 */
public final class ClerkJaxrs {
  private ClerkJaxrs() {}

  /**
   * {@return the authentication {@link ClerkAuthFeature} stored in the request property {@link
   * ClerkAuth#ATTRIBUTE}; signed out when there is none}
   *
   * @param request the request context
   */
  public static ClerkAuth auth(ContainerRequestContext request) {
    Objects.requireNonNull(request, "request == null");
    return ClerkAuth.of(request.getProperty(ClerkAuth.ATTRIBUTE) instanceof Auth a ? a : null);
  }

  /**
   * {@return the authentication behind a {@link ClerkPrincipal}; signed out when the principal is
   * absent or not Clerk's}
   *
   * @param security the security context
   */
  public static ClerkAuth auth(SecurityContext security) {
    Objects.requireNonNull(security, "security == null");
    return ClerkAuth.of(security.getUserPrincipal() instanceof ClerkPrincipal p ? p.auth() : null);
  }

  /**
   * {@return the whole decision about the request (status, reason, headers), if it was
   * authenticated}
   *
   * @param request the request context
   */
  public static Optional<RequestState> state(ContainerRequestContext request) {
    Objects.requireNonNull(request, "request == null");
    return request.getProperty(ClerkAuth.STATE_ATTRIBUTE) instanceof RequestState s
        ? Optional.of(s)
        : Optional.empty();
  }
}
