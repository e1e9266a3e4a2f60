package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.core.auth.ClerkPrincipal;
import dev.clerk.jakarta.core.request.RequestState;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;

/**
 * The request a servlet sees when Clerk signed it in: {@link #getUserPrincipal()} is the {@link
 * ClerkPrincipal}, {@link #getRemoteUser()} its name (user id, or the machine token's subject),
 * {@link #getAuthType()} {@value ClerkFilter#AUTH_TYPE}, and {@link #isUserInRole} the active
 * organization role or an organization permission, with or without the {@code org:} prefix; the
 * role {@code **} holds for every signed-in request, as in the servlet specification.
 *
 * <p>Used by one request thread at a time, as any servlet request.
 */
final class ClerkServletRequest extends HttpServletRequestWrapper {
  private final ClerkPrincipal principal;

  ClerkServletRequest(HttpServletRequest request, ClerkPrincipal principal) {
    super(request);
    this.principal = principal;
  }

  /**
   * {@return {@code request} as the servlets behind the filter see it for {@code state}: when
   * signed in, wrapped with the state's {@link ClerkPrincipal} unless it already is (a forward
   * keeps the application's wrappers: no second wrapper is stacked); else {@code request} itself}
   *
   * @param request the request
   * @param state the filter's decision for it
   */
  static HttpServletRequest of(HttpServletRequest request, RequestState state) {
    if (!state.isSignedIn()) {
      return request;
    }
    ClerkPrincipal principal = ClerkPrincipal.of(state.auth());
    return request.getUserPrincipal() instanceof ClerkPrincipal p && p.equals(principal)
        ? request
        : new ClerkServletRequest(request, principal);
  }

  ClerkPrincipal principal() {
    return principal;
  }

  @Override
  public Principal getUserPrincipal() {
    return principal;
  }

  @Override
  public String getRemoteUser() {
    return principal.getName();
  }

  @Override
  public String getAuthType() {
    return ClerkFilter.AUTH_TYPE;
  }

  @Override
  public boolean isUserInRole(String role) {
    if (role == null) {
      return false;
    }
    return role.equals("**") || principal.isInRole(role);
  }
}
