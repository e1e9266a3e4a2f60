package dev.clerk.jakarta.core;

/**
 * How a document request whose session must be refreshed is answered.
 *
 * @since 0.1
 */
public enum HandshakeMode {
  /** Clerk's current behaviour: a 307 redirect to the Frontend API handshake endpoint (default). */
  REDIRECT,
  /**
   * Opt-in: a 401 {@code text/html} page that loads Clerk's JavaScript, refreshes the session in
   * the browser and reloads, for pages that cannot follow a cross-site redirect.
   */
  INTERSTITIAL
}
