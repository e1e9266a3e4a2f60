package dev.clerk.jakarta.core.token;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jws.JsonWebSignatureAlgorithm;
import org.jose4j.jws.RsaUsingShaAlgorithm;
import org.jose4j.lang.JoseException;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a {@link DecodedJwt} as Clerk's {@code verifyJwt} does, in Clerk's order: header type,
 * algorithm permit-list (RS256/RS384/RS512 only), no {@code crit}, key lookup by {@code kid},
 * signature, and then, unless disabled, the claims {@code sub}, {@code aud}, {@code azp}, {@code
 * exp}, {@code nbf}, {@code iat}. The signature is always checked before any claim, so a forged
 * token learns nothing about the configuration. Key-carrying headers ({@code jku}, {@code x5u},
 * {@code jwk}, {@code x5c}) are ignored: keys come only from the configured {@link JwksSource}.
 *
 * <p>Failures are a {@link TokenVerificationException} with Clerk's reason, message and action.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
final class JwtVerifier {
  /** The algorithms Clerk accepts, in Clerk's order ({@code jwt/algorithms.ts}). */
  public static final List<String> ALGORITHMS = List.of("RS256", "RS384", "RS512");

  private static final Map<String, JsonWebSignatureAlgorithm> ALGORITHM_IMPLS =
      Map.of(
          "RS256", new RsaUsingShaAlgorithm.RsaSha256(),
          "RS384", new RsaUsingShaAlgorithm.RsaSha384(),
          "RS512", new RsaUsingShaAlgorithm.RsaSha512());

  private static final ProviderContext PROVIDER_CONTEXT = new ProviderContext();

  /** How much of an unverified header value a message repeats. */
  static final int MAX_ECHOED = 128;

  private final JwksSource keySource;
  private final @Nullable List<String> allowedTypes;
  private final boolean checkClaims;
  private final List<String> authorizedParties;
  private final List<String> audience;
  private final Duration clockSkew;
  private final Clock clock;
  private final JwtClaimChecks claimChecks;

  private JwtVerifier(Builder b) {
    this.keySource = Objects.requireNonNull(b.keySource, "keySource == null");
    this.allowedTypes = b.allowedTypes;
    this.checkClaims = b.checkClaims;
    this.authorizedParties = b.authorizedParties;
    this.audience = b.audience;
    this.clockSkew = b.clockSkew;
    this.clock = b.clock;
    this.claimChecks =
        new JwtClaimChecks(b.authorizedParties, b.audience, b.clockSkew.toMillis(), b.clock);
  }

  /** {@return a new builder; {@link Builder#keySource} is required} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder with this verifier's settings} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.keySource = keySource;
    b.allowedTypes = allowedTypes;
    b.checkClaims = checkClaims;
    b.authorizedParties = authorizedParties;
    b.audience = audience;
    b.clockSkew = clockSkew;
    b.clock = clock;
    return b;
  }

  /** {@return the key source} */
  public JwksSource keySource() {
    return keySource;
  }

  /** {@return the clock skew} */
  public Duration clockSkew() {
    return clockSkew;
  }

  /** {@return the clock} */
  public Clock clock() {
    return clock;
  }

  /** {@return the authorized parties (empty: {@code azp} not checked)} */
  public List<String> authorizedParties() {
    return authorizedParties;
  }

  /** {@return the audiences (empty: {@code aud} not checked)} */
  public List<String> audience() {
    return audience;
  }

