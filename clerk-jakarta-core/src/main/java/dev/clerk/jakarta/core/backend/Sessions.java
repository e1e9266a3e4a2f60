package dev.clerk.jakarta.core.backend;

import java.io.IOException;
import java.util.Objects;

/**
 * Sessions: refresh. From {@link BackendApi#sessions()}. Thread-safe.
 *
 * @since 0.1
 */
public final class Sessions {
  private final Calls calls;

  Sessions(Calls calls) {
    this.calls = calls;
  }

  /**
   * Refreshes an expired session token with a refresh token: {@code POST
   * /v1/sessions/{sessionId}/refresh?suffixed_cookies=…} in cookie format. Never retried (a refresh
   * token may be single-use).
   *
   * @param sessionId the {@code sid} of the expired token
   * @param body the expired token, refresh token, origin and headers
   * @param suffixedCookies whether to ask for suffixed cookie names too
   * @return the {@code Set-Cookie} values to send
   * @throws IOException on a transport failure or a malformed answer
   * @throws ClerkApiException when Clerk refuses (its {@link ClerkApiException#code()} is the refresh reason)
   */
  public SessionCookies refresh(String sessionId, RefreshSessionRequest body, boolean suffixedCookies)
      throws IOException {
    Objects.requireNonNull(body, "body == null");
    Call c =
        calls.v("POST", "/sessions/" + Call.seg(sessionId) + "/refresh")
            .query("suffixed_cookies", suffixedCookies)
            .body(body.toJson());
    return calls.object(c, Mappers::sessionCookies);
  }
}
