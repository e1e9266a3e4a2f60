/**
 * HTTP plumbing shared by the Backend API client: retry delays ({@link
 * dev.clerk.jakarta.core.internal.http.RetryAfter}, {@link dev.clerk.jakarta.core.internal.http.Sleeper}),
 * the threads a Clerk owns ({@link dev.clerk.jakarta.core.internal.http.ClerkExecutors}),
 * query strings ({@link dev.clerk.jakarta.core.internal.http.QueryString}) and a size-capped body
 * reader ({@link dev.clerk.jakarta.core.internal.http.LimitedBody}). Not API; may change in any release.
 */
@NullMarked
package dev.clerk.jakarta.core.internal.http;

import org.jspecify.annotations.NullMarked;