  /**
   * Verifies the token.
   *
   * @param jwt the decoded token
   * @return its claims
   * @throws TokenVerificationException with Clerk's reason on the first failed check
   */
  public SessionClaims verify(DecodedJwt jwt) throws TokenVerificationException {
    Objects.requireNonNull(jwt, "jwt == null");
    Map<String, Object> header = jwt.header();
    assertHeaderType(header);
    JsonWebSignatureAlgorithm algorithm = assertAlgorithm(header);
    if (header.containsKey("crit")) {
      // RFC 7515 §4.1.11: a recipient must reject extensions it does not understand; we know none.
      throw new TokenVerificationException(
          TokenVerificationReason.TOKEN_INVALID,
          "Invalid JWT header. The crit header parameter is not supported.",
          TokenVerificationException.ACTION_ENSURE_CLERK_JWT);
    }
    PublicKey key = keySource.key(jwt.kid());
    assertSignature(jwt, algorithm, key);
    if (checkClaims) {
      claimChecks.assertClaims(jwt.payload());
    }
    return SessionClaims.of(jwt.payload());
  }

  private void assertHeaderType(Map<String, Object> header) throws TokenVerificationException {
    if (!header.containsKey("typ") && allowedTypes == null) {
      return;
    }
    List<String> allowed = allowedTypes == null ? List.of("JWT") : allowedTypes;
    Object typ = header.get("typ");
    if (!(typ instanceof String s) || !allowed.contains(s)) {
      throw new TokenVerificationException(
          TokenVerificationReason.TOKEN_INVALID,
          "Invalid JWT type "
              + unverified(JsText.stringifyMember(header, "typ"))
              + ". Expected \""
              + String.join(", ", allowed)
              + "\".",
          TokenVerificationException.ACTION_ENSURE_CLERK_JWT);
    }
  }

  private static JsonWebSignatureAlgorithm assertAlgorithm(Map<String, Object> header)
      throws TokenVerificationException {
    Object alg = header.get("alg");
    JsonWebSignatureAlgorithm impl = alg instanceof String s ? ALGORITHM_IMPLS.get(s) : null;
    if (impl == null) {
      throw new TokenVerificationException(
          TokenVerificationReason.TOKEN_INVALID_ALGORITHM,
          "Invalid JWT algorithm "
              + unverified(JsText.stringifyMember(header, "alg"))
              + ". Supported: "
              + String.join(",", ALGORITHMS)
              + ".",
          TokenVerificationException.ACTION_ENSURE_CLERK_JWT);
    }
    return impl;
  }

  /**
   * A header value echoed before the signature is checked comes from anyone: the message (which
   * adapters send as {@code x-clerk-auth-message}) keeps at most {@value #MAX_ECHOED} characters of
   * it.
   */
  static String unverified(String stringified) {
    return stringified.length() <= MAX_ECHOED
        ? stringified
        : stringified.substring(0, MAX_ECHOED) + "...";
  }

  private static void assertSignature(
      DecodedJwt jwt, JsonWebSignatureAlgorithm algorithm, PublicKey key)
      throws TokenVerificationException {
    boolean valid;
    try {
      algorithm.validateVerificationKey(key);
      valid =
          algorithm.verifySignature(
              jwt.signature(), key, jwt.signingInputBytes(), PROVIDER_CONTEXT);
    } catch (JoseException | RuntimeException e) {
      throw new TokenVerificationException(
          TokenVerificationReason.TOKEN_VERIFICATION_FAILED,
          "Error verifying JWT signature. " + e.getMessage(),
          TokenVerificationException.ACTION_ENSURE_CLERK_JWT);
    }
    if (!valid) {
      throw new TokenVerificationException(
          TokenVerificationReason.TOKEN_INVALID_SIGNATURE, "JWT signature is invalid.", null);
    }
  }

  /**
   * Checks {@code exp}, {@code nbf} and {@code iat} of a token verified before, against the clock
   * now, with the same messages as {@link #verify}: what the verified-token cache re-checks on each
   * hit.
   *
   * @param payload the claims of a token this verifier accepted
   * @throws TokenVerificationException {@code token-expired}, {@code token-not-active-yet} or
   *     {@code token-iat-in-the-future}
   */
  void assertTimes(Map<String, Object> payload) throws TokenVerificationException {
    if (checkClaims) {
      claimChecks.assertTimes(payload);
    }
  }

