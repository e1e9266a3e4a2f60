package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.auth.Authorization;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.request.RequestState;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Objects;

/**
 * Enforces one resource method's {@link Requirement} after authentication: {@code 401} (or {@code
 * 503}) when signed out, {@code 403} when a role or {@code has()} check fails, {@code 403} for
 * {@code @DenyAll}. Thread-safe (immutable).
 */
@jakarta.annotation.Priority(Priorities.AUTHORIZATION)
final class ClerkAuthorizationFilter implements ContainerRequestFilter {
  private final Requirement requirement;

  ClerkAuthorizationFilter(Requirement requirement) {
    this.requirement = requirement;
  }

  @Override
  public void filter(ContainerRequestContext context) {
    if (ClerkRequestFilter.isPreflight(context)) {
      return;
    }
    if (requirement.denyAll()) {
      context.abortWith(Denials.forbidden());
      return;
    }
    RequestState state = ClerkJaxrs.state(context).orElse(null);
    List<String> roles = requirement.roles();
    if (roles != null) {
      // As the specification says: the SecurityContext decides (ours when Clerk signed the request in).
      SecurityContext security = context.getSecurityContext();
      if (security == null || security.getUserPrincipal() == null) {
        context.abortWith(Denials.unauthenticated(state));
        return;
      }
      if (roles.stream().noneMatch(security::isUserInRole)) {
        context.abortWith(Denials.forbidden());
        return;
      }
    }
    boolean needsAuth =
        requirement.signIn() || requirement.scope() != null || requirement.reverification() != null;
    if (!needsAuth) {
      return;
    }
    Auth auth = context.getProperty(ClerkAuth.ATTRIBUTE) instanceof Auth a ? a : null;
    if (auth == null || !auth.isAuthenticated()) {
      context.abortWith(Denials.unauthenticated(state));
      return;
    }
    Authorization scope = requirement.scope();
    if (scope != null && !auth.has(scope)) {
      context.abortWith(Denials.forbidden());
      return;
    }
    if (requirement.reverification() != null
        && !auth.has(Authorization.reverification(requirement.reverification()))) {
      context.abortWith(
          Denials.reverificationRequired(Objects.requireNonNull(requirement.reverificationHint())));
    }
  }
}
