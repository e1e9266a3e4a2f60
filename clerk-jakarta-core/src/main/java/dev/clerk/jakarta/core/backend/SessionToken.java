package dev.clerk.jakarta.core.backend;

import java.util.Objects;

/**
 * A token minted for a session ({@code {"object":"token","jwt":…}}): a session token, or a JWT from
 * a template.
 *
 * @param jwt the compact JWT; never log it
 * @since 0.1
 */
public record SessionToken(String jwt) {
  /**
   * Checks.
   *
   * @param jwt the JWT
   */
  public SessionToken {
    Objects.requireNonNull(jwt, "jwt == null");
  }

  /** Hides the token. */
  @Override
  public String toString() {
    return "SessionToken{jwt=[redacted]}";
  }
}
