package dev.clerk.jakarta.jaxrs;

import jakarta.ws.rs.core.FeatureContext;
import org.jspecify.annotations.Nullable;

/**
 * The few things JAX-RS cannot say portably, done per implementation and only when that
 * implementation is the one configuring us: {@code @Context ClerkAuth} injection, and reaching the
 * {@code ServletContext} at deployment. The implementation classes ({@link JerseyHooks}, {@link
 * ResteasyHooks}) are loaded only after their runtime was detected, so neither Jersey nor RESTEasy
 * is a dependency. Thread-safe (stateless).
 */
final class RuntimeHooks {
  enum Runtime {
    JERSEY,
    RESTEASY,
    OTHER
  }

  private static final System.Logger LOG = System.getLogger(RuntimeHooks.class.getName());

  private RuntimeHooks() {}

  static Runtime detect(FeatureContext context) {
    String names = context.getClass().getName() + " " + context.getConfiguration().getClass().getName();
    if (names.contains("org.glassfish.jersey.") && isPresent("org.glassfish.jersey.internal.inject.AbstractBinder")) {
      return Runtime.JERSEY;
    }
    if (names.contains("org.jboss.resteasy.") && isPresent("org.jboss.resteasy.spi.ContextInjector")) {
      return Runtime.RESTEASY;
    }
    return Runtime.OTHER;
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
