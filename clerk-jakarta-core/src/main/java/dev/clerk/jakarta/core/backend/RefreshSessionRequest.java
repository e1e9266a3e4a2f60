package dev.clerk.jakarta.core.backend;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of a session refresh ({@link Sessions#refresh}): sent as {@code {"format":"cookie",
 * "expired_token":…,"refresh_token":…,"request_origin":…,"request_headers":{name:[values]}}}.
 *
 * @param expiredToken the expired session token (from the {@code __session} cookie)
 * @param refreshToken the refresh token (from the suffixed {@code __refresh} cookie)
 * @param requestOrigin the public origin of the request, e.g. {@code https://app.example.com}
 * @param requestHeaders the request's headers, by name
 * @since 0.1
 */
public record RefreshSessionRequest(
    String expiredToken,
    String refreshToken,
    String requestOrigin,
    Map<String, List<String>> requestHeaders) {
  /**
   * Checks and copies.
   *
   * @param expiredToken expired token
   * @param refreshToken refresh token
   * @param requestOrigin origin
   * @param requestHeaders headers
   */
  public RefreshSessionRequest {
    Objects.requireNonNull(expiredToken, "expiredToken == null");
    Objects.requireNonNull(refreshToken, "refreshToken == null");
    Objects.requireNonNull(requestOrigin, "requestOrigin == null");
    Objects.requireNonNull(requestHeaders, "requestHeaders == null");
    Map<String, List<String>> copy = new LinkedHashMap<>();
    requestHeaders.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    requestHeaders = java.util.Collections.unmodifiableMap(copy);
  }

  Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", "cookie");
    m.put("expired_token", expiredToken);
    m.put("refresh_token", refreshToken);
    m.put("request_origin", requestOrigin);
    m.put("request_headers", requestHeaders);
    return m;
  }

  /** Hides the tokens and headers (cookies). */
  @Override
  public String toString() {
    return "RefreshSessionRequest{requestOrigin="
        + requestOrigin
        + ", "
        + requestHeaders.size()
        + " headers}";
  }
}
