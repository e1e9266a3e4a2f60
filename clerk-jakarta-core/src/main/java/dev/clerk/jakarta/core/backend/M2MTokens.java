package dev.clerk.jakarta.core.backend;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Machine-to-machine tokens: verification. From {@link BackendApi#m2mTokens()}. Thread-safe.
 *
 * @since 0.1
 */
public final class M2MTokens {
  private final Calls calls;

  M2MTokens(Calls calls) {
    this.calls = calls;
  }

  /**
   * Verifies an opaque M2M token: {@code POST /m2m_tokens/verify} (no version segment) with {@code
   * {"token":…}}. Read-only, so retried like a {@code GET}.
   *
   * @param token the {@code mt_…} token presented by a caller
   * @param machineSecretKey the Bearer to use instead of the secret key ({@code ak_…} machine
   *     secret), or null for the secret key
   * @return the token's description
   * @throws IOException on a transport failure or a malformed answer
   * @throws ClerkApiException 404 for an unknown token, 401 for a wrong key
   */
  public M2MToken verify(String token, @Nullable String machineSecretKey) throws IOException {
    return calls.object(call(token, machineSecretKey), Mappers.M2M_TOKEN);
  }

  /**
   * {@link #verify} without blocking.
   *
   * @param token the token
   * @param machineSecretKey the Bearer, or null for the secret key
   * @return the token, or a future failed as {@link #verify} throws
   */
  public CompletableFuture<M2MToken> verifyAsync(String token, @Nullable String machineSecretKey) {
    return calls.objectAsync(call(token, machineSecretKey), Mappers.M2M_TOKEN);
  }

  private Call call(String token, @Nullable String machineSecretKey) {
    Objects.requireNonNull(token, "token == null");
    return Call.of("POST", "/m2m_tokens/verify")
        .idempotent()
        .bearer(machineSecretKey)
        .body(ApiTransport.mapOf("token", token));
  }
}
