package dev.clerk.jakarta.core.backend;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Sessions: {@code /v1/sessions}. From {@link BackendApi#sessions()}.
 *
 * <p>Every method throws {@link ClerkApiException} when Clerk answers non-2xx and {@link
 * IOException} on a transport failure or a malformed answer.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class Sessions {
  private final Calls calls;

  Sessions(Calls calls) {
    this.calls = calls;
  }

  private Call session(String method, String sessionId, String suffix) {
    return calls.v(method, "/sessions/" + Call.seg(sessionId, "sessionId") + suffix);
  }

  /**
   * {@return a session: {@code GET /v1/sessions/{sessionId}}}
   *
   * @param sessionId {@code sess_…}
   * @throws IOException on a transport failure
   */
  public Session get(String sessionId) throws IOException {
    return calls.object(session("GET", sessionId, ""), Mappers.SESSION);
  }

  /**
   * {@return {@link #get} without blocking}
   *
   * @param sessionId {@code sess_…}
   */
  public CompletableFuture<Session> getAsync(String sessionId) {
    return calls.objectAsync(session("GET", sessionId, ""), Mappers.SESSION);
  }

  /**
   * {@return one page of sessions: {@code GET /v1/sessions?paginated=true}} Clerk requires a {@code
   * user_id} or {@code client_id} filter.
   *
   * @param params paging and filters ({@code user_id}, {@code client_id}, {@code status})
   * @throws IOException on a transport failure
   */
  public Page<Session> list(ListParams params) throws IOException {
    Objects.requireNonNull(params, "params == null");
    return calls.page(
        params.apply(calls.v("GET", "/sessions").query("paginated", true)), Mappers.SESSION);
  }

  /**
   * {@return all sessions matching the filters, fetched lazily}
   *
   * @param params page size, start offset and filters
   */
  public PagedIterable<Session> iterate(ListParams params) {
    Objects.requireNonNull(params, "params == null");
    return new PagedIterable<>(
        page -> {
          Page<Session> p = list(page);
          return new PagedIterable.Chunk<>(p.data(), p.totalCount());
        },
        params);
  }

  /**
   * {@return the revoked session: {@code POST /v1/sessions/{sessionId}/revoke}}
   *
   * @param sessionId {@code sess_…}
   * @throws IOException on a transport failure
   */
  public Session revoke(String sessionId) throws IOException {
    return calls.object(session("POST", sessionId, "/revoke"), Mappers.SESSION);
  }

  /**
   * Mints a token for a session: {@code POST /v1/sessions/{sessionId}/tokens/{template}}, or {@code
   * POST /v1/sessions/{sessionId}/tokens} for a plain session token.
   *
   * @param sessionId {@code sess_…}
   * @param template a JWT template name, or null for a session token
   * @return the token
   * @throws IOException on a transport failure
   */
  public SessionToken createToken(String sessionId, @Nullable String template) throws IOException {
    return calls.object(tokenCall(sessionId, template, null), Mappers.SESSION_TOKEN);
  }

  /**
   * {@link #createToken(String, String)} with a lifetime: body {@code {"expires_in_seconds":…}}.
   *
   * @param sessionId {@code sess_…}
   * @param template a JWT template name, or null for a session token
   * @param expiresInSeconds the token's lifetime in seconds, positive
   * @return the token
   * @throws IOException on a transport failure
   */
  public SessionToken createToken(
      String sessionId, @Nullable String template, long expiresInSeconds) throws IOException {
    if (expiresInSeconds <= 0) {
      throw new IllegalArgumentException(
          "expiresInSeconds must be positive, got " + expiresInSeconds);
    }
    return calls.object(tokenCall(sessionId, template, expiresInSeconds), Mappers.SESSION_TOKEN);
  }

  private Call tokenCall(
      String sessionId, @Nullable String template, @Nullable Long expiresInSeconds) {
    Call c =
        session(
            "POST",
            sessionId,
            template == null ? "/tokens" : "/tokens/" + Call.seg(template, "template"));
    if (expiresInSeconds != null) {
      c.body(ApiTransport.mapOf("expires_in_seconds", expiresInSeconds));
    }
    return c;
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
   * @throws ClerkApiException when Clerk refuses (its {@link ClerkApiException#code()} is the
   *     refresh reason)
   */
  public SessionCookies refresh(
      String sessionId, RefreshSessionRequest body, boolean suffixedCookies) throws IOException {
    Objects.requireNonNull(body, "body == null");
    Call c =
        session("POST", sessionId, "/refresh")
            .query("suffixed_cookies", suffixedCookies)
            .body(body.toJson());
    return calls.object(c, Mappers.SESSION_COOKIES);
  }

  /**
   * {@link #refresh} without blocking.
   *
   * @param sessionId the {@code sid} of the expired token
   * @param body the expired token, refresh token, origin and headers
   * @param suffixedCookies whether to ask for suffixed cookie names too
   * @return the cookies, or a future failed as {@link #refresh} throws
   */
  public CompletableFuture<SessionCookies> refreshAsync(
      String sessionId, RefreshSessionRequest body, boolean suffixedCookies) {
    Objects.requireNonNull(body, "body == null");
    Call c =
        session("POST", sessionId, "/refresh")
            .query("suffixed_cookies", suffixedCookies)
            .body(body.toJson());
    return calls.objectAsync(c, Mappers.SESSION_COOKIES);
  }
}
