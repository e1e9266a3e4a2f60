/**
 * Clerk's signed webhooks: verify a delivery and read it as a typed event.
 *
 * <p>Start with {@link dev.clerk.jakarta.core.webhooks.Webhooks}: get one from {@code
 * Clerk.webhooks()} (setting {@code CLERK_WEBHOOK_SIGNING_SECRET}) or build one from your
 * endpoint's {@code whsec_…} signing secret, then call {@link
 * dev.clerk.jakarta.core.webhooks.Webhooks#verify} with the request's headers and its raw body
 * bytes. It checks the Svix / Standard Webhooks signature ({@code svix-id}, {@code svix-timestamp},
 * {@code svix-signature}, or the {@code webhook-*} names) and the timestamp, and yields a {@link
 * dev.clerk.jakarta.core.webhooks.WebhookEvent}, or throws a {@link
 * dev.clerk.jakarta.core.webhooks.WebhookVerificationException} whose {@link
 * dev.clerk.jakarta.core.webhooks.WebhookVerificationReason} says why. The servlet and JAX-RS
 * modules wrap this in a drop-in endpoint.
 */
@NullMarked
package dev.clerk.jakarta.core.webhooks;

import org.jspecify.annotations.NullMarked;
