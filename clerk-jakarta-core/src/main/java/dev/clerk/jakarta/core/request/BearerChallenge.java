package dev.clerk.jakarta.core.request;

import org.jspecify.annotations.Nullable;

/**
 * The {@code WWW-Authenticate} values (RFC 6750 §3) that adapters send when they refuse a request,
 * built from {@link AuthReason} fields and fixed descriptions only — never from exception text or
 * anything the client sent. Thread-safe (stateless).
 *
 * @since 0.1
 */
public final class BearerChallenge {
  /** The fixed description of {@code error="invalid_token"}. */
  public static final String INVALID_TOKEN_DESCRIPTION =
      "The token is invalid, expired or not accepted here";

  /** The fixed description of {@code error="insufficient_scope"}. */
  public static final String INSUFFICIENT_SCOPE_DESCRIPTION =
      "The request requires other permissions";

  private BearerChallenge() {}

  /**
   * {@return the challenge of a 401: {@code Bearer error="invalid_token", error_description="…"}
   * when a token was presented, plain {@code Bearer} when none was (or the reason is unknown)}
   *
   * @param reason why the request is signed out, or null
   */
  public static String unauthorized(@Nullable AuthReason reason) {
    String error = reason == null ? null : reason.bearerError();
    return error == null
        ? "Bearer"
        : "Bearer error=\"" + error + "\", error_description=\"" + INVALID_TOKEN_DESCRIPTION + "\"";
  }

  /**
   * {@return the challenge of a 403: {@code Bearer error="insufficient_scope",
   * error_description="…"}}
   */
  public static String insufficientScope() {
    return "Bearer error=\"insufficient_scope\", error_description=\""
        + INSUFFICIENT_SCOPE_DESCRIPTION
        + "\"";
  }
}
