package dev.clerk.jakarta.jaxrs;

import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Binds to each resource method a second authentication filter when its {@link AcceptsToken}
 * differs from the application's, and the authorization filter when it asks for anything. Annotation values are checked here,
 * so a mistake fails the deployment with a message naming the method. Thread-safe.
 */
final class ClerkDynamicFeature implements DynamicFeature {
  private final ClerkAuthenticator authenticator;

  ClerkDynamicFeature(ClerkAuthenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public void configure(ResourceInfo resourceInfo, FeatureContext context) {
    Method method = resourceInfo.getResourceMethod();
    Class<?> resourceClass = resourceInfo.getResourceClass();
    dev.clerk.jakarta.core.auth.AcceptsToken accepts = authenticator.applicationAcceptsToken();
    Requirement requirement = Requirement.NONE;
    if (method != null && resourceClass != null) {
      accepts = acceptsToken(method, resourceClass, accepts);
      requirement = Requirement.of(method, resourceClass);
    }
    if (!accepts.equals(authenticator.applicationAcceptsToken())) {
      // The application-wide filter authenticated with the application's types: again with these.
      try {
        authenticator.check(accepts);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "@AcceptsToken on " + where(method, resourceClass) + ": " + e.getMessage(), e);
      }
      context.register(
          new ClerkRequestFilter.ResourceMethod(authenticator.clerk(), accepts), Priorities.AUTHENTICATION);
    }
    if (!requirement.isEmpty()) {
      context.register(new ClerkAuthorizationFilter(requirement), Priorities.AUTHORIZATION);
    }
  }

  static dev.clerk.jakarta.core.auth.AcceptsToken acceptsToken(
      Method method, Class<?> resourceClass, dev.clerk.jakarta.core.auth.AcceptsToken fallback) {
    AcceptsToken annotation = method.getAnnotation(AcceptsToken.class);
    if (annotation == null) {
      annotation = resourceClass.getAnnotation(AcceptsToken.class);
    }
    if (annotation == null) {
      return fallback;
    }
    String[] values = annotation.value();
    try {
      if (values.length == 0) {
        throw new IllegalArgumentException("no token type given");
      }
      String setting =
          values.length == 1
              ? values[0]
              : Arrays.stream(values).map(String::trim).collect(Collectors.joining(",", "[", "]"));
      return dev.clerk.jakarta.core.auth.AcceptsToken.parse(setting);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "@AcceptsToken on " + where(method, resourceClass) + ": " + e.getMessage(), e);
    }
  }

  private static String where(@Nullable Method method, @Nullable Class<?> resourceClass) {
    return (resourceClass == null ? "?" : resourceClass.getName())
        + "#"
        + (method == null ? "?" : method.getName());
  }
}
