package dev.clerk.jakarta.core.auth;

import java.util.Optional;

/**
 * The kinds of token Clerk issues, with Clerk's wire names.
 *
 * @since 0.1
 */
public enum TokenType {
  /** A session token (JWT) of a signed-in user. */
  SESSION_TOKEN("session_token"),
  /** An API key ({@code ak_…}). */
  API_KEY("api_key"),
  /**
   * A machine-to-machine token ({@code mt_…} or a JWT whose {@code sub} starts with {@code mch_}).
   */
  M2M_TOKEN("m2m_token"),
  /** An OAuth access token ({@code oat_…} or an RFC 9068 {@code at+jwt}). */
  OAUTH_TOKEN("oauth_token");

  private final String value;

  TokenType(String value) {
    this.value = value;
  }

  /** {@return Clerk's name, e.g. {@code session_token}} */
  public String value() {
    return value;
  }

  /** {@return whether this is a machine token type (anything but a session token)} */
  public boolean isMachine() {
    return this != SESSION_TOKEN;
  }

  /**
   * {@return the type with Clerk's name {@code value}, if any}
   *
   * @param value e.g. {@code m2m_token}
   */
  public static Optional<TokenType> fromValue(String value) {
    for (TokenType t : values()) {
      if (t.value.equals(value)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return value;
  }
}
