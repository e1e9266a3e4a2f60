package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.ClerkSetting;
import dev.clerk.jakarta.core.SharedClerk;
import dev.clerk.jakarta.core.auth.ClerkPrincipal;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.security.Principal;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The servlet types the adapter needs (with {@link JerseyServletHooks}); loaded only when the
 * Servlet API is present.
 */
final class ServletSupport {
  /** The servlet filter's class, by name: the servlet filter module is not a dependency. */
  static final String CLERK_FILTER = "dev.clerk.jakarta.filter.ClerkFilter";

  private static final System.Logger LOG = System.getLogger(ServletSupport.class.getName());

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

  /**
   * {@return the application's attributes, as {@link SharedClerk} reads them}
   *
   * @param servletContext a {@code ServletContext}
   */
  static SharedClerk.Attributes attributes(Object servletContext) {
    ServletContext sc = (ServletContext) servletContext;
    return SharedClerk.Attributes.of(sc::getAttribute, sc::setAttribute, sc::removeAttribute);
  }

  /**
   * The init-params of the application's {@code ClerkFilter} registration, read so that the
   * feature, when it starts before the filter (filters start lazily on WildFly/Undertow), builds
   * the Clerk from the same settings as the filter would.
   *
   * @param filterName the registration's name, or null when there is none
   * @param initParams its init-params (all of them; {@link SharedClerk} keeps the Clerk settings)
   */
  record ClerkFilterParams(@Nullable String filterName, Map<String, String> initParams) {
    static final ClerkFilterParams NONE = new ClerkFilterParams(null, Map.of());
  }

  /**
   * {@return the init-params of the first {@code ClerkFilter} registration (by name) whose
   * init-params name a Clerk setting; a registration counts when its class is {@value
   * #CLERK_FILTER} or a subclass}
   *
   * @param servletContext a {@code ServletContext}
   */
  static ClerkFilterParams clerkFilterParams(Object servletContext) {
    if (!(servletContext instanceof ServletContext sc)) {
      return ClerkFilterParams.NONE;
    }
    Map<String, ? extends FilterRegistration> registrations;
    try {
      registrations = new TreeMap<>(sc.getFilterRegistrations());
    } catch (RuntimeException e) {
      // A context handed to an undeclared listener refuses (UnsupportedOperationException).
      LOG.log(System.Logger.Level.DEBUG, "ServletContext filter registrations not readable: " + e);
      return ClerkFilterParams.NONE;
    }
    Set<String> settings =
        Stream.of(ClerkSetting.values()).map(ClerkSetting::initParam).collect(Collectors.toSet());
    for (Map.Entry<String, ? extends FilterRegistration> e : registrations.entrySet()) {
      FilterRegistration r = e.getValue();
      if (r != null && isClerkFilter(r.getClassName(), sc)) {
        Map<String, String> params = r.getInitParameters();
        if (params != null && params.keySet().stream().anyMatch(settings::contains)) {
          return new ClerkFilterParams(e.getKey(), Map.copyOf(params));
        }
      }
    }
    return ClerkFilterParams.NONE;
  }

  private static boolean isClerkFilter(@Nullable String className, ServletContext sc) {
    if (className == null) {
      return false;
    }
    if (className.equals(CLERK_FILTER)) {
      return true;
    }
    try {
      for (Class<?> c = Class.forName(className, false, sc.getClassLoader());
          c != null;
          c = c.getSuperclass()) {
        if (c.getName().equals(CLERK_FILTER)) {
          return true;
        }
      }
    } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
      LOG.log(System.Logger.Level.DEBUG, "filter class " + className + " not loadable: " + e);
    }
    return false;
  }

  /**
   * {@return {@code request} itself when its principal is {@code principal}, else a view of it
   * whose identity is {@code principal}} An earlier view is replaced, not wrapped again.
   *
   * @param request an {@code HttpServletRequest} (typed Object for callers without the Servlet API)
   */
  static Object withIdentity(Object request, @Nullable ClerkPrincipal principal) {
    if (!(request instanceof HttpServletRequest r)) {
      return request;
    }
    HttpServletRequest base =
        r instanceof IdentityView view ? (HttpServletRequest) view.getRequest() : r;
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
