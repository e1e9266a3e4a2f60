/**
 * Clerk authentication for Jakarta REST (JAX-RS 3.1 and 4.0) resources, on any implementation.
 *
 * <p>Start with {@link dev.clerk.jakarta.jaxrs.ClerkAuthFeature}: register it (or let the runtime
 * discover it) and every resource method sees the request's Clerk authentication as {@code @Context
 * ClerkAuth}, as a {@link dev.clerk.jakarta.core.auth.ClerkPrincipal} in {@code @Context
 * SecurityContext}, and behind {@code @RolesAllowed}. The annotations {@link
 * dev.clerk.jakarta.jaxrs.RequireSignIn}, {@link dev.clerk.jakarta.jaxrs.RequirePermission}, {@link
 * dev.clerk.jakarta.jaxrs.RequireRole}, {@link dev.clerk.jakarta.jaxrs.RequireFeature}, {@link
 * dev.clerk.jakarta.jaxrs.RequirePlan} and {@link dev.clerk.jakarta.jaxrs.RequireReverification}
 * protect resources with Clerk's {@code has()}; {@link dev.clerk.jakarta.jaxrs.AcceptsToken} lets a
 * resource accept machine tokens. {@link dev.clerk.jakarta.jaxrs.ClerkJaxrs} reads the
 * authentication where {@code @Context ClerkAuth} is not available. For Clerk's webhooks, register
 * {@link dev.clerk.jakarta.jaxrs.ClerkWebhookFeature} and take a {@code WebhookEvent} entity, or
 * read the raw entity and use {@link dev.clerk.jakarta.jaxrs.ClerkWebhooks}.
 *
 * <p>The adapter only translates: every decision is made by {@link
 * dev.clerk.jakarta.core.Clerk#authenticateRequest}.
 *
 * @since 0.1
 */
@org.jspecify.annotations.NullMarked
package dev.clerk.jakarta.jaxrs;
