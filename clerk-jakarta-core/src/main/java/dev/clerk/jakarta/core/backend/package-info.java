/**
 * Clerk's Backend API on {@code java.net.http} and Jakarta JSON-B/JSON-P.
 *
 * <p>Start with {@link dev.clerk.jakarta.core.backend.BackendApi}: get one from {@code
 * Clerk.backendApi()} (it shares the instance's {@code HttpClient}) or build one with {@link
 * dev.clerk.jakarta.core.backend.BackendApi#builder()}. Its resources ({@code users()}, {@code
 * sessions()}, {@code organizations()}, {@code organizationMemberships()}, {@code invitations()},
 * {@code allowlistIdentifiers()}, {@code blocklistIdentifiers()}, {@code clients()}, {@code
 * apiKeys()}, {@code m2mTokens()}, {@code oauthAccessTokens()}) return immutable records; lists
 * page with {@link dev.clerk.jakarta.core.backend.ListParams} and iterate lazily with {@link
 * dev.clerk.jakarta.core.backend.PagedIterable}; {@link
 * dev.clerk.jakarta.core.backend.BackendApi#request} reaches any other endpoint.
 *
 * <p>Errors: {@link dev.clerk.jakarta.core.backend.ClerkApiException} (unchecked) for a non-2xx
 * answer, {@link java.io.IOException} for a transport failure, {@link
 * dev.clerk.jakarta.core.backend.MalformedResponseException} for a 2xx body that is not the
 * documented JSON. Retries follow {@link dev.clerk.jakarta.core.backend.RetryPolicy}.
 */
@NullMarked
package dev.clerk.jakarta.core.backend;

import org.jspecify.annotations.NullMarked;
