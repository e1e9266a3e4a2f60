/**
 * Session-token verification: {@link dev.clerk.jakarta.core.token.SessionTokenVerifier} checks a
 * Clerk JWT against keys from a {@link dev.clerk.jakarta.core.token.JwksSource} (the Backend API's
 * JWKS, cached, or a PEM key) and yields {@link dev.clerk.jakarta.core.token.SessionClaims}, or a
 * {@link dev.clerk.jakarta.core.token.TokenVerificationException} with Clerk's reason.
 */
@NullMarked
package dev.clerk.jakarta.core.token;

import org.jspecify.annotations.NullMarked;
