/**
 * Observability without a dependency: a {@link dev.clerk.jakarta.core.events.ClerkEvents} listener,
 * registered on {@code Clerk.builder().events(..)} or found through {@link
 * java.util.ServiceLoader}, receives one immutable record per request outcome, JWKS fetch,
 * handshake, session refresh and Backend API call; the same facts are JFR events of category {@code
 * Clerk} ({@code dev.clerk.RequestAuthenticated}, {@code dev.clerk.JwksFetch}, {@code
 * dev.clerk.Handshake}, {@code dev.clerk.Refresh}, {@code dev.clerk.BackendCall}) while a flight
 * recording runs.
 *
 * <p>Start with {@link dev.clerk.jakarta.core.events.ClerkEvents}: it says on which thread and in
 * which order events arrive. {@link dev.clerk.jakarta.core.events.EventPublisher} is the bridge a
 * {@code Clerk} builds; applications do not need it. No event carries a token, a secret, a cookie,
 * a URL's query or an exception's message.
 */
@NullMarked
package dev.clerk.jakarta.core.events;

import org.jspecify.annotations.NullMarked;
