package dev.clerk.jakarta.core.backend;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Clerk clients (a browser or device's set of sessions) and the handshake payload: {@code
 * /v1/clients}. From {@link BackendApi#clients()}. Thread-safe.
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
    return calls.object(handshakeCall(nonce), Mappers.HANDSHAKE_PAYLOAD);
  }

  /**
   * {@link #handshakePayload} without blocking.
   *
   * @param nonce the nonce
   * @return the directives, or a future failed as {@link #handshakePayload} throws
   */
  public CompletableFuture<HandshakePayload> handshakePayloadAsync(String nonce) {
    return calls.objectAsync(handshakeCall(nonce), Mappers.HANDSHAKE_PAYLOAD);
  }

  /**
   * {@return a client: {@code GET /v1/clients/{clientId}}}
   *
   * @param clientId {@code client_…}
   * @throws IOException on a transport failure or a malformed answer
   * @throws ClerkApiException when Clerk answers non-2xx
   */
  public Client get(String clientId) throws IOException {
    return calls.object(
        calls.v("GET", "/clients/" + Call.seg(clientId, "clientId")), Mappers.CLIENT);
  }

  /**
   * Verifies a client token (the {@code __client} JWT of the Frontend API) and returns its client:
   * {@code POST /v1/clients/verify} with {@code {"token":…}}. Read-only, so retried like a {@code
   * GET}.
   *
   * @param token the client token
   * @return the client
   * @throws IOException on a transport failure or a malformed answer
   * @throws ClerkApiException when Clerk refuses the token
   */
  public Client verify(String token) throws IOException {
    Objects.requireNonNull(token, "token == null");
    return calls.object(
        calls.v("POST", "/clients/verify").idempotent().body(ApiTransport.mapOf("token", token)),
        Mappers.CLIENT);
  }

  private Call handshakeCall(String nonce) {
    Objects.requireNonNull(nonce, "nonce == null");
    return calls.v("GET", "/clients/handshake_payload").query("nonce", nonce);
  }
}
