package dev.clerk.jakarta.core.request;

/**
 * The outcome of authenticating a request, with Clerk's wire names.
 *
 * @since 0.1
 */
public enum AuthStatus {
  /** A user session or a machine is authenticated. */
  SIGNED_IN("signed-in"),
  /** Nobody is authenticated; the request may continue anonymously. */
  SIGNED_OUT("signed-out"),
  /** The browser must be sent through Clerk's handshake to refresh its session. */
  HANDSHAKE("handshake");

  private final String value;

  AuthStatus(String value) {
    this.value = value;
  }

  /** {@return Clerk's name, e.g. {@code signed-in}} */
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }
}