  /**
   * {@return the epoch millisecond from which a token with this (numeric) {@code exp} is expired:
   * exp + skew}
   */
  double expiredFromMillis(Map<String, Object> payload) {
    return claimChecks.expiredFromMillis(payload);
  }

  @Override
  public String toString() {
    return "JwtVerifier{keySource="
        + keySource
        + ", allowedTypes="
        + allowedTypes
        + ", checkClaims="
        + checkClaims
        + ", authorizedParties="
        + authorizedParties
        + ", audience="
        + audience
        + ", clockSkew="
        + clockSkew
        + "}";
  }

  /** Builds a {@link JwtVerifier}. Not thread-safe. */
  public static final class Builder {
    private @Nullable JwksSource keySource;
    private @Nullable List<String> allowedTypes;
    private boolean checkClaims = true;
    private List<String> authorizedParties = List.of();
    private List<String> audience = List.of();
    private Duration clockSkew = Duration.ofSeconds(5);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Sets where keys come from (required).
     *
     * @param keySource the source
     * @return this builder
     */
    public Builder keySource(JwksSource keySource) {
      this.keySource = Objects.requireNonNull(keySource, "keySource == null");
      return this;
    }

    /**
     * Sets the accepted {@code typ} header values. Null (the default) is Clerk's default: {@code
     * typ} absent or {@code JWT}. A set means {@code typ} must be present and in it.
     *
     * @param types the accepted types, or null
     * @return this builder
     */
    public Builder allowedTypes(@Nullable Set<String> types) {
      if (types == null) {
        this.allowedTypes = null;
      } else {
        if (types.isEmpty()) {
          throw new IllegalArgumentException("allowed types must not be empty");
        }
        this.allowedTypes = List.copyOf(new LinkedHashSet<>(types));
      }
      return this;
    }

    /**
     * Sets whether claims are checked after the signature (default true). Handshake tokens are
     * checked for their signature only.
     *
     * @param checkClaims false to check the signature only
     * @return this builder
     */
    public Builder checkClaims(boolean checkClaims) {
      this.checkClaims = checkClaims;
      return this;
    }

    /**
     * Sets the allowed {@code azp} values; when not empty, {@code azp} must be present and listed.
     *
     * @param parties the origins
     * @return this builder
     */
    public Builder authorizedParties(List<String> parties) {
      this.authorizedParties = nonEmptyStrings(parties, "authorized party");
      return this;
    }

    /**
     * Sets the allowed {@code aud} values; checked only when both these and the token's are not
     * empty.
     *
     * @param audience the audiences
     * @return this builder
     */
    public Builder audience(List<String> audience) {
      this.audience = nonEmptyStrings(audience, "audience");
      return this;
    }

    /**
     * Sets the leeway for {@code exp}, {@code nbf} and {@code iat} (default 5 s); zero is honoured.
     *
     * @param skew not negative
     * @return this builder
     */
    public Builder clockSkew(Duration skew) {
      Objects.requireNonNull(skew, "skew == null");
      if (skew.isNegative()) {
        throw new IllegalArgumentException("clock skew must not be negative, got " + skew);
      }
      this.clockSkew = skew;
      return this;
    }

    /**
     * Sets the clock (default {@link Clock#systemUTC()}).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * {@return the verifier}
     *
     * @throws IllegalStateException when no key source was set
     */
    public JwtVerifier build() {
      if (keySource == null) {
        throw new IllegalStateException("keySource is required");
      }
      return new JwtVerifier(this);
    }

    private static List<String> nonEmptyStrings(List<String> values, String what) {
      Objects.requireNonNull(values, what + " == null");
      List<String> out = new ArrayList<>(values.size());
      for (String v : values) {
        // Clerk drops falsy entries ([audience].flat().filter(a => !!a)).
        if (v != null && !v.isEmpty()) {
          out.add(v);
        }
      }
      return List.copyOf(out);
    }
  }
}
