package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.auth.ClerkPrincipal;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import org.jspecify.annotations.Nullable;

/**
 * The {@link SecurityContext} of a request once Clerk decided it: the decision is the only identity
 * it shows. Signed in: the {@link ClerkPrincipal}, its roles (organization role and permissions),
 * scheme {@value ClerkAuthFeature#AUTHENTICATION_SCHEME}. Signed out: no principal and no role,
 * even when the container's context had one (for instance the servlet filter's session, behind a
 * method that accepts API keys only). {@code isSecure()} is the container's; a signed-out context
 * reports the container's scheme only when the container's context had no principal either ({@code
 * getAuthenticationScheme()} is null for an unauthenticated request). Immutable and thread-safe.
 */
final class ClerkSecurityContext implements SecurityContext {
  private final @Nullable ClerkPrincipal principal;
  private final @Nullable SecurityContext container;
  private final boolean secure;

  private ClerkSecurityContext(
      @Nullable ClerkPrincipal principal, @Nullable SecurityContext container, boolean secure) {
    this.principal = principal;
    this.container = container;
    this.secure = secure;
  }

  /**
   * {@return the context of a decision}
   *
   * @param principal the signed-in principal, or null when signed out
   * @param container the container's own context, or null when there is none
   * @param secure whether the request came over HTTPS, when there is no container context
   */
  static ClerkSecurityContext of(
      @Nullable ClerkPrincipal principal, @Nullable SecurityContext container, boolean secure) {
    return new ClerkSecurityContext(principal, container, secure);
  }

  /** {@return the container's own context this one replaced, or null} */
  @Nullable SecurityContext container() {
    return container;
  }

  @Override
  public @Nullable Principal getUserPrincipal() {
    return principal;
  }

  @Override
  public boolean isUserInRole(@Nullable String role) {
    return principal != null && role != null && principal.isInRole(role);
  }

  @Override
  public boolean isSecure() {
    return container != null ? container.isSecure() : secure;
  }

  @Override
  public @Nullable String getAuthenticationScheme() {
    if (principal != null) {
      return ClerkAuthFeature.AUTHENTICATION_SCHEME;
    }
    // The container's scheme belongs to its principal, which a signed-out decision does not show.
    return container != null && container.getUserPrincipal() == null
        ? container.getAuthenticationScheme()
        : null;
  }

  @Override
  public String toString() {
    return "ClerkSecurityContext{" + (principal == null ? "signed out" : principal) + "}";
  }
}
