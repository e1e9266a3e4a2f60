package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.auth.ClerkPrincipal;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The servlet types the adapter needs (with {@link JerseyServletHooks}); loaded only when the Servlet
 * API is present.
 */
final class ServletSupport {
  private ServletSupport() {}

  static Class<?> servletContextClass() {
    return ServletContext.class;
  }

  static Class<?> httpServletRequestClass() {
    return HttpServletRequest.class;
  }

  static @Nullable Object attribute(Object servletContext, String name) {
    return servletContext instanceof ServletContext sc ? sc.getAttribute(name) : null;
  }

  /** Removes the attribute if it still holds {@code value}. */
  static void removeIfSame(Object servletContext, String name, Object value) {
    if (servletContext instanceof ServletContext sc) {
      synchronized (sc) {
        if (sc.getAttribute(name) == value) {
          sc.removeAttribute(name);
        }
      }
    }
  }

  /** Sets the attribute unless it is set; returns the value now in place. */
  static @Nullable Object setIfAbsent(Object servletContext, String name, Object value) {
    if (!(servletContext instanceof ServletContext sc)) {
      return null;
    }
    synchronized (sc) {
      Object existing = sc.getAttribute(name);
      if (existing != null) {
        return existing;
      }
      sc.setAttribute(name, value);
      return value;
    }
  }

  /**
   * {@return {@code request} itself when its principal is {@code principal}, else a view of it whose
   * identity is {@code principal}} An earlier view is replaced, not wrapped again.
   *
   * @param request an {@code HttpServletRequest} (typed Object for callers without the Servlet API)
   */
  static Object withIdentity(Object request, @Nullable ClerkPrincipal principal) {
    if (!(request instanceof HttpServletRequest r)) {
      return request;
    }
    HttpServletRequest base = r instanceof IdentityView view ? (HttpServletRequest) view.getRequest() : r;
    if (Objects.equals(base.getUserPrincipal(), principal)) {
      return base;
    }
    return new IdentityView(base, principal);
  }

  /** The servlet request with the decision's identity. One request thread at a time. */
  static final class IdentityView extends HttpServletRequestWrapper {
    private final @Nullable ClerkPrincipal principal;

    IdentityView(HttpServletRequest request, @Nullable ClerkPrincipal principal) {
      super(request);
      this.principal = principal;
    }

    @Override
    public @Nullable Principal getUserPrincipal() {
      return principal;
    }

    @Override
    public @Nullable String getRemoteUser() {
      return principal == null ? null : principal.getName();
    }

    @Override
    public @Nullable String getAuthType() {
      return principal == null ? null : ClerkAuthFeature.AUTHENTICATION_SCHEME;
    }

    @Override
    public boolean isUserInRole(@Nullable String role) {
      // As the servlet filter's request: "**" is every authenticated user (Servlet 6.0, 13.3).
      return principal != null && role != null && (role.equals("**") || principal.isInRole(role));
    }
  }
}
