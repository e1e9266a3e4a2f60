package dev.clerk.jakarta.cdi;

import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The interceptor binding that {@link RequireSignIn}, {@link RequireRole}, {@link
 * RequirePermission}, {@link RequireFeature}, {@link RequirePlan} and {@link RequireReverification}
 * carry, so that one {@link ClerkInterceptor} checks all of them at once (CDI's transitive
 * interceptor bindings). Written alone it requires nothing; use the annotations above.
 *
 * @since 0.1
 */
@Documented
@Inherited
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ClerkSecured {}
