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
  enum Implementation {
    JERSEY,
    RESTEASY,
    OTHER
  }

  private static final System.Logger LOG = System.getLogger(RuntimeHooks.class.getName());

  private final Implementation runtime;

  /** Jersey's injection manager of the application (typed Object: Jersey is optional). */
  private final @Nullable Object injectionManager;

  private final boolean servlet;

  /** Why {@code @Context ClerkAuth} is not injected; null when it is. */
  private final @Nullable String noClerkAuthInjection;

  private final AtomicBoolean identityHookFailed = new AtomicBoolean();

  private RuntimeHooks(
      Implementation runtime,
      @Nullable Object injectionManager,
      boolean servlet,
      @Nullable String noClerkAuthInjection) {
    this.runtime = runtime;
    this.injectionManager = injectionManager;
    this.servlet = servlet;
    this.noClerkAuthInjection = noClerkAuthInjection;
  }

  /**
   * {@return the hooks of the runtime configuring {@code context}}, after registering in it the
   * hook that makes {@code @Context ClerkAuth} injectable, when the runtime has one (a hook that
   * cannot be installed is logged at WARNING, not thrown: only resources that ask for {@code
   * ClerkAuth} need it, and {@link ClerkDynamicFeature} fails their deployment)
   */
  static RuntimeHooks of(FeatureContext context) {
    Implementation runtime = detect(context);
    Object injectionManager = null;
    if (runtime == Implementation.JERSEY) {
      try {
        injectionManager = JerseyHooks.injectionManager(context);
      } catch (RuntimeException | LinkageError e) {
        LOG.log(System.Logger.Level.DEBUG, "Jersey's injection manager not reachable: " + e);
      }
    }
    String noInjection =
        switch (runtime) {
          case JERSEY -> install("Jersey", () -> JerseyHooks.registerContextInjection(context));
          case RESTEASY ->
              install("RESTEasy", () -> ResteasyHooks.registerContextInjection(context));
          case OTHER -> {
            String name = context.getConfiguration().getClass().getName();
            LOG.log(
                System.Logger.Level.DEBUG,
                "no @Context ClerkAuth hook for "
                    + name
                    + "; use ClerkJaxrs.auth(ContainerRequestContext)");
            yield "Clerk has no hook to inject it on this JAX-RS runtime ("
                + name
                + "), only on Jersey and RESTEasy";
          }
        };
    return new RuntimeHooks(
        runtime,
        injectionManager,
        isPresent("jakarta.servlet.http.HttpServletRequest"),
        noInjection);
  }

  /**
   * {@return hooks that know no runtime: the portable behaviour, without {@code @Context
   * ClerkAuth}}
   */
  static RuntimeHooks portable() {
    return new RuntimeHooks(
        Implementation.OTHER, null, false, "Clerk has no hook to inject it on this JAX-RS runtime");
  }

  /**
   * Installs a runtime's {@code @Context ClerkAuth} hook.
   *
   * @param runtime the runtime's name, for the log
   * @param hook registers the hook
   * @return null when it is installed, else why not
   */
  static @Nullable String install(String runtime, Runnable hook) {
    try {
      hook.run();
      return null;
    } catch (RuntimeException | LinkageError e) {
      // Never silent: a resource that takes @Context ClerkAuth would see null.
      String why = "Clerk's " + runtime + " hook for it cannot be installed (" + e + ")";
      LOG.log(
          System.Logger.Level.WARNING,
          "Clerk: @Context ClerkAuth cannot be injected: "
              + why
              + "; read the authentication with ClerkJaxrs.auth(SecurityContext) or"
              + " ClerkJaxrs.auth(ContainerRequestContext) instead");
      return why;
    }
  }

  /**
   * {@return why {@code @Context ClerkAuth} is not injected on this runtime, or null when it is}
   */
  @Nullable String noClerkAuthInjection() {
    return noClerkAuthInjection;
  }

  static Implementation detect(FeatureContext context) {
    String names =
        context.getClass().getName() + " " + context.getConfiguration().getClass().getName();
    if (names.contains("org.glassfish.jersey.")
        && isPresent("org.glassfish.jersey.server.ExtendedUriInfo")) {
      return Implementation.JERSEY;
    }
    if (names.contains("org.jboss.resteasy.")
        && isPresent("org.jboss.resteasy.spi.ContextInjector")) {
      return Implementation.RESTEASY;
    }
    return Implementation.OTHER;
  }

  /**
   * {@return the sub-resource locators the runtime invoked for this request, outermost first, when
   * it says exactly which (Jersey); null when the portable reconstruction must decide}
   */
  @Nullable List<LocatorChain.Step> locatorSteps(ContainerRequestContext context) {
    return runtime == Implementation.JERSEY ? JerseyHooks.locatorSteps(context) : null;
  }

  /**
   * Makes {@code @Context HttpServletRequest} show {@code principal} ({@code getUserPrincipal()},
   * {@code getRemoteUser()}, {@code isUserInRole}, {@code getAuthType()}), so that it never
   * disagrees with the request's decision (e.g. the servlet filter's session behind a method that
   * accepts API keys only). Jersey and RESTEasy; elsewhere the container's request is left as it
   * is.
   */
  void showIdentity(@Nullable ClerkPrincipal principal) {
    if (!servlet || runtime == Implementation.OTHER) {
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
                ServletSupport.httpServletRequestClass(),
                r -> ServletSupport.withIdentity(r, principal));
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
