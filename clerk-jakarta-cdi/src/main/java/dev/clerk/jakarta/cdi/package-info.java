/**
 * Clerk for CDI beans: {@code @Inject ClerkAuth} (the request's authentication), {@code @Inject
 * Clerk} and {@code @Inject BackendApi} from {@link dev.clerk.jakarta.cdi.ClerkProducers}, and the
 * interceptor bindings {@link dev.clerk.jakarta.cdi.RequireSignIn}, {@link
 * dev.clerk.jakarta.cdi.RequireRole}, {@link dev.clerk.jakarta.cdi.RequirePermission}, {@link
 * dev.clerk.jakarta.cdi.RequireFeature}, {@link dev.clerk.jakarta.cdi.RequirePlan} and {@link
 * dev.clerk.jakarta.cdi.RequireReverification} for any bean's class or method, checked by {@link
 * dev.clerk.jakarta.cdi.ClerkInterceptor} with core's semantics ({@link
 * dev.clerk.jakarta.core.authz.Requirement}) and refused with a {@link
 * dev.clerk.jakarta.core.authz.ClerkAccessException}. Start with {@link
 * dev.clerk.jakarta.cdi.ClerkProducers}.
 */
@NullMarked
package dev.clerk.jakarta.cdi;

import org.jspecify.annotations.NullMarked;
