package dev.clerk.jakarta.core.token;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * Verifies Clerk session tokens as Clerk's {@code verifyToken} does: the token must be a three-part
 * compact JWS of at most 16 KiB, must not carry the machine-token category ({@code cat} {@value
 * #M2M_CATEGORY}), must have {@code typ} absent or {@code JWT}, must be signed with
 * RS256/RS384/RS512 by a key of the {@link JwksSource}, and must then pass Clerk's claim checks
 * ({@code sub}, {@code aud}, {@code azp}, {@code exp}, {@code nbf}, {@code iat} with the clock
 * skew).
 *
 * <pre>
 * SessionTokenVerifier verifier = SessionTokenVerifier.builder()
 *     .keySource(JwksSource.pem(System.getenv("CLERK_JWT_KEY")))
 *     .authorizedParties(List.of("https://example.com"))
 *     .build();
 * SessionClaims claims = verifier.verify(token); // throws TokenVerificationException
 * </pre>
 *
 * <h2>Verified-token cache</h2>
 *
 * <p>With {@link Builder#tokenCache} (a {@code Clerk}'s verifier has one of {@code
 * token-cache-size} entries, 10,000 by default) a session token that passed every check is
 * remembered by its full text, with its claims, until its {@code exp} plus the clock skew;
 * verifying it again costs a hash lookup and the re-check of {@code exp}, {@code nbf} and {@code
 * iat} against the clock (same reasons and messages as a full verification). A token that failed is
 * never remembered. Only {@link #verify} and {@link #check} use the cache, on this instance's
 * configuration (key source, authorized parties, audience, skew, clock); {@link #verifySignature},
 * {@link #verifyMachineJwt} and the copies of {@link #withClockSkew} never read it.
 *
 * <p>The trade-off: a key removed from the JWKS (rotated out or unpublished) keeps honouring the
 * tokens verified with it before, until they expire (at most their {@code exp} plus the skew; a
 * Clerk session token lives about a minute). Turn the cache off ({@code token-cache-size=0}) where
 * that is not acceptable. An entry holds the token, its decoded header and claims: about 3 KB for a
 * typical session token, so 10,000 entries take about 30 MB at most.
 *
 * <p>Instances are immutable (apart from the cache) and thread-safe; build one per Clerk instance
 * and share it.
 *
 * @since 0.1
 */
public final class SessionTokenVerifier {
  /** The {@code cat} header value of machine-to-machine tokens, which are never session tokens. */
  public static final String M2M_CATEGORY = "cl_B7d4PD333AAA";

  /**
   * The default size of a {@code Clerk}'s verified-token cache (setting {@code token-cache-size}).
   */
  public static final int DEFAULT_TOKEN_CACHE_SIZE = 10_000;

  private static final System.Logger LOG = System.getLogger(SessionTokenVerifier.class.getName());

  private final JwtVerifier jwtVerifier;

  /** Handshake tokens: the same keys, the signature only. */
  private final JwtVerifier signatureOnly;

  /**
   * Session tokens verified by {@link #jwtVerifier}, which fixes everything but the time checks.
   */
  private final VerifiedTokens verified;

  private SessionTokenVerifier(JwtVerifier jwtVerifier, VerifiedTokens verified) {
    this.jwtVerifier = jwtVerifier;
    this.signatureOnly = jwtVerifier.toBuilder().allowedTypes(null).checkClaims(false).build();
    this.verified = verified;
  }

  /** {@return a new builder; {@link Builder#keySource} is required} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies a session token; one verified before comes from the cache (see the class comment), its
   * time claims checked again.
   *
   * @param token the compact JWT (without {@code Bearer })
   * @return its claims
   * @throws TokenVerificationException with Clerk's reason; its message never contains the token
   */
  public SessionClaims verify(String token) throws TokenVerificationException {
    Objects.requireNonNull(token, "token == null");
    try {
      VerifiedTokens.Entry hit = cached(token);
      return hit != null ? recheck(token, hit) : verifyNew(DecodedJwt.decode(token), null);
    } catch (TokenVerificationException e) {
      throw rejected(e);
    }
  }

  /**
   * Verifies a session token decoded before (by {@link #decode} or {@link UnverifiedJwt#decode}),
   * without decoding it again: the same checks, outcome and cache as {@link #verify(String)}.
   *
   * @param jwt the decoded token
   * @return its claims
   * @throws TokenVerificationException with Clerk's reason; its message never contains the token
   */
  public SessionClaims verify(UnverifiedJwt jwt) throws TokenVerificationException {
    DecodedJwt decoded = Objects.requireNonNull(jwt, "jwt == null").decoded();
    try {
      VerifiedTokens.Entry hit = cached(decoded.token());
      return hit != null ? recheck(decoded.token(), hit) : verifyNew(decoded, jwt);
    } catch (TokenVerificationException e) {
      throw rejected(e);
    }
  }

  /**
   * Decodes a token without verifying it, as {@link UnverifiedJwt#decode}; a token in the
   * verified-token cache is not decoded again (its decoded form is the same for the same text).
   *
   * @param token the compact JWT
   * @return the decoded token
   * @throws TokenVerificationException {@code token-invalid}, as {@link UnverifiedJwt#decode}
   */
  public UnverifiedJwt decode(String token) throws TokenVerificationException {
    VerifiedTokens.Entry hit = cached(Objects.requireNonNull(token, "token == null"));
    return hit != null ? hit.decoded() : UnverifiedJwt.decode(token);
  }

  private VerifiedTokens.@Nullable Entry cached(String token) {
    // An oversized token is refused without hashing it.
    return token.length() <= DecodedJwt.MAX_TOKEN_LENGTH ? verified.get(token) : null;
  }

  /** A token verified before: only time has passed since, so only the time claims are checked. */
  private SessionClaims recheck(String token, VerifiedTokens.Entry hit)
      throws TokenVerificationException {
    try {
      jwtVerifier.assertTimes(hit.decoded().payload());
    } catch (TokenVerificationException e) {
      verified.invalidate(token);
      throw e;
    }
    return hit.claims();
  }

  private SessionClaims verifyNew(DecodedJwt jwt, @Nullable UnverifiedJwt unverified)
      throws TokenVerificationException {
    if (M2M_CATEGORY.equals(jwt.header().get("cat"))) {
      throw new TokenVerificationException(
          TokenVerificationReason.TOKEN_INVALID,
          "Invalid session token category.",
          TokenVerificationException.ACTION_ENSURE_CLERK_JWT);
    }
    SessionClaims claims = jwtVerifier.verify(jwt);
    if (verified.enabled()) {
      verified.put(
          jwt.token(),
          unverified != null ? unverified : new UnverifiedJwt(jwt),
          claims,
          jwtVerifier.expiredFromMillis(jwt.payload()));
    }
    return claims;
  }

  private static TokenVerificationException rejected(TokenVerificationException e) {
    if (LOG.isLoggable(System.Logger.Level.DEBUG)) {
      LOG.log(
          System.Logger.Level.DEBUG,
          "session token rejected: {0}: {1}",
          e.reason(),
          e.clerkMessage());
    }
    return e;
  }

  /**
   * Checks a Clerk-signed JWT's signature only, as Clerk's {@code verifyHandshakeToken}: {@code
   * typ} absent or {@code JWT}, RS256/RS384/RS512 by a key of the {@link #keySource()}; no time,
   * party or audience claim is checked. The request flow verifies handshake tokens with it.
   *
   * @param token the compact JWT
   * @return its payload (unmodifiable)
   * @throws TokenVerificationException with Clerk's reason; its message never contains the token
   */
  public Map<String, Object> verifySignature(String token) throws TokenVerificationException {
    DecodedJwt jwt = DecodedJwt.decode(Objects.requireNonNull(token, "token == null"));
    signatureOnly.verify(jwt);
    return jwt.payload();
  }

  /**
   * Verifies a machine JWT (an M2M token or an OAuth access token in JWT form) with this verifier's
   * key source, authorized parties, audience, clock skew and clock, and the given {@code typ}
   * values.
   *
   * @param token the compact JWT
   * @param allowedTypes the accepted {@code typ} values, or null for absent or {@code JWT}
   * @return its claims
   * @throws TokenVerificationException with Clerk's reason; its message never contains the token
   * @throws IllegalArgumentException when {@code allowedTypes} is empty
   */
  public SessionClaims verifyMachineJwt(String token, @Nullable Set<String> allowedTypes)
      throws TokenVerificationException {
    DecodedJwt jwt = DecodedJwt.decode(Objects.requireNonNull(token, "token == null"));
    return jwtVerifier.toBuilder().allowedTypes(allowedTypes).checkClaims(true).build().verify(jwt);
  }

  /**
   * Verifies a session token and returns the outcome instead of throwing.
   *
   * @param token the compact JWT
   * @return {@link VerificationResult.Verified} or {@link VerificationResult.Rejected}
   */
  public VerificationResult check(String token) {
    try {
      return new VerificationResult.Verified(verify(token));
    } catch (TokenVerificationException e) {
      return VerificationResult.Rejected.of(e);
    }
  }

  /**
   * {@return a copy that allows this clock skew} The request flow uses it to retry a development
   * handshake with one day of skew, as Clerk does.
   *
   * @param skew not negative
   */
  public SessionTokenVerifier withClockSkew(Duration skew) {
    // No cache: its entries live until exp plus this instance's skew, not the copy's.
    return new SessionTokenVerifier(
        jwtVerifier.toBuilder().clockSkew(skew).build(), VerifiedTokens.none());
  }

  /** {@return the key source} */
  public JwksSource keySource() {
    return jwtVerifier.keySource();
  }

  /** {@return the clock skew} */
  public Duration clockSkew() {
    return jwtVerifier.clockSkew();
  }

  /** {@return the most tokens the verified-token cache keeps; 0 when there is none} */
  public int tokenCacheSize() {
    return verified.maximumSize();
  }

  /**
   * {@return the tokens in the verified-token cache, after pending expiry and eviction; for tests}
   */
  long cachedTokens() {
    return verified.size();
  }

  @Override
  public String toString() {
    return "SessionTokenVerifier{" + jwtVerifier + ", tokenCache=" + verified + "}";
  }

  /** Builds a {@link SessionTokenVerifier}. Not thread-safe. */
  public static final class Builder {
    private final JwtVerifier.Builder jwt = JwtVerifier.builder();
    private boolean keySourceSet;
    private int tokenCacheSize;
    private Executor tokenCacheExecutor = Runnable::run;

    private Builder() {}

    /**
     * Sets where keys come from (required).
     *
     * @param keySource the source
     * @return this builder
     */
    public Builder keySource(JwksSource keySource) {
      jwt.keySource(keySource);
      keySourceSet = true;
      return this;
    }

    /**
     * Sets the allowed {@code azp} values; when not empty a token's {@code azp} must be present and
     * listed (default: not checked).
     *
     * @param parties origins such as {@code https://example.com}
     * @return this builder
     */
    public Builder authorizedParties(List<String> parties) {
      jwt.authorizedParties(parties);
      return this;
    }

    /**
     * Sets the allowed {@code aud} values (default: not checked).
     *
     * @param audience the audiences
     * @return this builder
     */
    public Builder audience(List<String> audience) {
      jwt.audience(audience);
      return this;
    }

    /**
     * Sets the leeway for {@code exp}, {@code nbf}, {@code iat} (default 5 s; zero is honoured).
     *
     * @param skew not negative
     * @return this builder
     */
    public Builder clockSkew(Duration skew) {
      jwt.clockSkew(skew);
      return this;
    }

    /**
     * Sets the clock (default {@link Clock#systemUTC()}).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      jwt.clock(clock);
      return this;
    }

    /**
     * Keeps up to {@code maximumSize} verified session tokens (default: none); see "Verified-token
     * cache" in the class comment for what it costs and what it trades.
     *
     * @param maximumSize most tokens kept; 0 for no cache
     * @param executor runs the cache's maintenance (eviction, expiry), e.g. a {@code Clerk}'s own
     *     worker; the calling thread runs it once {@code executor} refuses work. {@code
     *     Runnable::run} runs it on the calling thread.
     * @return this builder
     * @throws IllegalArgumentException when {@code maximumSize} is negative
     */
    public Builder tokenCache(int maximumSize, Executor executor) {
      if (maximumSize < 0) {
        throw new IllegalArgumentException(
            "token cache size must not be negative, got " + maximumSize);
      }
      this.tokenCacheSize = maximumSize;
      this.tokenCacheExecutor = Objects.requireNonNull(executor, "executor == null");
      return this;
    }

    /**
     * {@return the verifier}
     *
     * @throws IllegalStateException when no key source was set
     */
    public SessionTokenVerifier build() {
      if (!keySourceSet) {
        throw new IllegalStateException("keySource is required");
      }
      JwtVerifier verifier = jwt.build();
      return new SessionTokenVerifier(
          verifier, new VerifiedTokens(tokenCacheSize, tokenCacheExecutor, verifier.clock()));
    }
  }
}
