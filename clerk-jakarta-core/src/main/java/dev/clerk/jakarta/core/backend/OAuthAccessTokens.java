package dev.clerk.jakarta.core.backend;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * OAuth access tokens issued by Clerk as an identity provider: verification. From {@link
 * BackendApi#oauthAccessTokens()}. Thread-safe.
 *
 * @since 0.1
 */
public final class OAuthAccessTokens {
  private final Calls calls;

  OAuthAccessTokens(Calls calls) {
    this.calls = calls;
  }

  /**
   * Verifies an opaque OAuth access token: {@code POST /oauth_applications/access_tokens/verify}
   * (no version segment) with {@code {"access_token":…}}. Read-only, so retried like a {@code GET}.
   *
   * @param accessToken the {@code oat_…} token presented by a caller
   * @return the token's description
   * @throws IOException on a transport failure or a malformed answer
   * @throws ClerkApiException 404 for an unknown token, 401 for a wrong secret key
   */
  public OAuthAccessToken verify(String accessToken) throws IOException {
    return calls.object(call(accessToken), Mappers.OAUTH_ACCESS_TOKEN);
  }

  /**
   * {@link #verify} without blocking.
   *
   * @param accessToken the token
   * @return the token, or a future failed as {@link #verify} throws
   */
  public CompletableFuture<OAuthAccessToken> verifyAsync(String accessToken) {
    return calls.objectAsync(call(accessToken), Mappers.OAUTH_ACCESS_TOKEN);
  }

  private Call call(String accessToken) {
    Objects.requireNonNull(accessToken, "accessToken == null");
    return Call.of("POST", "/oauth_applications/access_tokens/verify")
        .idempotent()
        .body(ApiTransport.mapOf("access_token", accessToken));
  }
}
