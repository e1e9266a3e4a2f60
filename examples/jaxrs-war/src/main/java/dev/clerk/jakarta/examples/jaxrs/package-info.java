/**
 * The JAX-RS example: start with {@link dev.clerk.jakarta.examples.jaxrs.ExampleApplication}, which
 * registers {@link dev.clerk.jakarta.jaxrs.ClerkAuthFeature}; {@link
 * dev.clerk.jakarta.examples.jaxrs.ExampleResource} shows {@code @Context ClerkAuth} and
 * {@code @RolesAllowed}.
 *
 * @since 0.1
 */
@org.jspecify.annotations.NullMarked
package dev.clerk.jakarta.examples.jaxrs;
