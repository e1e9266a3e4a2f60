/**
 * The request-authentication state machine behind {@link
 * dev.clerk.jakarta.core.Clerk#authenticateRequest}: Clerk's decision tree (cookies, handshake, dev
 * browser, satellites, refresh, organization sync, machine tokens). Not API; may change in any
 * release.
 *
 * <p>Start at {@link dev.clerk.jakarta.core.internal.request.RequestAuthenticator}; it reads one
 * request through {@code AuthenticateContext}, sends browsers through {@code HandshakeService}, and
 * calls Clerk through {@link dev.clerk.jakarta.core.internal.request.AuthServices}.
 */
@NullMarked
package dev.clerk.jakarta.core.internal.request;

import org.jspecify.annotations.NullMarked;
