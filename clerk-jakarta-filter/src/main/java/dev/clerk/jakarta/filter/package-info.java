/**
 * The servlet filter that authenticates Clerk users and machines in {@code web.xml} applications.
 *
 * <p>Start with {@link dev.clerk.jakarta.filter.ClerkFilter}: register it in {@code web.xml} (its
 * javadoc lists every init-param) or programmatically with {@link
 * dev.clerk.jakarta.filter.ClerkFilter#register}. Signed-in requests reach servlets with a {@link
 * dev.clerk.jakarta.core.auth.ClerkPrincipal} as {@code getUserPrincipal()} and the {@link
 * dev.clerk.jakarta.core.auth.Auth} as request attribute {@link
 * dev.clerk.jakarta.core.auth.ClerkAuth#ATTRIBUTE}. For Clerk's webhooks, extend {@link
 * dev.clerk.jakarta.filter.ClerkWebhookServlet}.
 */
@NullMarked
package dev.clerk.jakarta.filter;

import org.jspecify.annotations.NullMarked;
