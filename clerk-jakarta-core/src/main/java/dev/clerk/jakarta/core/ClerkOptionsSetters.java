package dev.clerk.jakarta.core;

import dev.clerk.jakarta.core.auth.AcceptedTokens;
import dev.clerk.jakarta.core.internal.Checks;
import dev.clerk.jakarta.core.internal.RedirectUrls;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The setters of {@link ClerkOptions.Builder}, grouped as the settings are (keys, verification,
 * Backend API and HTTP, multi-domain, request flow, JWKS cache, webhooks): each validates its
 * argument at once and may be called once (on a builder from {@link ClerkOptions#toBuilder()}, once
 * more); {@link ClerkSetting} defines each setting's names. Package-private: its public methods are
 * the builder's. Not thread-safe.
 */
abstract class ClerkOptionsSetters {
  ClerkOptionsSetters() {}

  /** {@return this builder} */
  abstract ClerkOptions.Builder self();

  @Nullable String secretKey;
  @Nullable PublishableKey publishableKey;
  @Nullable String jwtKey;
  @Nullable String machineSecretKey;
  @Nullable List<String> authorizedParties;
  @Nullable List<String> audience;
  @Nullable Duration clockSkew;
  @Nullable String apiUrl;
  @Nullable String apiVersion;
  @Nullable String domain;
  @Nullable Boolean satellite;
  @Nullable Boolean satelliteAutoSync;
  @Nullable String proxyUrl;
  @Nullable String signInUrl;
  @Nullable String signUpUrl;
  @Nullable List<String> allowedRedirectOrigins;
  @Nullable ForwardedHeaders forwardedHeaders;
  @Nullable AcceptedTokens acceptsToken;
  @Nullable List<String> organizationPatterns;
  @Nullable List<String> personalAccountPatterns;
  @Nullable HandshakeMode handshakeMode;
  @Nullable Duration jwksCacheTtl;
  @Nullable Duration jwksMinRefreshInterval;
  @Nullable Duration jwksMaxStaleness;
  @Nullable Integer tokenCacheSize;
  @Nullable Duration connectTimeout;
  @Nullable Duration requestTimeout;
  @Nullable List<String> webhookSigningSecrets;
  @Nullable Clock clock;
  final Set<ClerkSetting> setOnce = EnumSet.noneOf(ClerkSetting.class);
  boolean clockSet;
  boolean copy;

  final void once(ClerkSetting setting) {
    if (!setOnce.add(setting) && !copy) {
      throw new IllegalStateException(setting.property() + " was already set");
    }
  }

  /**
   * Sets the secret key ({@code sk_test_…}/{@code sk_live_…}), the Bearer for the Backend API.
   *
   * @param secretKey the key
   * @return this builder
   */
  public ClerkOptions.Builder secretKey(String secretKey) {
    Objects.requireNonNull(secretKey, "secretKey == null");
    once(ClerkSetting.SECRET_KEY);
    this.secretKey = Checks.secretKey(secretKey);
    return self();
  }

  /**
   * Sets the publishable key.
   *
   * @param publishableKey e.g. {@code pk_test_…}
   * @return this builder
   * @throws IllegalArgumentException with Clerk's message when the key is malformed
   */
  public ClerkOptions.Builder publishableKey(String publishableKey) {
    Objects.requireNonNull(publishableKey, "publishableKey == null");
    once(ClerkSetting.PUBLISHABLE_KEY);
    this.publishableKey = PublishableKey.parse(publishableKey.trim());
    return self();
  }

  /**
   * Sets the PEM public key for networkless verification, with or without the {@code -----BEGIN
   * PUBLIC KEY-----} lines.
   *
   * @param pem the key
   * @return this builder
   */
  public ClerkOptions.Builder jwtKey(String pem) {
    Objects.requireNonNull(pem, "pem == null");
    once(ClerkSetting.JWT_KEY);
    if (pem.isBlank()) {
      throw new IllegalArgumentException("jwt key is blank");
    }
    this.jwtKey = pem;
    return self();
  }

  /**
   * Sets the machine secret key, the Bearer for M2M token verification.
   *
   * @param machineSecretKey the key
   * @return this builder
   */
  public ClerkOptions.Builder machineSecretKey(String machineSecretKey) {
    Objects.requireNonNull(machineSecretKey, "machineSecretKey == null");
    once(ClerkSetting.MACHINE_SECRET_KEY);
    if (machineSecretKey.isBlank()) {
      throw new IllegalArgumentException("machine secret key is blank");
    }
    this.machineSecretKey = machineSecretKey.trim();
    return self();
  }

  /**
   * Sets the allowed {@code azp} values (origins such as {@code https://example.com}). When set, a
   * token's {@code azp} must be present and listed.
   *
   * @param parties the origins
   * @return this builder
   */
  public ClerkOptions.Builder authorizedParties(List<String> parties) {
    Objects.requireNonNull(parties, "parties == null");
    once(ClerkSetting.AUTHORIZED_PARTIES);
    this.authorizedParties = Checks.nonBlank(List.copyOf(parties), "authorized party");
    return self();
  }

  /**
   * Sets the allowed {@code aud} values; checked only when both these and the token's are
   * non-empty.
   *
   * @param audience the audiences
   * @return this builder
   */
  public ClerkOptions.Builder audience(List<String> audience) {
    Objects.requireNonNull(audience, "audience == null");
    once(ClerkSetting.AUDIENCE);
    this.audience = Checks.nonBlank(List.copyOf(audience), "audience");
    return self();
  }

  /**
   * Sets the leeway for {@code exp}, {@code nbf}, {@code iat}; zero is honoured.
   *
   * @param skew not negative
   * @return this builder
   */
  public ClerkOptions.Builder clockSkew(Duration skew) {
    once(ClerkSetting.CLOCK_SKEW_MS);
    this.clockSkew = Checks.nonNegative(skew, "clock skew");
    return self();
  }

  /**
   * Sets the Backend API base URL (default {@value ClerkOptions#DEFAULT_API_URL}).
   *
   * @param apiUrl an absolute http(s) URL
   * @return this builder
   */
  public ClerkOptions.Builder apiUrl(String apiUrl) {
    Objects.requireNonNull(apiUrl, "apiUrl == null");
    once(ClerkSetting.API_URL);
    this.apiUrl = Checks.apiBaseUrl(apiUrl, "api url");
    return self();
  }

  /**
   * Sets the Backend API version path segment (default {@value ClerkOptions#DEFAULT_API_VERSION}).
   *
   * @param apiVersion e.g. {@code v1}
   * @return this builder
   */
  public ClerkOptions.Builder apiVersion(String apiVersion) {
    Objects.requireNonNull(apiVersion, "apiVersion == null");
    once(ClerkSetting.API_VERSION);
    this.apiVersion = Checks.apiVersion(apiVersion);
    return self();
  }

  /**
   * Sets the satellite domain, e.g. {@code satellite.example.com}.
   *
   * @param domain the host (a scheme is stripped)
   * @return this builder
   */
  public ClerkOptions.Builder domain(String domain) {
    Objects.requireNonNull(domain, "domain == null");
    once(ClerkSetting.DOMAIN);
    String d = domain.trim().replaceFirst("(?i)^https?://", "");
    if (d.isEmpty()) {
      throw new IllegalArgumentException("domain is blank");
    }
    this.domain = d;
    return self();
  }

  /**
   * Marks this application as a satellite.
   *
   * @param satellite whether it is
   * @return this builder
   */
  public ClerkOptions.Builder satellite(boolean satellite) {
    once(ClerkSetting.IS_SATELLITE);
    this.satellite = satellite;
    return self();
  }

  /**
   * Whether a satellite request with no Clerk cookies triggers a sync handshake (default false, as
   * Clerk's Core 3).
   *
   * @param autoSync whether it does
   * @return this builder
   */
  public ClerkOptions.Builder satelliteAutoSync(boolean autoSync) {
    once(ClerkSetting.SATELLITE_AUTO_SYNC);
    this.satelliteAutoSync = autoSync;
    return self();
  }

  /**
   * Sets the Frontend API proxy URL: absolute ({@code https://example.com/__clerk}) or a path
   * resolved against each request's public origin ({@code /__clerk}).
   *
   * @param proxyUrl the URL
   * @return this builder
   */
  public ClerkOptions.Builder proxyUrl(String proxyUrl) {
    Objects.requireNonNull(proxyUrl, "proxyUrl == null");
    once(ClerkSetting.PROXY_URL);
    String p = proxyUrl.trim();
    if (p.startsWith("/")) {
      Checks.uri(p, "proxy url");
    } else {
      Checks.absoluteHttpUrl(p, "proxy url");
    }
    this.proxyUrl = p;
    return self();
  }

  /**
   * Sets the sign-in URL (satellites in development need an absolute one).
   *
   * @param signInUrl the URL
   * @return this builder
   */
  public ClerkOptions.Builder signInUrl(String signInUrl) {
    Objects.requireNonNull(signInUrl, "signInUrl == null");
    once(ClerkSetting.SIGN_IN_URL);
    this.signInUrl = Checks.uri(signInUrl.trim(), "sign-in url");
    return self();
  }

  /**
   * Sets the sign-up URL.
   *
   * @param signUpUrl the URL
   * @return this builder
   */
  public ClerkOptions.Builder signUpUrl(String signUpUrl) {
    Objects.requireNonNull(signUpUrl, "signUpUrl == null");
    once(ClerkSetting.SIGN_UP_URL);
    this.signUpUrl = Checks.uri(signUpUrl.trim(), "sign-up url");
    return self();
  }

  /**
   * Sets further origins that may receive the development browser token when a development instance
   * answers Clerk's {@code __clerk_redirect_url} (primary-to-satellite sync): by default only the
   * request's own origin, {@code https://<domain>}, the proxy URL's and the sign-in and sign-up
   * URLs' origins may. A redirect to any other origin is not made (the parameter is ignored).
   *
   * @param origins {@code scheme://host[:port]} each (http or https), e.g. {@code
   *     http://localhost:3001}
   * @return this builder
   * @throws IllegalArgumentException naming the setting when an entry is not such an origin
   */
  public ClerkOptions.Builder allowedRedirectOrigins(List<String> origins) {
    Objects.requireNonNull(origins, "origins == null");
    once(ClerkSetting.ALLOWED_REDIRECT_ORIGINS);
    this.allowedRedirectOrigins =
        origins.stream()
            .map(o -> RedirectUrls.configuredOrigin(o, "allowed redirect origin"))
            .distinct()
            .toList();
    return self();
  }

  /**
   * Sets whether the client's {@code X-Forwarded-Host}/{@code -Proto} name the public URL (default
   * {@link ForwardedHeaders#TRUST}, as Clerk); see {@link ForwardedHeaders} for when to ignore
   * them.
   *
   * @param mode the setting
   * @return this builder
   */
  public ClerkOptions.Builder forwardedHeaders(ForwardedHeaders mode) {
    Objects.requireNonNull(mode, "mode == null");
    once(ClerkSetting.FORWARDED_HEADERS);
    this.forwardedHeaders = mode;
    return self();
  }

  /**
   * Sets the accepted token types.
   *
   * @param acceptsToken the setting
   * @return this builder
   */
  public ClerkOptions.Builder acceptsToken(AcceptedTokens acceptsToken) {
    Objects.requireNonNull(acceptsToken, "acceptsToken == null");
    once(ClerkSetting.ACCEPTS_TOKEN);
    this.acceptsToken = acceptsToken;
    return self();
  }

  /**
   * Sets the accepted token types from their configuration form (see {@link AcceptedTokens#parse}).
   *
   * @param acceptsToken e.g. {@code session_token} or {@code api_key,m2m_token} or {@code any}
   * @return this builder
   */
  public ClerkOptions.Builder acceptsToken(String acceptsToken) {
    Objects.requireNonNull(acceptsToken, "acceptsToken == null");
    return acceptsToken(AcceptedTokens.parse(acceptsToken));
  }

  /**
   * Sets organization-sync patterns that activate an organization: path patterns with {@code :id}
   * or {@code :slug}, e.g. {@code /orgs/:slug/(.*)}.
   *
   * @param patterns the patterns
   * @return this builder
   */
  public ClerkOptions.Builder organizationPatterns(List<String> patterns) {
    Objects.requireNonNull(patterns, "patterns == null");
    once(ClerkSetting.ORGANIZATION_PATTERNS);
    this.organizationPatterns = Checks.nonBlank(List.copyOf(patterns), "organization pattern");
    return self();
  }

  /**
   * Sets organization-sync patterns that activate the personal account.
   *
   * @param patterns the patterns
   * @return this builder
   */
  public ClerkOptions.Builder personalAccountPatterns(List<String> patterns) {
    Objects.requireNonNull(patterns, "patterns == null");
    once(ClerkSetting.PERSONAL_ACCOUNT_PATTERNS);
    this.personalAccountPatterns =
        Checks.nonBlank(List.copyOf(patterns), "personal account pattern");
    return self();
  }

  /**
   * Sets how handshakes are answered (default {@link HandshakeMode#REDIRECT}).
   *
   * @param mode the mode
   * @return this builder
   */
  public ClerkOptions.Builder handshakeMode(HandshakeMode mode) {
    Objects.requireNonNull(mode, "mode == null");
    once(ClerkSetting.HANDSHAKE_MODE);
    this.handshakeMode = mode;
    return self();
  }

  /**
   * Sets how long a fetched JWKS is fresh (default 5 minutes).
   *
   * @param ttl positive
   * @return this builder
   */
  public ClerkOptions.Builder jwksCacheTtl(Duration ttl) {
    once(ClerkSetting.JWKS_CACHE_TTL_MS);
    this.jwksCacheTtl = Checks.positive(ttl, "jwks cache ttl");
    return self();
  }

  /**
   * Sets the least time between two refetches caused by an unknown {@code kid} (default 30 s). Zero
   * disables the limit.
   *
   * @param interval not negative
   * @return this builder
   */
  public ClerkOptions.Builder jwksMinRefreshInterval(Duration interval) {
    once(ClerkSetting.JWKS_MIN_REFRESH_INTERVAL_MS);
    this.jwksMinRefreshInterval = Checks.nonNegative(interval, "jwks min refresh interval");
    return self();
  }

  /**
   * Sets how long the last good JWKS keeps serving while refreshes fail (default 1 hour).
   *
   * @param staleness not negative
   * @return this builder
   */
  public ClerkOptions.Builder jwksMaxStaleness(Duration staleness) {
    once(ClerkSetting.JWKS_MAX_STALENESS_MS);
    this.jwksMaxStaleness = Checks.nonNegative(staleness, "jwks max staleness");
    return self();
  }

  /**
   * Sets how many verified session tokens are remembered until they expire (default {@value
   * dev.clerk.jakarta.core.token.SessionTokenVerifier#DEFAULT_TOKEN_CACHE_SIZE}; 0 turns the cache
   * off). A key removed from the JWKS keeps honouring the tokens verified before, until they
   * expire: see {@link dev.clerk.jakarta.core.token.SessionTokenVerifier}.
   *
   * @param size not negative
   * @return this builder
   */
  public ClerkOptions.Builder tokenCacheSize(int size) {
    once(ClerkSetting.TOKEN_CACHE_SIZE);
    if (size < 0) {
      throw new IllegalArgumentException("token cache size must not be negative, got " + size);
    }
    this.tokenCacheSize = size;
    return self();
  }

  /**
   * Sets the HTTP connect timeout (default 2 s).
   *
   * @param timeout positive
   * @return this builder
   */
  public ClerkOptions.Builder connectTimeout(Duration timeout) {
    once(ClerkSetting.HTTP_CONNECT_TIMEOUT_MS);
    this.connectTimeout = Checks.positive(timeout, "connect timeout");
    return self();
  }

  /**
   * Sets the HTTP request timeout (default 3 s).
   *
   * @param timeout positive
   * @return this builder
   */
  public ClerkOptions.Builder requestTimeout(Duration timeout) {
    once(ClerkSetting.HTTP_TIMEOUT_MS);
    this.requestTimeout = Checks.positive(timeout, "request timeout");
    return self();
  }

  /**
   * Sets the webhook signing secrets ({@code whsec_…}), several during a rotation; see {@code
   * Webhooks.Builder.secrets}. {@link Clerk#webhooks()} verifies with them.
   *
   * @param secrets the secrets
   * @return this builder
   * @throws IllegalArgumentException when one is malformed (the message gives its position only)
   */
  public ClerkOptions.Builder webhookSigningSecrets(List<String> secrets) {
    Objects.requireNonNull(secrets, "secrets == null");
    once(ClerkSetting.WEBHOOK_SIGNING_SECRET);
    dev.clerk.jakarta.core.webhooks.Webhooks.builder().secrets(secrets);
    this.webhookSigningSecrets = List.copyOf(secrets);
    return self();
  }

  /**
   * Sets the clock for token time checks (default {@link Clock#systemUTC()}); for tests.
   *
   * @param clock the clock
   * @return this builder
   */
  public ClerkOptions.Builder clock(Clock clock) {
    Objects.requireNonNull(clock, "clock == null");
    if (clockSet && !copy) {
      throw new IllegalStateException("clock was already set");
    }
    clockSet = true;
    this.clock = clock;
    return self();
  }
}
