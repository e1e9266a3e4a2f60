package dev.clerk.jakarta.core.request;

import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Why a request is signed out or must go through a handshake: Clerk's reason string, exact to the
 * character ({@code x-clerk-auth-reason}). Besides the constants here, token-verification reasons
 * ({@code token-expired} …), machine-token codes and {@code session-token-expired-refresh-<x>}
 * appear; compare with {@link #value()} or {@link #equals}.
 *
 * <p>{@link #httpStatus()} and {@link #bearerError()} say how an adapter answers a protected
 * resource: 401 with {@code error="invalid_token"} for a bad token, 401 without an error code when
 * no token was presented (RFC 6750 §3.1), 503 when Clerk could not be reached or is misconfigured.
 *
 * @param value Clerk's string
 * @since 0.1
 */
public record AuthReason(String value) {
  /** C12: {@code __client_uat} says signed in, but no session cookie. */
  public static final AuthReason CLIENT_UAT_WITHOUT_SESSION_TOKEN =
      new AuthReason("client-uat-but-no-session-token");

  /** C9: development instance without a dev-browser token. */
  public static final AuthReason DEV_BROWSER_MISSING = new AuthReason("dev-browser-missing");

  /** C8: a dev-browser token arrived in the query. */
  public static final AuthReason DEV_BROWSER_SYNC = new AuthReason("dev-browser-sync");

  /** C7: the primary answers a satellite's sync request. */
  public static final AuthReason PRIMARY_RESPONDS_TO_SYNCING =
      new AuthReason("primary-responds-to-syncing");

  /** C18: a signed-in document request from a foreign referrer. */
  public static final AuthReason PRIMARY_DOMAIN_CROSS_ORIGIN_SYNC =
      new AuthReason("primary-domain-cross-origin-sync");

  /** C4, C6: a satellite must sync with its primary. */
  public static final AuthReason SATELLITE_COOKIE_NEEDS_SYNCING =
      new AuthReason("satellite-needs-syncing");

  /** C3, C5, C10: no session cookie and no {@code __client_uat}. */
  public static final AuthReason SESSION_TOKEN_AND_UAT_MISSING =
      new AuthReason("session-token-and-uat-missing");

  /** A handshake resolved without a session cookie. */
  public static final AuthReason SESSION_TOKEN_MISSING = new AuthReason("session-token-missing");

  /** Prefix of {@code session-token-expired-refresh-<x>}. */
  public static final AuthReason SESSION_TOKEN_EXPIRED = new AuthReason("session-token-expired");

  /** C15: the session token is older than {@code __client_uat}. */
  public static final AuthReason SESSION_TOKEN_IAT_BEFORE_CLIENT_UAT =
      new AuthReason("session-token-iat-before-client-uat");

  /** The session token is not active yet. */
  public static final AuthReason SESSION_TOKEN_NBF = new AuthReason("session-token-nbf");

  /** The session token was issued in the future. */
  public static final AuthReason SESSION_TOKEN_IAT_IN_THE_FUTURE =
      new AuthReason("session-token-iat-in-the-future");

  /** C11: a session cookie but no {@code __client_uat}. */
  public static final AuthReason SESSION_TOKEN_WITHOUT_CLIENT_UAT =
      new AuthReason("session-token-but-no-client-uat");

  /** C19: the URL asks for another active organization. */
  public static final AuthReason ACTIVE_ORGANIZATION_MISMATCH =
      new AuthReason("active-organization-mismatch");

  /** The token is of a type {@code acceptsToken} does not allow. */
  public static final AuthReason TOKEN_TYPE_MISMATCH = new AuthReason("token-type-mismatch");

  /** Anything that is not a token-verification error. */
  public static final AuthReason UNEXPECTED_ERROR = new AuthReason("unexpected-error");

  /**
   * A machine type is accepted but the {@code Authorization} header is absent (Clerk's literal).
   */
  public static final AuthReason NO_TOKEN_IN_HEADER = new AuthReason("No token in header");

  /** Reasons where no credential was presented: RFC 6750 says no error code then. */
  private static final Set<String> NO_CREDENTIALS =
      Set.of(
          "session-token-and-uat-missing",
          "No token in header",
          "dev-browser-missing",
          "dev-browser-sync",
          "satellite-needs-syncing",
          "primary-responds-to-syncing",
          "client-uat-but-no-session-token",
          "session-token-missing");

  /** Reasons where the token could not be checked: Clerk unreachable or misconfigured. */
  private static final Set<String> SERVICE_FAILURES =
      Set.of(
          "jwk-remote-failed-to-load",
          "jwk-remote-invalid",
          "jwk-remote-missing",
          "jwk-failed-to-resolve",
          "jwk-local-missing",
          "secret-key-invalid",
          "unexpected-error");

  /**
   * Checks the value.
   *
   * @param value Clerk's string, not blank
   */
  public AuthReason {
    Objects.requireNonNull(value, "value == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException("reason is blank");
    }
  }

  /**
   * {@return the reason with Clerk's string {@code value}}
   *
   * @param value e.g. {@code token-expired}
   */
  public static AuthReason of(String value) {
    return new AuthReason(value);
  }

  /** {@return whether the token could not be checked (Clerk unreachable or misconfigured)} */
  public boolean isServiceFailure() {
    return SERVICE_FAILURES.contains(value);
  }

  /** {@return 503 when the token could not be checked, otherwise 401} */
  public int httpStatus() {
    return isServiceFailure() ? 503 : 401;
  }

  /**
   * {@return the RFC 6750 error code for {@code WWW-Authenticate}: {@code invalid_token} for a
   * presented but unacceptable token, null when no credential was presented or it could not be
   * checked}
   */
  public @Nullable String bearerError() {
    if (isServiceFailure() || NO_CREDENTIALS.contains(value)) {
      return null;
    }
    return "invalid_token";
  }

  @Override
  public String toString() {
    return value;
  }
}
