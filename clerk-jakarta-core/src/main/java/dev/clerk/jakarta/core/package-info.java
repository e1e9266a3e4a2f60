/**
 * Clerk authentication for Jakarta EE, container-free core.
 *
 * <p>Start with {@link dev.clerk.jakarta.core.Clerk}: build one per application from {@link
 * dev.clerk.jakarta.core.ClerkOptions} (or {@link dev.clerk.jakarta.core.Clerk#fromEnvironment()}),
 * then call {@link dev.clerk.jakarta.core.Clerk#authenticateRequest} for each request, or {@link
 * dev.clerk.jakarta.core.Clerk#verifyToken} for a bare session token.
 */
@NullMarked
package dev.clerk.jakarta.core;

import org.jspecify.annotations.NullMarked;
