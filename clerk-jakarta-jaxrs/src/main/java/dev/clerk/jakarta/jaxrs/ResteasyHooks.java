package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.function.UnaryOperator;
import org.jboss.resteasy.core.ResteasyContext;
import org.jboss.resteasy.spi.ContextInjector;
import org.jboss.resteasy.spi.HttpRequest;
import org.jboss.resteasy.spi.ResteasyProviderFactory;
import org.jspecify.annotations.Nullable;

/**
 * RESTEasy: a {@code ContextInjector} for {@code @Context ClerkAuth}, and the replacement of a
 * request's context data (what {@code @Context} resolves to for the rest of the request). Loaded
 * only on RESTEasy.
 */
final class ResteasyHooks {
  private ResteasyHooks() {}

  static void registerContextInjection(FeatureContext context) {
    context.register(new ClerkAuthInjector());
  }

  static @Nullable Object servletContext() {
    return ResteasyProviderFactory.getInstance()
        .getContextData(ServletSupport.servletContextClass());
  }

  /**
   * Replaces the current request's context data of {@code type} with what {@code replace} gives.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static void replaceContextData(Class<?> type, UnaryOperator<Object> replace) {
    Object current = ResteasyProviderFactory.getInstance().getContextData(type);
    if (current == null) {
      return;
    }
    Object replaced = replace.apply(current);
    if (replaced != current) {
      ResteasyContext.pushContext((Class) type, replaced);
    }
  }

  /** Resolves {@code @Context ClerkAuth} from the current request's property. */
  static final class ClerkAuthInjector implements ContextInjector<ClerkAuth, ClerkAuth> {
    @Override
    public ClerkAuth resolve(
        Class<? extends ClerkAuth> rawType, Type genericType, Annotation[] annotations) {
      HttpRequest request = ResteasyProviderFactory.getInstance().getContextData(HttpRequest.class);
      if (request == null) {
        throw new IllegalStateException(
            "@Context ClerkAuth is per request: inject it into a resource method parameter or a"
                + " field of a per-request resource, not of a singleton");
      }
      return ClerkAuth.of(request.getAttribute(ClerkAuth.ATTRIBUTE) instanceof Auth a ? a : null);
    }
  }
}
