/**
 * The request-authentication state machine behind {@link
 * dev.clerk.jakarta.core.Clerk#authenticateRequest}: Clerk's decision tree (cookies, handshake, dev
 * browser, satellites, refresh, organization sync, machine tokens). Not API; may change in any
 * release.
 *
 * <p>Start at {@link dev.clerk.jakarta.core.authn.RequestAuthenticator}; it reads one request
 * through {@code AuthenticateContext}, sends browsers through {@code HandshakeService}, and calls
 * Clerk through {@link dev.clerk.jakarta.core.authn.AuthServices}.
 */
@NullMarked
package dev.clerk.jakarta.core.authn;

import org.jspecify.annotations.NullMarked;
