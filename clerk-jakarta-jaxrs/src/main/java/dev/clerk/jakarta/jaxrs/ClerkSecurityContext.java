package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.auth.ClerkPrincipal;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * The {@link SecurityContext} of a request Clerk authenticated: the {@link ClerkPrincipal}, its
 * roles (organization role and permissions), scheme {@value ClerkAuthFeature#AUTHENTICATION_SCHEME}
 * and the container's {@code isSecure()}. Immutable and thread-safe.
 */
final class ClerkSecurityContext implements SecurityContext {
  private final ClerkPrincipal principal;
  private final boolean secure;

  ClerkSecurityContext(ClerkPrincipal principal, boolean secure) {
    this.principal = principal;
    this.secure = secure;
  }

  @Override
  public Principal getUserPrincipal() {
    return principal;
  }

  @Override
  public boolean isUserInRole(String role) {
    return role != null && principal.isInRole(role);
  }

  @Override
  public boolean isSecure() {
    return secure;
  }

  @Override
  public String getAuthenticationScheme() {
    return ClerkAuthFeature.AUTHENTICATION_SCHEME;
  }

  @Override
  public String toString() {
    return "ClerkSecurityContext{" + principal + "}";
  }
}
