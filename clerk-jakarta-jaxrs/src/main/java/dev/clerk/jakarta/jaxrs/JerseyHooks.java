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
import org.jspecify.annotations.Nullable;

/** Jersey: a binder that supplies {@code @Context ClerkAuth} per request. Loaded only on Jersey. */
final class JerseyHooks {
  private JerseyHooks() {}

  static void registerContextInjection(FeatureContext context) {
    context.register(new ClerkAuthBinder());
  }

  static @Nullable Object servletContext(FeatureContext context) {
    InjectionManager injectionManager = InjectionManagerProvider.getInjectionManager(context);
    return injectionManager.getInstance(ServletSupport.servletContextClass());
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
