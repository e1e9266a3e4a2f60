package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.auth.ClerkAuth;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.glassfish.jersey.InjectionManagerProvider;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.internal.inject.Binder;
import org.glassfish.jersey.internal.inject.Binding;
import org.glassfish.jersey.internal.inject.InjectionManager;
import org.glassfish.jersey.internal.inject.PerLookup;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.model.Invocable;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.jspecify.annotations.Nullable;

/**
 * Jersey: a binder that supplies {@code @Context ClerkAuth} per request, and the sub-resource
 * locators of a request as Jersey matched them. Loaded only on Jersey; works on Jersey 3.1 (Jakarta
 * EE 10) and 4.0 (Jakarta EE 11).
 */
final class JerseyHooks {
  /** Jersey 3.1's binder base class, which Jersey 4.0 removed. */
  private static final String ABSTRACT_BINDER =
      "org.glassfish.jersey.internal.inject.AbstractBinder";

  /**
   * Jersey 4.0's binding factory ({@code Bindings.supplier(Class)}, moved from {@code
   * internal.inject}).
   */
  private static final String BINDINGS = "org.glassfish.jersey.innate.inject.Bindings";

  private JerseyHooks() {}

  /**
   * Registers the binder of {@code @Context ClerkAuth}: on Jersey 3.1 a subclass of its {@code
   * AbstractBinder} (3.1 installs no other binder: it copies them into an {@code
   * AbstractBinder[]}), on Jersey 4.0, which removed that class and takes any {@link Binder}, a
   * plain one.
   *
   * @throws IllegalStateException when this Jersey has neither
   */
  static void registerContextInjection(FeatureContext context) {
    if (RuntimeHooks.isPresent(ABSTRACT_BINDER)) {
      context.register(new Jersey3Binder());
    } else {
      context.register(new Jersey4Binder());
    }
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

  /** Jersey 3.1: binds {@link ClerkAuth}, read from the request on every injection. */
  static final class Jersey3Binder extends AbstractBinder {
    @Override
    protected void configure() {
      // Per lookup, not per request: a resource method whose @AcceptsToken differs is authenticated
      // again after its resource was instantiated; its parameters must see the second decision.
      bindFactory(ClerkAuthSupplier.class).to(ClerkAuth.class).proxy(false).in(PerLookup.class);
    }
  }

  /**
   * Jersey 4.0: binds {@link ClerkAuth} as {@link Jersey3Binder} does, through the API both share
   * ({@link Binder}, {@link Binding}) and Jersey 4.0's binding factory, found reflectively (this
   * class is compiled against Jersey 3.1). The binding is made when the binder is constructed, so a
   * Jersey without that factory fails at registration, where {@link RuntimeHooks} reports it.
   */
  @SuppressWarnings("rawtypes") // Binder.getBindings() is declared with the raw Binding type.
  static final class Jersey4Binder implements Binder {
    private final List<Binding> bindings;

    Jersey4Binder() {
      Binding<?, ?> binding = supplierBinding(ClerkAuthSupplier.class);
      // Each call changes the binding itself (and returns it, typed for a chaining not usable
      // here).
      binding.to((Type) ClerkAuth.class);
      binding.proxy(false);
      binding.in(PerLookup.class);
      this.bindings = List.of(binding);
    }

    @Override
    public Collection<Binding> getBindings() {
      return bindings;
    }
  }

  /**
   * {@return Jersey 4.0's {@code Bindings.supplier(supplier)}}
   *
   * @throws IllegalStateException when this Jersey does not have it
   */
  static Binding<?, ?> supplierBinding(Class<? extends Supplier<?>> supplier) {
    try {
      Class<?> bindings = Class.forName(BINDINGS, true, Binder.class.getClassLoader());
      return (Binding<?, ?>) bindings.getMethod("supplier", Class.class).invoke(null, supplier);
    } catch (ClassNotFoundException
        | NoSuchMethodException
        | IllegalAccessException
        | InvocationTargetException
        | ClassCastException e) {
      throw new IllegalStateException(
          "neither " + ABSTRACT_BINDER + " nor " + BINDINGS + ".supplier(Class) is usable: " + e,
          e);
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
