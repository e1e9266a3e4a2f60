package dev.clerk.jakarta.core.backend;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * API keys: verification. From {@link BackendApi#apiKeys()}. Thread-safe.
 *
 * @since 0.1
 */
public final class ApiKeys {
  private final Calls calls;

  ApiKeys(Calls calls) {
    this.calls = calls;
  }

  /**
   * Verifies an API key: {@code POST /api_keys/verify} (no version segment) with {@code
   * {"secret":…}}. Read-only, so retried like a {@code GET}.
   *
   * @param secret the {@code ak_…} key presented by a caller
   * @return the key's description; check {@link ApiKey#revoked()} and {@link ApiKey#expired()} if
   *     you do not trust Clerk to refuse those
   * @throws IOException on a transport failure or a malformed answer
   * @throws ClerkApiException 404 for an unknown key, 401 for a wrong secret key
   */
  public ApiKey verify(String secret) throws IOException {
    return calls.object(call(secret), Mappers.API_KEY);
  }

  /**
   * {@link #verify} without blocking.
   *
   * @param secret the key
   * @return the key, or a future failed as {@link #verify} throws
   */
  public CompletableFuture<ApiKey> verifyAsync(String secret) {
    return calls.objectAsync(call(secret), Mappers.API_KEY);
  }

  private Call call(String secret) {
    Objects.requireNonNull(secret, "secret == null");
    return Call.of("POST", "/api_keys/verify")
        .idempotent()
        .body(ApiTransport.mapOf("secret", secret));
  }
}
