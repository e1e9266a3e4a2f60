package dev.clerk.jakarta.core.backend;

import java.util.List;

/**
 * The answer of {@code GET /v1/clients/handshake_payload}: the {@code Set-Cookie} directives that
 * complete a handshake, to be sent to the browser verbatim.
 *
 * @param directives {@code Set-Cookie} header values, in order
 * @since 0.1
 */
public record HandshakePayload(List<String> directives) {
  /**
   * Copies.
   *
   * @param directives directives
   */
  public HandshakePayload {
    directives = List.copyOf(directives);
  }

  /** Hides the directives: they carry session tokens. */
  @Override
  public String toString() {
    return "HandshakePayload{" + directives.size() + " directives}";
  }
}
