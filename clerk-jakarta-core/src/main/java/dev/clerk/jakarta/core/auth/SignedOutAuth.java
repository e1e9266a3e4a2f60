package dev.clerk.jakarta.core.auth;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * No authenticated user or machine.
 *
 * @param tokenType the token type the request was judged as, or null when {@code acceptsToken}
 *     refused the presented type
 * @param sessionStatus {@code pending} when a pending session was treated as signed out, else null
 * @since 0.1
 */
public record SignedOutAuth(@Nullable TokenType tokenType, @Nullable String sessionStatus)
    implements Auth {
  private static final SignedOutAuth SESSION = new SignedOutAuth(TokenType.SESSION_TOKEN, null);

  /** {@return signed out, judged as a session request} */
  public static SignedOutAuth session() {
    return SESSION;
  }

  /**
   * {@return signed out for the given token type}
   *
   * @param tokenType the type, or null for a refused type
   */
  public static SignedOutAuth of(@Nullable TokenType tokenType) {
    return tokenType == TokenType.SESSION_TOKEN ? SESSION : new SignedOutAuth(tokenType, null);
  }

  @Override
  public boolean isAuthenticated() {
    return false;
  }

  @Override
  public @Nullable String principalName() {
    return null;
  }

  @Override
  public boolean has(Authorization check) {
    Objects.requireNonNull(check, "check == null");
    return false;
  }

  @Override
  public @Nullable String token() {
    return null;
  }
}
