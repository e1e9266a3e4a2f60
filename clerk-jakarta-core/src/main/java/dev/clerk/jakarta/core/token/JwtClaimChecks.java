package dev.clerk.jakarta.core.token;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The claim checks of a {@link JwtVerifier}, in Clerk's order: {@code sub}, {@code aud}, {@code
 * azp}, {@code exp}, {@code nbf}, {@code iat}, with Clerk's reasons and messages. The verifier runs
 * them after the signature; the verified-token cache re-runs the time checks on each hit.
 *
 * <p>Instances are immutable and thread-safe.
 */
final class JwtClaimChecks {
  private final List<String> authorizedParties;
  private final List<String> audience;
  private final long clockSkewMillis;
  private final Clock clock;

  /**
   * Creates the checks of a verifier's settings.
   *
   * @param authorizedParties the allowed {@code azp} values (empty: not checked)
   * @param audience the allowed {@code aud} values (empty: not checked)
   * @param clockSkewMillis the leeway of the time checks
   * @param clock the clock of the time checks
   */
  JwtClaimChecks(
      List<String> authorizedParties, List<String> audience, long clockSkewMillis, Clock clock) {
    this.authorizedParties = authorizedParties;
    this.audience = audience;
    this.clockSkewMillis = clockSkewMillis;
    this.clock = clock;
  }

  /**
   * Checks all the claims, against the clock now.
   *
   * @param payload the claims of a token whose signature was checked
   * @throws TokenVerificationException with Clerk's reason on the first failed check
   */
  void assertClaims(Map<String, Object> payload) throws TokenVerificationException {
    // assertSubClaim
    if (!(payload.get("sub") instanceof String)) {
      throw new TokenVerificationException(
          TokenVerificationReason.TOKEN_VERIFICATION_FAILED,
          "Subject claim (sub) is required and must be a string. Received "
              + JsText.stringifyMember(payload, "sub")
              + ".",
          TokenVerificationException.ACTION_ENSURE_CLERK_JWT);
    }
    assertAudience(payload);
    assertAuthorizedParty(payload);
    long now = clock.millis();
    assertExpiration(payload, now);
    assertActivation(payload, now);
    assertIssuedAt(payload, now);
  }

