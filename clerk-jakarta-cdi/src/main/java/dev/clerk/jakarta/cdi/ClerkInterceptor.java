package dev.clerk.jakarta.cdi;

import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.authz.AccessDecision;
import dev.clerk.jakarta.core.authz.ClerkAccessException;
import dev.clerk.jakarta.core.authz.Requirement;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Checks the Clerk annotations of a CDI bean's business method ({@link RequireSignIn}, {@link
 * RequireRole}, {@link RequirePermission}, {@link RequireFeature}, {@link RequirePlan}, {@link
 * RequireReverification}) before it runs, against the request's {@link ClerkAuth}, with core's
 * {@link Requirement#decide} (as the JAX-RS feature decides its own annotations). Refused: a {@link
 * ClerkAccessException} ({@code 401} signed out, {@code 403} otherwise), and the method does not
 * run. Outside an active request context the caller counts as signed out.
 *
 * <p>The requirement is that of the method's own annotations and of the annotations declared on the
 * bean class and each of its superclasses: all hold. Enabled for the whole application by its
 * {@link Priority} ({@value #PRIORITY}: {@code PLATFORM_BEFORE + 150}, before transactions ({@code
 * + 200}) and every application interceptor). Thread-safe.
 *
 * @since 0.1
 */
@ClerkSecured
@Interceptor
@Priority(ClerkInterceptor.PRIORITY)
public class ClerkInterceptor {
  /** The interceptor's priority: {@code Interceptor.Priority.PLATFORM_BEFORE + 150}. */
  public static final int PRIORITY = Interceptor.Priority.PLATFORM_BEFORE + 150;

  /** Requirements by bean class and method; annotations do not change at run time. */
  private static final ClassValue<Map<Method, Requirement>> REQUIREMENTS =
      new ClassValue<>() {
        @Override
        protected Map<Method, Requirement> computeValue(Class<?> type) {
          return new ConcurrentHashMap<>();
        }
      };

  @Inject ClerkAuth auth;

  /** Creates the interceptor (CDI does). */
  public ClerkInterceptor() {}

  /**
   * Checks the requirement, then lets the method run.
   *
   * @param context the invocation
   * @return what the method returns
   * @throws ClerkAccessException when the request does not meet the requirement
   * @throws IllegalStateException naming the method when an annotation value is invalid
   * @throws Exception what the method throws
   */
  @AroundInvoke
  public Object check(InvocationContext context) throws Exception {
    Object target = context.getTarget();
    Method method = context.getMethod();
    if (method != null && target != null) {
      Requirement requirement =
          REQUIREMENTS
              .get(target.getClass())
              .computeIfAbsent(method, m -> Requirements.of(m, target.getClass()));
      if (!requirement.isEmpty()) {
        AccessDecision decision = requirement.decide(currentAuth());
        if (!decision.isAllowed()) {
          throw new ClerkAccessException(decision);
        }
      }
    }
    return context.proceed();
  }

  private @Nullable Auth currentAuth() {
    try {
      return auth.auth();
    } catch (ContextNotActiveException e) {
      return null; // no request at all (a timer, a thread of the application's): signed out
    }
  }
}
