package dev.clerk.jakarta.core.backend;

import java.util.List;

/**
 * The answer of {@code POST /v1/sessions/{id}/refresh} in cookie format ({@code
 * {"object":"cookies", "cookies":[…]}}): {@code Set-Cookie} header values carrying the refreshed
 * session token.
 *
 * @param cookies {@code Set-Cookie} header values, in order
 * @since 0.1
 */
public record SessionCookies(List<String> cookies) {
  /**
   * Copies.
   *
   * @param cookies cookies
   */
  public SessionCookies {
    cookies = List.copyOf(cookies);
  }

  /** Hides the cookies: they carry session tokens. */
  @Override
  public String toString() {
    return "SessionCookies{" + cookies.size() + " cookies}";
  }
}
