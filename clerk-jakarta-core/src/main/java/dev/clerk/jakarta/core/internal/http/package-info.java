/**
 * HTTP plumbing of every call to Clerk. Start at {@link
 * dev.clerk.jakarta.core.internal.http.HttpTransport}, the one transport the Backend API client and
 * the JWKS fetch share (URL, headers, body cap, time bounds), with its retry rules ({@link
 * dev.clerk.jakarta.core.internal.http.Retries}); around it: retry delays ({@link
 * dev.clerk.jakarta.core.internal.http.RetryAfter}, {@link
 * dev.clerk.jakarta.core.internal.http.Sleeper}), the threads a Clerk owns ({@link
 * dev.clerk.jakarta.core.internal.http.ClerkExecutors}), query strings ({@link
 * dev.clerk.jakarta.core.internal.http.QueryString}) and the size-capped body reader ({@link
 * dev.clerk.jakarta.core.internal.http.LimitedBody}). Not API; may change in any release.
 */
@NullMarked
package dev.clerk.jakarta.core.internal.http;

import org.jspecify.annotations.NullMarked;