  private void assertAudience(Map<String, Object> payload) throws TokenVerificationException {
    if (audience.isEmpty()) {
      return;
    }
    Object aud = payload.get("aud");
    if (aud == null || "".equals(aud) || (aud instanceof List<?> l && l.isEmpty())) {
      // Clerk's JWTs use azp instead of aud: a token without aud passes (assertAudienceClaim).
      return;
    }
    String expected = JsText.stringify(audience);
    if (aud instanceof String s) {
      if (!audience.contains(s)) {
        throw new TokenVerificationException(
            TokenVerificationReason.TOKEN_VERIFICATION_FAILED,
            "Invalid JWT audience claim (aud) "
                + JsText.stringify(s)
                + ". Is not included in \""
                + expected
                + "\".",
            TokenVerificationException.ACTION_ENSURE_CLERK_JWT);
      }
      return;
    }
    boolean match = false;
    if (aud instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof String s && audience.contains(s)) {
          match = true;
          break;
        }
      }
    }
    // Fail closed: an aud that is neither a string nor a list containing an allowed string fails.
    if (!match) {
      throw new TokenVerificationException(
          TokenVerificationReason.TOKEN_VERIFICATION_FAILED,
          "Invalid JWT audience claim array (aud) "
              + JsText.stringify(aud)
              + ". Is not included in \""
              + expected
              + "\".",
          TokenVerificationException.ACTION_ENSURE_CLERK_JWT);
    }
  }

  private void assertAuthorizedParty(Map<String, Object> payload)
      throws TokenVerificationException {
    if (authorizedParties.isEmpty()) {
      return;
    }
    Object azp = payload.get("azp");
    if (!(azp instanceof String s) || s.isEmpty() || !authorizedParties.contains(s)) {
      throw new TokenVerificationException(
          TokenVerificationReason.TOKEN_INVALID_AUTHORIZED_PARTIES,
          "Invalid JWT Authorized party claim (azp) "
              + JsText.stringifyMember(payload, "azp")
              + ". Expected \""
              + String.join(",", authorizedParties)
              + "\".",
          null);
    }
  }

  /** {@code new Date(0).setUTCSeconds(v)}: whole seconds (truncated), in milliseconds. */
  private static double epochMillis(Number seconds) {
    double d = seconds.doubleValue();
    return (d < 0 ? Math.ceil(d) : Math.floor(d)) * 1000.0;
  }

  private void assertExpiration(Map<String, Object> payload, long now)
      throws TokenVerificationException {
    if (!(payload.get("exp") instanceof Number exp)) {
      throw new TokenVerificationException(
          TokenVerificationReason.TOKEN_VERIFICATION_FAILED,
          "Invalid JWT expiry date claim (exp) "
              + JsText.stringifyMember(payload, "exp")
              + ". Expected number.",
          TokenVerificationException.ACTION_ENSURE_CLERK_JWT);
    }
    double expiry = epochMillis(exp);
    if (expiry <= (double) now - clockSkewMillis) {
      throw new TokenVerificationException(
          TokenVerificationReason.TOKEN_EXPIRED,
          "JWT is expired. Expiry date: "
              + JsText.utcString(expiry)
              + ", Current date: "
              + JsText.utcString((double) now)
              + ".",
          null);
    }
  }

  private void assertActivation(Map<String, Object> payload, long now)
      throws TokenVerificationException {
    if (!payload.containsKey("nbf")) {
      return;
    }
    if (!(payload.get("nbf") instanceof Number nbf)) {
      throw new TokenVerificationException(
          TokenVerificationReason.TOKEN_VERIFICATION_FAILED,
          "Invalid JWT not before date claim (nbf) "
              + JsText.stringifyMember(payload, "nbf")
              + ". Expected number.",
          TokenVerificationException.ACTION_ENSURE_CLERK_JWT);
    }
    double notBefore = epochMillis(nbf);
    if (notBefore > (double) now + clockSkewMillis) {
      throw new TokenVerificationException(
          TokenVerificationReason.TOKEN_NOT_ACTIVE_YET,
          "JWT cannot be used prior to not before date claim (nbf). Not before date: "
              + JsText.utcString(notBefore)
              + "; Current date: "
              + JsText.utcString((double) now)
              + ";",
          null);
    }
  }

  private void assertIssuedAt(Map<String, Object> payload, long now)
      throws TokenVerificationException {
    if (!payload.containsKey("iat")) {
      return;
    }
    if (!(payload.get("iat") instanceof Number iat)) {
      throw new TokenVerificationException(
          TokenVerificationReason.TOKEN_VERIFICATION_FAILED,
          "Invalid JWT issued at date claim (iat) "
              + JsText.stringifyMember(payload, "iat")
              + ". Expected number.",
          TokenVerificationException.ACTION_ENSURE_CLERK_JWT);
    }
    double issuedAt = epochMillis(iat);
    if (issuedAt > (double) now + clockSkewMillis) {
      throw new TokenVerificationException(
          TokenVerificationReason.TOKEN_IAT_IN_THE_FUTURE,
          "JWT issued at date claim (iat) is in the future. Issued at date: "
              + JsText.utcString(issuedAt)
              + "; Current date: "
              + JsText.utcString((double) now)
              + ";",
          null);
    }
  }

  /**
   * Checks {@code exp}, {@code nbf} and {@code iat} against the clock now.
   *
   * @param payload the claims
   * @throws TokenVerificationException {@code token-expired}, {@code token-not-active-yet} or
   *     {@code token-iat-in-the-future}
   */
  void assertTimes(Map<String, Object> payload) throws TokenVerificationException {
    long now = clock.millis();
    assertExpiration(payload, now);
    assertActivation(payload, now);
    assertIssuedAt(payload, now);
  }

  /**
   * {@return the epoch millisecond from which a token with this (numeric) {@code exp} is expired:
   * exp + skew}
   */
  double expiredFromMillis(Map<String, Object> payload) {
    return payload.get("exp") instanceof Number exp
        ? epochMillis(exp) + clockSkewMillis
        : Double.NEGATIVE_INFINITY;
  }
}
