package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.auth.ClerkAuth;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.glassfish.jersey.InjectionManagerProvider;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.internal.inject.InjectionManager;
import org.glassfish.jersey.internal.inject.PerLookup;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.Invocable;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.jspecify.annotations.Nullable;

/**
 * Jersey: a binder that supplies {@code @Context ClerkAuth} per request, and the sub-resource
 * locators of a request as Jersey matched them. Loaded only on Jersey.
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

  static Object injectionManager(FeatureContext context) {
    return InjectionManagerProvider.getInjectionManager(context);
  }

  /**
   * {@return the locators Jersey invoked ({@code ExtendedUriInfo.getMatchedResourceLocators()},
   * last first), outermost first, each with the class it was invoked on; null when Jersey's
   * information is not there}
   */
  static @Nullable List<LocatorChain.Step> locatorSteps(ContainerRequestContext context) {
    if (!(context.getUriInfo() instanceof ExtendedUriInfo info)) {
      return null;
    }
    List<ResourceMethod> locators = info.getMatchedResourceLocators();
    List<LocatorChain.Step> steps = new ArrayList<>(locators.size());
    for (int i = locators.size() - 1; i >= 0; i--) {
      Invocable invocable = locators.get(i).getInvocable();
      Method method = invocable.getHandlingMethod();
      Class<?> type = invocable.getHandler().getHandlerClass();
      if (method == null || type == null) {
        return null;
      }
      steps.add(new LocatorChain.Step(method, type));
    }
    return steps;
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
