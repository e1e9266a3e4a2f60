package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.auth.ClerkAuth;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.FeatureContext;
import java.util.function.Supplier;
import org.glassfish.jersey.InjectionManagerProvider;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.internal.inject.InjectionManager;
import org.glassfish.jersey.internal.inject.PerLookup;
import org.glassfish.jersey.server.spi.Container;
import org.glassfish.jersey.server.spi.ContainerLifecycleListener;
import org.jspecify.annotations.Nullable;

/**
 * Jersey: a binder that supplies {@code @Context ClerkAuth} per request, and the shutdown callback.
 * Loaded only on Jersey.
 */
final class JerseyHooks {
  private JerseyHooks() {}

  static void registerContextInjection(FeatureContext context) {
    context.register(new ClerkAuthBinder());
  }

  static @Nullable Object servletContext(FeatureContext context) {
    InjectionManager injectionManager = InjectionManagerProvider.getInjectionManager(context);
    return injectionManager.getInstance(ServletSupport.servletContextClass());
  }

  static void onShutdown(FeatureContext context, Runnable action) {
    context.register(new ShutdownListener(action));
  }

  /** Runs an action once, when Jersey shuts the application down. */
  static final class ShutdownListener implements ContainerLifecycleListener {
    private final java.util.concurrent.atomic.AtomicReference<@Nullable Runnable> action;

    ShutdownListener(Runnable action) {
      this.action = new java.util.concurrent.atomic.AtomicReference<>(action);
    }

    @Override
    public void onStartup(Container container) {
      // Nothing to start: the Clerk was built when the feature configured the application.
    }

    @Override
    public void onReload(Container container) {
      // Jersey calls onShutdown of the replaced application before reloading.
    }

    @Override
    public void onShutdown(Container container) {
      Runnable a = action.getAndSet(null);
      if (a != null) {
        a.run();
      }
    }
  }

  /** Binds {@link ClerkAuth}, read from the request on every injection. */
  static final class ClerkAuthBinder extends AbstractBinder {
    @Override
    protected void configure() {
      // Per lookup, not per request: a resource method whose @AcceptsToken differs is authenticated
      // again after its resource was instantiated; its parameters must see the second decision.
      bindFactory(ClerkAuthSupplier.class).to(ClerkAuth.class).proxy(false).in(PerLookup.class);
    }
  }

  /** Reads the request property the authentication filter set. */
  static final class ClerkAuthSupplier implements Supplier<ClerkAuth> {
    private final ContainerRequestContext request;

    @Inject
    ClerkAuthSupplier(ContainerRequestContext request) {
      this.request = request;
    }

    @Override
    public ClerkAuth get() {
      return ClerkJaxrs.auth(request);
    }
  }
}
