package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.auth.ClerkPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.GenericType;
import java.lang.reflect.Type;
import org.glassfish.jersey.internal.inject.InjectionManager;
import org.glassfish.jersey.internal.util.collection.Ref;
import org.jspecify.annotations.Nullable;

/**
 * Jersey in a servlet container: the request {@code @Context HttpServletRequest} resolves to is
 * held in a request-scoped {@code Ref<HttpServletRequest>}; replacing it there makes resources see
 * the request's Clerk identity. Loaded only on Jersey with the Servlet API present.
 */
final class JerseyServletHooks {
  private static final Type REQUEST_REF = new GenericType<Ref<HttpServletRequest>>() {}.getType();

  private JerseyServletHooks() {}

  static void showIdentity(Object injectionManager, @Nullable ClerkPrincipal principal) {
    Ref<HttpServletRequest> ref = ((InjectionManager) injectionManager).getInstance(REQUEST_REF);
    if (ref == null) {
      return;
    }
    HttpServletRequest current = ref.get();
    if (current == null) {
      return;
    }
    Object shown = ServletSupport.withIdentity(current, principal);
    if (shown != current) {
      ref.set((HttpServletRequest) shown);
    }
  }
}
