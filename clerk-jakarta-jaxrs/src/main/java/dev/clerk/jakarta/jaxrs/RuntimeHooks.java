package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.auth.ClerkPrincipal;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.FeatureContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The few things JAX-RS cannot say portably, done per implementation and only when that
 * implementation is the one configuring us: {@code @Context ClerkAuth} injection, reaching the
 * {@code ServletContext} at deployment, the exact sub-resource locators of a request (Jersey), and
 * the identity {@code @Context HttpServletRequest} shows. The implementation classes ({@link
 * JerseyHooks}, {@link ResteasyHooks}) are loaded only after their runtime was detected, so neither
 * Jersey nor RESTEasy is a dependency. One instance per application; thread-safe.
 */
final class RuntimeHooks {
  enum Runtime {
    JERSEY,
    RESTEASY,
    OTHER
  }

  private static final System.Logger LOG = System.getLogger(RuntimeHooks.class.getName());

  private final Runtime runtime;
  /** Jersey's injection manager of the application (typed Object: Jersey is optional). */
  private final @Nullable Object injectionManager;
  private final boolean servlet;
  private final AtomicBoolean identityHookFailed = new AtomicBoolean();

  private RuntimeHooks(Runtime runtime, @Nullable Object injectionManager, boolean servlet) {
    this.runtime = runtime;
    this.injectionManager = injectionManager;
    this.servlet = servlet;
  }

  /** {@return the hooks of the runtime configuring {@code context}} */
  static RuntimeHooks of(FeatureContext context) {
    Runtime runtime = detect(context);
    Object injectionManager = null;
    if (runtime == Runtime.JERSEY) {
      try {
        injectionManager = JerseyHooks.injectionManager(context);
      } catch (RuntimeException | LinkageError e) {
        LOG.log(System.Logger.Level.DEBUG, "Jersey's injection manager not reachable: " + e);
      }
    }
    return new RuntimeHooks(runtime, injectionManager, isPresent("jakarta.servlet.http.HttpServletRequest"));
  }

  /** {@return hooks that know no runtime: the portable behaviour} */
  static RuntimeHooks portable() {
    return new RuntimeHooks(Runtime.OTHER, null, false);
  }

  static Runtime detect(FeatureContext context) {
    String names = context.getClass().getName() + " " + context.getConfiguration().getClass().getName();
    if (names.contains("org.glassfish.jersey.") && isPresent("org.glassfish.jersey.server.ExtendedUriInfo")) {
      return Runtime.JERSEY;
    }
    if (names.contains("org.jboss.resteasy.") && isPresent("org.jboss.resteasy.spi.ContextInjector")) {
      return Runtime.RESTEASY;
    }
    return Runtime.OTHER;
  }

  /**
   * {@return the sub-resource locators the runtime invoked for this request, outermost first, when it
   * says exactly which (Jersey); null when the portable reconstruction must decide}
   */
  @Nullable List<LocatorChain.Step> locatorSteps(ContainerRequestContext context) {
    return runtime == Runtime.JERSEY ? JerseyHooks.locatorSteps(context) : null;
  }

  /**
   * Makes {@code @Context HttpServletRequest} show {@code principal} ({@code getUserPrincipal()},
   * {@code getRemoteUser()}, {@code isUserInRole}, {@code getAuthType()}), so that it never disagrees
   * with the request's decision (e.g. the servlet filter's session behind a method that accepts API
   * keys only). Jersey and RESTEasy; elsewhere the container's request is left as it is.
   */
  void showIdentity(@Nullable ClerkPrincipal principal) {
    if (!servlet || runtime == Runtime.OTHER) {
      return;
    }
    try {
      switch (runtime) {
        case JERSEY -> {
          if (injectionManager != null) {
            JerseyServletHooks.showIdentity(injectionManager, principal);
          }
        }
        case RESTEASY ->
            ResteasyHooks.replaceContextData(
                ServletSupport.httpServletRequestClass(), r -> ServletSupport.withIdentity(r, principal));
        case OTHER -> {}
      }
    } catch (RuntimeException | LinkageError e) {
      if (identityHookFailed.compareAndSet(false, true)) {
        LOG.log(
            System.Logger.Level.WARNING,
            "Clerk: @Context HttpServletRequest cannot show the request's Clerk identity on this runtime ("
                + e.getClass().getName()
                + "); use @Context ClerkAuth or SecurityContext");
      }
    }
  }

  /** Registers the hook that makes {@code @Context ClerkAuth} injectable, when there is one. */
  static void registerContextInjection(FeatureContext context) {
    switch (detect(context)) {
      case JERSEY -> JerseyHooks.registerContextInjection(context);
      case RESTEASY -> ResteasyHooks.registerContextInjection(context);
      case OTHER ->
          LOG.log(
              System.Logger.Level.DEBUG,
              "no @Context ClerkAuth hook for " + context.getConfiguration().getClass().getName()
                  + "; use ClerkJaxrs.auth(ContainerRequestContext)");
    }
  }

  /**
   * {@return the application's {@code ServletContext} (typed {@code Object}: the Servlet API is
   * optional), or null when the runtime is not servlet-based or the context cannot be reached}
   */
  static @Nullable Object servletContext(FeatureContext context) {
    if (!isPresent("jakarta.servlet.ServletContext")) {
      return null;
    }
    try {
      return switch (detect(context)) {
        case JERSEY -> JerseyHooks.servletContext(context);
        case RESTEASY -> ResteasyHooks.servletContext();
        case OTHER -> null;
      };
    } catch (RuntimeException | LinkageError e) {
      LOG.log(System.Logger.Level.DEBUG, "ServletContext not reachable: " + e);
      return null;
    }
  }

  static boolean isPresent(String className) {
    try {
      Class.forName(className, false, RuntimeHooks.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
