/**
 * The Spring Boot example: {@link dev.clerk.jakarta.filter.ClerkFilter} registered with a {@code
 * FilterRegistrationBean} around a {@link dev.clerk.jakarta.core.Clerk} bean, and a controller that
 * reads the principal and {@link dev.clerk.jakarta.core.auth.ClerkAuth}. Start with {@link
 * dev.clerk.jakarta.examples.springboot.ClerkConfiguration}.
 */
@NullMarked
package dev.clerk.jakarta.examples.springboot;

import org.jspecify.annotations.NullMarked;
