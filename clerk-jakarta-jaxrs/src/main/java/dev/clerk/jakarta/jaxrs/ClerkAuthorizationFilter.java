package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.authz.AccessDecision;
import dev.clerk.jakarta.core.authz.Requirement;
import dev.clerk.jakarta.core.request.Denial;
import dev.clerk.jakarta.core.request.Refusal;
import dev.clerk.jakarta.core.request.Refusals;
import dev.clerk.jakarta.core.request.RequestState;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Enforces the {@link Requirement} of a request after authentication, for one resource method
 * (bound by {@link ClerkDynamicFeature}): the method's own and those of every class and locator on
 * its path ({@link LocatorChain}), decided by core ({@link Requirement#decide}, as the CDI
 * interceptors decide). {@code 401} (or {@code 503}, or a browser page's redirect to the sign-in
 * URL) when signed out, {@code 403} when a role or {@code has()} check fails, {@code 403} for
 * {@code @DenyAll}: core's {@link Refusals}, as the servlet filter answers. Every request method is
 * enforced alike, an explicitly declared {@code OPTIONS} method included; only the runtime's
 * automatic {@code OPTIONS} answer is not. Thread-safe (immutable).
 */
@jakarta.annotation.Priority(Priorities.AUTHORIZATION)
final class ClerkAuthorizationFilter implements ContainerRequestFilter {
  /** Request property: a Clerk authorization filter decided this request (see {@link Guard}). */
  static final String AUTHORIZED_PROPERTY = "dev.clerk.jakarta.jaxrs.authorized";

  private final ResourceBinding binding;
  private final LocatorChain chain;
  private final Refusals refusals;

  ClerkAuthorizationFilter(ResourceBinding binding, LocatorChain chain, Refusals refusals) {
    this.binding = binding;
    this.chain = chain;
    this.refusals = refusals;
  }

  @Override
  public void filter(ContainerRequestContext context) {
    context.setProperty(AUTHORIZED_PROPERTY, true);
    Requirement requirement = chain.rules(context, binding).requirement();
    if (requirement.isEmpty()) {
      return;
    }
    Auth auth = context.getProperty(ClerkAuth.ATTRIBUTE) instanceof Auth a ? a : null;
    // As the specification says, @RolesAllowed asks the SecurityContext (ours, showing only the
    // decision).
    SecurityContext security = context.getSecurityContext();
    boolean principal = security != null && security.getUserPrincipal() != null;
    AccessDecision decision =
        requirement.decide(
            auth, principal, role -> security != null && security.isUserInRole(role));
    if (!decision.isAllowed()) {
      RequestState state = ClerkJaxrs.state(context).orElse(null);
      refuse(context, decision.refusal(refusals, Denials.request(context), state));
    }
  }

  private static void refuse(ContainerRequestContext context, Refusal refusal) {
    Denials.abort(context, refusal);
  }

  /**
   * Application-wide, right after the bound filters: refuses a matched request that no Clerk
   * authorization filter saw, which happens only on a runtime that does not apply {@code
   * DynamicFeature}s to every resource method (sub-resource methods included). Fail closed, logged
   * once. Thread-safe.
   */
  @jakarta.annotation.Priority(Priorities.AUTHORIZATION + 1)
  static final class Guard implements ContainerRequestFilter {
    private static final System.Logger LOG = System.getLogger(Guard.class.getName());
    private final AtomicBoolean logged = new AtomicBoolean();
    private final Refusals refusals;

    Guard(Refusals refusals) {
      this.refusals = refusals;
    }

    @Override
    public void filter(ContainerRequestContext context) {
      Object authorized = context.getProperty(AUTHORIZED_PROPERTY);
      // Removed at once: a request property outlives this dispatch into a forwarded one.
      context.removeProperty(AUTHORIZED_PROPERTY);
      if (authorized == null) {
        if (logged.compareAndSet(false, true)) {
          LOG.log(
              System.Logger.Level.WARNING,
              "Clerk: a request reached a resource method no Clerk authorization filter was bound to"
                  + " (the runtime did not apply ClerkAuthFeature's DynamicFeature to it); refused");
        }
        refuse(context, refusals.forbidden(Denials.request(context), Denial.ACCESS_DENIED));
      }
    }
  }
}
