package dev.clerk.jakarta.core.token;

import org.jspecify.annotations.Nullable;

/**
 * Why a token failed verification, with Clerk's exact reason strings ({@code
 * TokenVerificationErrorReason}), and how an adapter answers: 401 with RFC 6750 {@code
 * invalid_token} for a bad token, 503 when the token could not be checked.
 *
 * @since 0.1
 */
public enum TokenVerificationReason {
  /** {@code exp} has passed (beyond the clock skew). */
  TOKEN_EXPIRED("token-expired"),
  /** Malformed token, wrong {@code typ}, or wrong category. */
  TOKEN_INVALID("token-invalid"),
  /** {@code alg} is not RS256/RS384/RS512. */
  TOKEN_INVALID_ALGORITHM("token-invalid-algorithm"),
  /** {@code azp} missing or not among the authorized parties. */
  TOKEN_INVALID_AUTHORIZED_PARTIES("token-invalid-authorized-parties"),
  /** The signature does not match. */
  TOKEN_INVALID_SIGNATURE("token-invalid-signature"),
  /** {@code nbf} is in the future (beyond the clock skew). */
  TOKEN_NOT_ACTIVE_YET("token-not-active-yet"),
  /** {@code iat} is in the future (beyond the clock skew). */
  TOKEN_IAT_IN_THE_FUTURE("token-iat-in-the-future"),
  /** A claim is malformed ({@code sub}, {@code aud}, non-numeric times) or the crypto failed. */
  TOKEN_VERIFICATION_FAILED("token-verification-failed"),
  /** The Backend API refused the secret key. */
  SECRET_KEY_INVALID("secret-key-invalid"),
  /** No PEM key where one was needed. */
  JWK_LOCAL_MISSING("jwk-local-missing"),
  /** The JWKS could not be fetched, or had no keys. */
  JWK_REMOTE_FAILED_TO_LOAD("jwk-remote-failed-to-load"),
  /** Unused by current Clerk SDKs; kept for completeness. */
  JWK_REMOTE_INVALID("jwk-remote-invalid"),
  /** Unused by current Clerk SDKs; kept for completeness. */
  JWK_REMOTE_MISSING("jwk-remote-missing"),
  /** Neither a PEM key nor a secret key is configured. */
  JWK_FAILED_TO_RESOLVE("jwk-failed-to-resolve"),
  /** No key in the JWKS has the token's {@code kid}. */
  JWK_KID_MISMATCH("jwk-kid-mismatch");

  private final String value;

  TokenVerificationReason(String value) {
    this.value = value;
  }

  /** {@return Clerk's string, e.g. {@code token-expired}} */
  public String value() {
    return value;
  }

  /** {@return whether the token could not be checked (Clerk unreachable or misconfigured)} */
  public boolean isServiceFailure() {
    return switch (this) {
      case SECRET_KEY_INVALID,
          JWK_LOCAL_MISSING,
          JWK_REMOTE_FAILED_TO_LOAD,
          JWK_REMOTE_INVALID,
          JWK_REMOTE_MISSING,
          JWK_FAILED_TO_RESOLVE ->
          true;
      default -> false;
    };
  }

  /** {@return 503 when the token could not be checked, otherwise 401} */
  public int httpStatus() {
    return isServiceFailure() ? 503 : 401;
  }

  /** {@return the RFC 6750 error code: {@code invalid_token}, or null for a service failure} */
  public @Nullable String bearerError() {
    return isServiceFailure() ? null : "invalid_token";
  }

  @Override
  public String toString() {
    return value;
  }
}
