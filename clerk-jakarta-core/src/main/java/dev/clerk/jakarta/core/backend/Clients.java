package dev.clerk.jakarta.core.backend;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Clerk clients (a browser or device's set of sessions) and the handshake payload. From {@link
 * BackendApi#clients()}. Thread-safe.
 *
 * @since 0.1
 */
public final class Clients {
  private final Calls calls;

  Clients(Calls calls) {
    this.calls = calls;
  }

  /**
   * Fetches the {@code Set-Cookie} directives of a handshake by its nonce: {@code GET
   * /v1/clients/handshake_payload?nonce=…}. Retried like a {@code GET}.
   *
   * @param nonce the {@code __clerk_handshake_nonce} value
   * @return the directives
   * @throws IOException on a transport failure or a malformed answer
   * @throws ClerkApiException when Clerk answers non-2xx (e.g. 404 for an unknown nonce)
   */
  public HandshakePayload handshakePayload(String nonce) throws IOException {
    return calls.object(handshakeCall(nonce), Mappers::handshakePayload);
  }

  /**
   * {@link #handshakePayload} without blocking.
   *
   * @param nonce the nonce
   * @return the directives, or a future failed as {@link #handshakePayload} throws
   */
  public CompletableFuture<HandshakePayload> handshakePayloadAsync(String nonce) {
    return calls.objectAsync(handshakeCall(nonce), Mappers::handshakePayload);
  }

  private Call handshakeCall(String nonce) {
    Objects.requireNonNull(nonce, "nonce == null");
    return calls.v("GET", "/clients/handshake_payload").query("nonce", nonce);
  }
}
