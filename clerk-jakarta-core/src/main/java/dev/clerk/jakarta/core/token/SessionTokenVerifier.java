package dev.clerk.jakarta.core.token;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Verifies Clerk session tokens as Clerk's {@code verifyToken} does: the token must be a three-part
 * compact JWS of at most 16 KiB, must not carry the machine-token category ({@code cat}
 * {@value #M2M_CATEGORY}), must have {@code typ} absent or {@code JWT}, must be signed with
 * RS256/RS384/RS512 by a key of the {@link JwksSource}, and must then pass Clerk's claim checks
 * ({@code sub}, {@code aud}, {@code azp}, {@code exp}, {@code nbf}, {@code iat} with the clock skew).
 *
 * <pre>
 * SessionTokenVerifier verifier = SessionTokenVerifier.builder()
 *     .keySource(JwksSource.pem(System.getenv("CLERK_JWT_KEY")))
 *     .authorizedParties(List.of("https://example.com"))
 *     .build();
 * SessionClaims claims = verifier.verify(token); // throws TokenVerificationException
 * </pre>
 *
 * <p>Instances are immutable and thread-safe; build one per Clerk instance and share it.
 *
 * @since 0.1
 */
public final class SessionTokenVerifier {
  /** The {@code cat} header value of machine-to-machine tokens, which are never session tokens. */
  public static final String M2M_CATEGORY = "cl_B7d4PD333AAA";

  private static final System.Logger LOG = System.getLogger(SessionTokenVerifier.class.getName());

  private final JwtVerifier jwtVerifier;
  /** Handshake tokens: the same keys, the signature only. */
  private final JwtVerifier signatureOnly;

  private SessionTokenVerifier(JwtVerifier jwtVerifier) {
    this.jwtVerifier = jwtVerifier;
    this.signatureOnly = jwtVerifier.toBuilder().allowedTypes(null).checkClaims(false).build();
  }

  /** {@return a new builder; {@link Builder#keySource} is required} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Verifies a session token.
   *
   * @param token the compact JWT (without {@code Bearer })
   * @return its claims
   * @throws TokenVerificationException with Clerk's reason; its message never contains the token
   */
  public SessionClaims verify(String token) throws TokenVerificationException {
    Objects.requireNonNull(token, "token == null");
    try {
      DecodedJwt jwt = DecodedJwt.decode(token);
      if (M2M_CATEGORY.equals(jwt.header().get("cat"))) {
        throw new TokenVerificationException(
            TokenVerificationReason.TOKEN_INVALID,
            "Invalid session token category.",
            TokenVerificationException.ACTION_ENSURE_CLERK_JWT);
      }
      return jwtVerifier.verify(jwt);
    } catch (TokenVerificationException e) {
      LOG.log(System.Logger.Level.DEBUG, "session token rejected: {0}: {1}", e.reason(), e.clerkMessage());
      throw e;
    }
  }

  /**
   * Checks a Clerk-signed JWT's signature only, as Clerk's {@code verifyHandshakeToken}: {@code typ}
   * absent or {@code JWT}, RS256/RS384/RS512 by a key of the {@link #keySource()}; no time, party or
   * audience claim is checked. The request flow verifies handshake tokens with it.
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
   * key source, authorized parties, audience, clock skew and clock, and the given {@code typ} values.
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
    return new SessionTokenVerifier(jwtVerifier.toBuilder().clockSkew(skew).build());
  }

  /** {@return the key source} */
  public JwksSource keySource() {
    return jwtVerifier.keySource();
  }

  /** {@return the clock skew} */
  public Duration clockSkew() {
    return jwtVerifier.clockSkew();
  }

  @Override
  public String toString() {
    return "SessionTokenVerifier{" + jwtVerifier + "}";
  }

  /** Builds a {@link SessionTokenVerifier}. Not thread-safe. */
  public static final class Builder {
    private final JwtVerifier.Builder jwt = JwtVerifier.builder();
    private boolean keySourceSet;

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
     * Sets the allowed {@code azp} values; when not empty a token's {@code azp} must be present
     * and listed (default: not checked).
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
     * {@return the verifier}
     *
     * @throws IllegalStateException when no key source was set
     */
    public SessionTokenVerifier build() {
      if (!keySourceSet) {
        throw new IllegalStateException("keySource is required");
      }
      return new SessionTokenVerifier(jwt.build());
    }
  }
}
