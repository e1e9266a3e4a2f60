package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.Clerk;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/**
 * Binds to every resource method (root resources and sub-resources alike) a {@link
 * ClerkRequestFilter.ResourceMethod} at {@code Priorities.AUTHENTICATION} and a {@link
 * ClerkAuthorizationFilter} at {@code Priorities.AUTHORIZATION}, which decide at request time from
 * the method's rules and those of its path ({@link LocatorChain}). The annotations of the method,
 * its class's hierarchy and the class's locators are read and checked here, so a mistake fails the
 * deployment with a message naming the method (the rest of a path, known only at request time,
 * refuses its requests instead); so does a {@code @Context ClerkAuth} the runtime cannot inject.
 * Thread-safe.
 */
final class ClerkDynamicFeature implements DynamicFeature {
  private final ClerkAuthenticator authenticator;
  private final RuntimeHooks hooks;
  private final LocatorChain chain;

  ClerkDynamicFeature(ClerkAuthenticator authenticator, RuntimeHooks hooks, LocatorChain chain) {
    this.authenticator = authenticator;
    this.hooks = hooks;
    this.chain = chain;
  }

  @Override
  public void configure(ResourceInfo resourceInfo, FeatureContext context) {
    ResourceBinding binding =
        bind(resourceInfo.getResourceMethod(), resourceInfo.getResourceClass());
    Clerk clerk = authenticator.clerk();
    context.register(
        new ClerkRequestFilter.ResourceMethod(clerk, hooks, binding, chain),
        Priorities.AUTHENTICATION);
    context.register(
        new ClerkAuthorizationFilter(binding, chain, clerk.refusals()), Priorities.AUTHORIZATION);
  }

  /**
   * {@return the binding of one resource method}
   *
   * @throws IllegalArgumentException naming the method when an annotation of it, its class's
   *     hierarchy or one of the class's locators is invalid
   * @throws IllegalStateException naming where when the resource takes {@code @Context ClerkAuth}
   *     and the runtime cannot inject it
   */
  ResourceBinding bind(@Nullable Method method, @Nullable Class<?> type) {
    if (method == null || type == null) {
      return new ResourceBinding(method, type, Rules.NONE, true);
    }
    String noInjection = hooks.noClerkAuthInjection();
    if (noInjection != null) {
      String where = ClerkAuthInjectionPoints.find(method, type);
      if (where != null) {
        throw new IllegalStateException(
            "@Context ClerkAuth in "
                + where
                + " cannot be injected: "
                + noInjection
                + "; read the authentication with ClerkJaxrs.auth(SecurityContext) or"
                + " ClerkJaxrs.auth(ContainerRequestContext) instead");
      }
    }
    Rules rules = checked(method, type);
    for (Method locator : Hierarchy.locators(type)) {
      checked(locator, type);
    }
    return new ResourceBinding(method, type, rules, !Hierarchy.isDesignated(method, type));
  }

  private Rules checked(Method method, Class<?> type) {
    Rules rules = Rules.of(method, type);
    dev.clerk.jakarta.core.auth.AcceptedTokens accepts = rules.accepts();
    if (accepts != null && !accepts.equals(authenticator.applicationAcceptsToken())) {
      try {
        authenticator.check(accepts);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "@AcceptsToken on " + type.getName() + "#" + method.getName() + ": " + e.getMessage(),
            e);
      }
    }
    return rules;
  }
}
