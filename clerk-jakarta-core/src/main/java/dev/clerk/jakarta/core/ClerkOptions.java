package dev.clerk.jakarta.core;

import dev.clerk.jakarta.core.auth.AcceptedTokens;
import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.backend.BackendApi;
import dev.clerk.jakarta.core.internal.Checks;
import dev.clerk.jakarta.core.internal.RedirectUrls;
import dev.clerk.jakarta.core.token.RemoteJwksConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The immutable configuration of a {@link Clerk}: keys, verification rules, satellite and proxy
 * settings, timeouts.
 *
 * <p>Build it with {@link #builder()}, or read it from configuration with {@link #fromEnvironment()}
 * or {@link #fromSources}: each {@link ClerkSetting} has an init-param, an environment variable and a
 * system property; init-params win over environment variables, and environment variables over system
 * properties. Invalid settings fail in {@link Builder#build()} (or in the setter) with a message that
 * names the setting. The secret keys never appear in {@link #toString()} or in any message.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ClerkOptions {
  /** Default Backend API base URL. */
  public static final String DEFAULT_API_URL = BackendApi.DEFAULT_API_URL;
  /** Default Backend API version path segment. */
  public static final String DEFAULT_API_VERSION = BackendApi.DEFAULT_API_VERSION;
  /** Default leeway for {@code exp}, {@code nbf} and {@code iat}: 5 seconds, as Clerk's SDK. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMillis(5000);
  /** Default freshness of a fetched JWKS: 5 minutes, as Clerk's SDK. */
  public static final Duration DEFAULT_JWKS_CACHE_TTL = Duration.ofMinutes(5);
  /** Default least time between two unknown-{@code kid} refetches. */
  public static final Duration DEFAULT_JWKS_MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);
  /** Default time the last good JWKS keeps serving while refreshes fail. */
  public static final Duration DEFAULT_JWKS_MAX_STALENESS = Duration.ofHours(1);
  /** Default HTTP connect timeout. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = BackendApi.DEFAULT_CONNECT_TIMEOUT;
  /** Default HTTP request timeout. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = BackendApi.DEFAULT_TIMEOUT;

  private final @Nullable String secretKey;
  private final @Nullable PublishableKey publishableKey;
  private final @Nullable String jwtKey;
  private final @Nullable String machineSecretKey;
  private final List<String> authorizedParties;
  private final List<String> audience;
  private final Duration clockSkew;
  private final String apiUrl;
  private final String apiVersion;
  private final @Nullable String domain;
  private final boolean satellite;
  private final boolean satelliteAutoSync;
  private final @Nullable String proxyUrl;
  private final @Nullable String signInUrl;
  private final @Nullable String signUpUrl;
  private final List<String> allowedRedirectOrigins;
  private final ForwardedHeaders forwardedHeaders;
  private final AcceptedTokens acceptsToken;
  private final List<String> organizationPatterns;
  private final List<String> personalAccountPatterns;
  private final HandshakeMode handshakeMode;
  private final Duration jwksCacheTtl;
  private final Duration jwksMinRefreshInterval;
  private final Duration jwksMaxStaleness;
  private final Duration connectTimeout;
  private final Duration requestTimeout;
  private final List<String> webhookSigningSecrets;
  private final Clock clock;

  private ClerkOptions(Builder b) {
    this.secretKey = b.secretKey;
    this.publishableKey = b.publishableKey;
    this.jwtKey = b.jwtKey;
    this.machineSecretKey = b.machineSecretKey;
    this.authorizedParties = b.authorizedParties == null ? List.of() : b.authorizedParties;
    this.audience = b.audience == null ? List.of() : b.audience;
    this.clockSkew = b.clockSkew == null ? DEFAULT_CLOCK_SKEW : b.clockSkew;
    this.apiUrl = b.apiUrl == null ? DEFAULT_API_URL : b.apiUrl;
    this.apiVersion = b.apiVersion == null ? DEFAULT_API_VERSION : b.apiVersion;
    this.domain = b.domain;
    this.satellite = b.satellite != null && b.satellite;
    this.satelliteAutoSync = b.satelliteAutoSync != null && b.satelliteAutoSync;
    this.proxyUrl = b.proxyUrl;
    this.signInUrl = b.signInUrl;
    this.signUpUrl = b.signUpUrl;
    this.allowedRedirectOrigins = b.allowedRedirectOrigins == null ? List.of() : b.allowedRedirectOrigins;
    this.forwardedHeaders = b.forwardedHeaders == null ? ForwardedHeaders.TRUST : b.forwardedHeaders;
    this.acceptsToken = b.acceptsToken == null ? AcceptedTokens.sessionToken() : b.acceptsToken;
    this.organizationPatterns = b.organizationPatterns == null ? List.of() : b.organizationPatterns;
    this.personalAccountPatterns =
        b.personalAccountPatterns == null ? List.of() : b.personalAccountPatterns;
    this.handshakeMode = b.handshakeMode == null ? HandshakeMode.REDIRECT : b.handshakeMode;
    this.jwksCacheTtl = b.jwksCacheTtl == null ? DEFAULT_JWKS_CACHE_TTL : b.jwksCacheTtl;
    this.jwksMinRefreshInterval =
        b.jwksMinRefreshInterval == null ? DEFAULT_JWKS_MIN_REFRESH_INTERVAL : b.jwksMinRefreshInterval;
    this.jwksMaxStaleness = b.jwksMaxStaleness == null ? DEFAULT_JWKS_MAX_STALENESS : b.jwksMaxStaleness;
    this.connectTimeout = b.connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : b.connectTimeout;
    this.requestTimeout = b.requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : b.requestTimeout;
    this.webhookSigningSecrets = b.webhookSigningSecrets == null ? List.of() : b.webhookSigningSecrets;
    this.clock = b.clock == null ? Clock.systemUTC() : b.clock;
  }

  /** {@return a new builder} */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads the options from environment variables, then system properties ({@code clerk.secretKey}
   * …), as {@link ClerkSetting} lists them.
   *
   * @return the options
   * @throws IllegalArgumentException naming the setting when a value is invalid or a required key is
   *     missing
   */
  public static ClerkOptions fromEnvironment() {
    return fromSources(Map.of(), System.getenv(), System.getProperties());
  }

  /**
   * Reads the options from {@code web.xml} init-params, falling back to environment variables and
   * then to system properties for settings the init-params do not name.
   *
   * @param initParams init-param name to value (e.g. {@code secret-key})
   * @return the options
   * @throws IllegalArgumentException naming the setting when a value is invalid or a required key is
   *     missing
   */
  public static ClerkOptions fromMap(Map<String, String> initParams) {
    return fromSources(initParams, System.getenv(), System.getProperties());
  }

  /**
   * The one parser behind {@link #fromEnvironment()} and {@link #fromMap}: for each setting, the
   * first non-blank value of init-param, environment variable, system property.
   *
   * @param initParams init-params by their names
   * @param env environment variables
   * @param systemProperties system properties
   * @return a builder holding the values found, so that callers can add more before {@code build()}
   * @throws IllegalArgumentException naming the setting's source when a value is invalid
   */
  public static Builder builderFromSources(
      Map<String, String> initParams, Map<String, String> env, Properties systemProperties) {
    Objects.requireNonNull(initParams, "initParams == null");
    Objects.requireNonNull(env, "env == null");
    Objects.requireNonNull(systemProperties, "systemProperties == null");
    Builder b = builder();
    ClerkSetting.readAll(b, initParams, env, systemProperties);
    return b;
  }

  /**
   * Like {@link #builderFromSources} followed by {@link Builder#build()}.
   *
   * @param initParams init-params by their names
   * @param env environment variables
   * @param systemProperties system properties
   * @return the options
   * @throws IllegalArgumentException naming the setting when a value is invalid or a required key is
   *     missing
   */
  public static ClerkOptions fromSources(
      Map<String, String> initParams, Map<String, String> env, Properties systemProperties) {
    return builderFromSources(initParams, env, systemProperties).build();
  }

  /** {@return the secret key, or null when only networkless verification is configured} */
  public @Nullable String secretKey() {
    return secretKey;
  }

  /** {@return the publishable key, or null for machine-only configurations} */
  public @Nullable PublishableKey publishableKey() {
    return publishableKey;
  }

  /** {@return the PEM public key for networkless verification, or null} */
  public @Nullable String jwtKey() {
    return jwtKey;
  }

  /** {@return the Bearer for M2M token verification, or null to use the secret key} */
  public @Nullable String machineSecretKey() {
    return machineSecretKey;
  }

  /** {@return the allowed {@code azp} values; empty means not checked} */
  public List<String> authorizedParties() {
    return authorizedParties;
  }

  /** {@return the allowed {@code aud} values; empty means not checked} */
  public List<String> audience() {
    return audience;
  }

  /** {@return the leeway for {@code exp}, {@code nbf}, {@code iat}} */
  public Duration clockSkew() {
    return clockSkew;
  }

  /** {@return the Backend API base URL without trailing slash} */
  public String apiUrl() {
    return apiUrl;
  }

  /** {@return the Backend API version path segment, e.g. {@code v1}} */
  public String apiVersion() {
    return apiVersion;
  }

  /** {@return the satellite domain, or null} */
  public @Nullable String domain() {
    return domain;
  }

  /** {@return whether this application is a satellite} */
  public boolean isSatellite() {
    return satellite;
  }

  /** {@return whether a satellite without cookies syncs with a handshake (default false)} */
  public boolean satelliteAutoSync() {
    return satelliteAutoSync;
  }

  /** {@return the Frontend API proxy URL (absolute, or relative to the request origin), or null} */
  public @Nullable String proxyUrl() {
    return proxyUrl;
  }

  /** {@return the sign-in URL, or null} */
  public @Nullable String signInUrl() {
    return signInUrl;
  }

  /** {@return the sign-up URL, or null} */
  public @Nullable String signUpUrl() {
    return signUpUrl;
  }

  /**
   * {@return the origins, besides the instance's own, that may receive the development browser token
   * in a redirect; normalised ({@code https://host[:port]}, lower case, punycode)}
   */
  public List<String> allowedRedirectOrigins() {
    return allowedRedirectOrigins;
  }

  /** {@return whether {@code X-Forwarded-Host}/{@code -Proto} name the public URL (default trust)} */
  public ForwardedHeaders forwardedHeaders() {
    return forwardedHeaders;
  }

  /** {@return the accepted token types (default: session tokens)} */
  public AcceptedTokens acceptsToken() {
    return acceptsToken;
  }

  /** {@return organization-sync patterns that activate an organization} */
  public List<String> organizationPatterns() {
    return organizationPatterns;
  }

  /** {@return organization-sync patterns that activate the personal account} */
  public List<String> personalAccountPatterns() {
    return personalAccountPatterns;
  }

  /** {@return how handshakes are answered (default redirect)} */
  public HandshakeMode handshakeMode() {
    return handshakeMode;
  }

  /** {@return how long a fetched JWKS is fresh} */
  public Duration jwksCacheTtl() {
    return jwksCacheTtl;
  }

  /** {@return the least time between two unknown-{@code kid} refetches} */
  public Duration jwksMinRefreshInterval() {
    return jwksMinRefreshInterval;
  }

  /** {@return how long the last good JWKS serves while refreshes fail} */
  public Duration jwksMaxStaleness() {
    return jwksMaxStaleness;
  }

  /** {@return the HTTP connect timeout} */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** {@return the HTTP request timeout} */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /** {@return the webhook signing secrets ({@code whsec_…}); empty when none is configured} */
  public List<String> webhookSigningSecrets() {
    return webhookSigningSecrets;
  }

  /** {@return the clock used for token time checks} */
  public Clock clock() {
    return clock;
  }

  /**
   * {@return the settings of the Backend API's JWKS as the token layer takes them} API URL and
   * version, secret key, the JWKS cache durations, the request timeout and the clock.
   *
   * @throws IllegalArgumentException naming the setting when there is no secret key
   */
  public RemoteJwksConfig remoteJwksConfig() {
    if (secretKey == null) {
      throw new IllegalArgumentException(
          "A remote JWKS needs the secret key (CLERK_SECRET_KEY, init-param secret-key)");
    }
    return new RemoteJwksConfig(
        apiUrl, apiVersion, secretKey, jwksCacheTtl, jwksMinRefreshInterval, jwksMaxStaleness, requestTimeout, clock);
  }

  /** {@return whether the secret key is a development key ({@code sk_test_} or {@code test_})} */
  public boolean isDevelopmentSecretKey() {
    return secretKey != null && (secretKey.startsWith("sk_test_") || secretKey.startsWith("test_"));
  }

  /** {@return a copy of this builder's values, to change some} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.secretKey = secretKey;
    b.publishableKey = publishableKey;
    b.jwtKey = jwtKey;
    b.machineSecretKey = machineSecretKey;
    b.authorizedParties = authorizedParties;
    b.audience = audience;
    b.clockSkew = clockSkew;
    b.apiUrl = apiUrl;
    b.apiVersion = apiVersion;
    b.domain = domain;
    b.satellite = satellite;
    b.satelliteAutoSync = satelliteAutoSync;
    b.proxyUrl = proxyUrl;
    b.signInUrl = signInUrl;
    b.signUpUrl = signUpUrl;
    b.allowedRedirectOrigins = allowedRedirectOrigins;
    b.forwardedHeaders = forwardedHeaders;
    b.acceptsToken = acceptsToken;
    b.organizationPatterns = organizationPatterns;
    b.personalAccountPatterns = personalAccountPatterns;
    b.handshakeMode = handshakeMode;
    b.jwksCacheTtl = jwksCacheTtl;
    b.jwksMinRefreshInterval = jwksMinRefreshInterval;
    b.jwksMaxStaleness = jwksMaxStaleness;
    b.connectTimeout = connectTimeout;
    b.requestTimeout = requestTimeout;
    b.webhookSigningSecrets = webhookSigningSecrets;
    b.clock = clock;
    b.copy = true;
    return b;
  }

  @Override
  public String toString() {
    return "ClerkOptions{secretKey=" + (secretKey == null ? "unset" : "<set>")
        + ", publishableKey=" + publishableKey
        + ", jwtKey=" + (jwtKey == null ? "unset" : "<set>")
        + ", machineSecretKey=" + (machineSecretKey == null ? "unset" : "<set>")
        + ", authorizedParties=" + authorizedParties
        + ", audience=" + audience
        + ", clockSkew=" + clockSkew
        + ", apiUrl=" + apiUrl
        + ", apiVersion=" + apiVersion
        + ", domain=" + domain
        + ", satellite=" + satellite
        + ", proxyUrl=" + proxyUrl
        + ", signInUrl=" + signInUrl
        + ", allowedRedirectOrigins=" + allowedRedirectOrigins
        + ", forwardedHeaders=" + forwardedHeaders
        + ", acceptsToken=" + acceptsToken
        + ", handshakeMode=" + handshakeMode
        + ", webhookSigningSecrets="
        + (webhookSigningSecrets.isEmpty() ? "unset" : "<" + webhookSigningSecrets.size() + " set>")
        + "}";
  }

  /**
   * Builds {@link ClerkOptions}. Each setter validates its argument at once and may be called only
   * once (on a builder from {@link ClerkOptions#toBuilder()}, once more). Not thread-safe.
   */
  public static final class Builder {
    private @Nullable String secretKey;
    private @Nullable PublishableKey publishableKey;
    private @Nullable String jwtKey;
    private @Nullable String machineSecretKey;
    private @Nullable List<String> authorizedParties;
    private @Nullable List<String> audience;
    private @Nullable Duration clockSkew;
    private @Nullable String apiUrl;
    private @Nullable String apiVersion;
    private @Nullable String domain;
    private @Nullable Boolean satellite;
    private @Nullable Boolean satelliteAutoSync;
    private @Nullable String proxyUrl;
    private @Nullable String signInUrl;
    private @Nullable String signUpUrl;
    private @Nullable List<String> allowedRedirectOrigins;
    private @Nullable ForwardedHeaders forwardedHeaders;
    private @Nullable AcceptedTokens acceptsToken;
    private @Nullable List<String> organizationPatterns;
    private @Nullable List<String> personalAccountPatterns;
    private @Nullable HandshakeMode handshakeMode;
    private @Nullable Duration jwksCacheTtl;
    private @Nullable Duration jwksMinRefreshInterval;
    private @Nullable Duration jwksMaxStaleness;
    private @Nullable Duration connectTimeout;
    private @Nullable Duration requestTimeout;
    private @Nullable List<String> webhookSigningSecrets;
    private @Nullable Clock clock;
    private final Set<ClerkSetting> setOnce = EnumSet.noneOf(ClerkSetting.class);
    private boolean clockSet;
    private boolean copy;

    private Builder() {}

    private void once(ClerkSetting setting, String method) {
      if (!setOnce.add(setting) && !copy) {
        throw new IllegalStateException(method + " was already set");
      }
    }

    /**
     * Sets the secret key ({@code sk_test_…}/{@code sk_live_…}), the Bearer for the Backend API.
     *
     * @param secretKey the key
     * @return this builder
     */
    public Builder secretKey(String secretKey) {
      Objects.requireNonNull(secretKey, "secretKey == null");
      once(ClerkSetting.SECRET_KEY, "secretKey");
      this.secretKey = Checks.secretKey(secretKey);
      return this;
    }

    /**
     * Sets the publishable key.
     *
     * @param publishableKey e.g. {@code pk_test_…}
     * @return this builder
     * @throws IllegalArgumentException with Clerk's message when the key is malformed
     */
    public Builder publishableKey(String publishableKey) {
      Objects.requireNonNull(publishableKey, "publishableKey == null");
      once(ClerkSetting.PUBLISHABLE_KEY, "publishableKey");
      this.publishableKey = PublishableKey.parse(publishableKey.trim());
      return this;
    }

    /**
     * Sets the PEM public key for networkless verification, with or without the {@code -----BEGIN
     * PUBLIC KEY-----} lines.
     *
     * @param pem the key
     * @return this builder
     */
    public Builder jwtKey(String pem) {
      Objects.requireNonNull(pem, "pem == null");
      once(ClerkSetting.JWT_KEY, "jwtKey");
      if (pem.isBlank()) {
        throw new IllegalArgumentException("jwt key is blank");
      }
      this.jwtKey = pem;
      return this;
    }

    /**
     * Sets the machine secret key, the Bearer for M2M token verification.
     *
     * @param machineSecretKey the key
     * @return this builder
     */
    public Builder machineSecretKey(String machineSecretKey) {
      Objects.requireNonNull(machineSecretKey, "machineSecretKey == null");
      once(ClerkSetting.MACHINE_SECRET_KEY, "machineSecretKey");
      if (machineSecretKey.isBlank()) {
        throw new IllegalArgumentException("machine secret key is blank");
      }
      this.machineSecretKey = machineSecretKey.trim();
      return this;
    }

    /**
     * Sets the allowed {@code azp} values (origins such as {@code https://example.com}). When set,
     * a token's {@code azp} must be present and listed.
     *
     * @param parties the origins
     * @return this builder
     */
    public Builder authorizedParties(List<String> parties) {
      Objects.requireNonNull(parties, "parties == null");
      once(ClerkSetting.AUTHORIZED_PARTIES, "authorizedParties");
      this.authorizedParties = Checks.nonBlank(List.copyOf(parties), "authorized party");
      return this;
    }

    /**
     * Sets the allowed {@code aud} values; checked only when both these and the token's are
     * non-empty.
     *
     * @param audience the audiences
     * @return this builder
     */
    public Builder audience(List<String> audience) {
      Objects.requireNonNull(audience, "audience == null");
      once(ClerkSetting.AUDIENCE, "audience");
      this.audience = Checks.nonBlank(List.copyOf(audience), "audience");
      return this;
    }

    /**
     * Sets the leeway for {@code exp}, {@code nbf}, {@code iat}; zero is honoured.
     *
     * @param skew not negative
     * @return this builder
     */
    public Builder clockSkew(Duration skew) {
      once(ClerkSetting.CLOCK_SKEW_MS, "clockSkew");
      this.clockSkew = Checks.nonNegative(skew, "clock skew");
      return this;
    }

    /**
     * Sets the Backend API base URL (default {@value ClerkOptions#DEFAULT_API_URL}).
     *
     * @param apiUrl an absolute http(s) URL
     * @return this builder
     */
    public Builder apiUrl(String apiUrl) {
      Objects.requireNonNull(apiUrl, "apiUrl == null");
      once(ClerkSetting.API_URL, "apiUrl");
      this.apiUrl = Checks.apiBaseUrl(apiUrl, "api url");
      return this;
    }

    /**
     * Sets the Backend API version path segment (default {@value ClerkOptions#DEFAULT_API_VERSION}).
     *
     * @param apiVersion e.g. {@code v1}
     * @return this builder
     */
    public Builder apiVersion(String apiVersion) {
      Objects.requireNonNull(apiVersion, "apiVersion == null");
      once(ClerkSetting.API_VERSION, "apiVersion");
      this.apiVersion = Checks.apiVersion(apiVersion);
      return this;
    }

    /**
     * Sets the satellite domain, e.g. {@code satellite.example.com}.
     *
     * @param domain the host (a scheme is stripped)
     * @return this builder
     */
    public Builder domain(String domain) {
      Objects.requireNonNull(domain, "domain == null");
      once(ClerkSetting.DOMAIN, "domain");
      String d = domain.trim().replaceFirst("(?i)^https?://", "");
      if (d.isEmpty()) {
        throw new IllegalArgumentException("domain is blank");
      }
      this.domain = d;
      return this;
    }

    /**
     * Marks this application as a satellite.
     *
     * @param satellite whether it is
     * @return this builder
     */
    public Builder satellite(boolean satellite) {
      once(ClerkSetting.IS_SATELLITE, "satellite");
      this.satellite = satellite;
      return this;
    }

    /**
     * Whether a satellite request with no Clerk cookies triggers a sync handshake (default false, as
     * Clerk's Core 3).
     *
     * @param autoSync whether it does
     * @return this builder
     */
    public Builder satelliteAutoSync(boolean autoSync) {
      once(ClerkSetting.SATELLITE_AUTO_SYNC, "satelliteAutoSync");
      this.satelliteAutoSync = autoSync;
      return this;
    }

    /**
     * Sets the Frontend API proxy URL: absolute ({@code https://example.com/__clerk}) or a path
     * resolved against each request's public origin ({@code /__clerk}).
     *
     * @param proxyUrl the URL
     * @return this builder
     */
    public Builder proxyUrl(String proxyUrl) {
      Objects.requireNonNull(proxyUrl, "proxyUrl == null");
      once(ClerkSetting.PROXY_URL, "proxyUrl");
      String p = proxyUrl.trim();
      if (p.startsWith("/")) {
        Checks.uri(p, "proxy url");
      } else {
        Checks.absoluteHttpUrl(p, "proxy url");
      }
      this.proxyUrl = p;
      return this;
    }

    /**
     * Sets the sign-in URL (satellites in development need an absolute one).
     *
     * @param signInUrl the URL
     * @return this builder
     */
    public Builder signInUrl(String signInUrl) {
      Objects.requireNonNull(signInUrl, "signInUrl == null");
      once(ClerkSetting.SIGN_IN_URL, "signInUrl");
      this.signInUrl = Checks.uri(signInUrl.trim(), "sign-in url");
      return this;
    }

    /**
     * Sets the sign-up URL.
     *
     * @param signUpUrl the URL
     * @return this builder
     */
    public Builder signUpUrl(String signUpUrl) {
      Objects.requireNonNull(signUpUrl, "signUpUrl == null");
      once(ClerkSetting.SIGN_UP_URL, "signUpUrl");
      this.signUpUrl = Checks.uri(signUpUrl.trim(), "sign-up url");
      return this;
    }

    /**
     * Sets further origins that may receive the development browser token when a development instance
     * answers Clerk's {@code __clerk_redirect_url} (primary-to-satellite sync): by default only the
     * request's own origin, {@code https://<domain>}, the proxy URL's and the sign-in and sign-up URLs'
     * origins may. A redirect to any other origin is not made (the parameter is ignored).
     *
     * @param origins {@code scheme://host[:port]} each (http or https), e.g. {@code http://localhost:3001}
     * @return this builder
     * @throws IllegalArgumentException naming the setting when an entry is not such an origin
     */
    public Builder allowedRedirectOrigins(List<String> origins) {
      Objects.requireNonNull(origins, "origins == null");
      once(ClerkSetting.ALLOWED_REDIRECT_ORIGINS, "allowedRedirectOrigins");
      this.allowedRedirectOrigins =
          origins.stream().map(o -> RedirectUrls.configuredOrigin(o, "allowed redirect origin")).distinct().toList();
      return this;
    }

    /**
     * Sets whether the client's {@code X-Forwarded-Host}/{@code -Proto} name the public URL (default
     * {@link ForwardedHeaders#TRUST}, as Clerk); see {@link ForwardedHeaders} for when to ignore them.
     *
     * @param mode the setting
     * @return this builder
     */
    public Builder forwardedHeaders(ForwardedHeaders mode) {
      Objects.requireNonNull(mode, "mode == null");
      once(ClerkSetting.FORWARDED_HEADERS, "forwardedHeaders");
      this.forwardedHeaders = mode;
      return this;
    }

    /**
     * Sets the accepted token types.
     *
     * @param acceptsToken the setting
     * @return this builder
     */
    public Builder acceptsToken(AcceptedTokens acceptsToken) {
      Objects.requireNonNull(acceptsToken, "acceptsToken == null");
      once(ClerkSetting.ACCEPTS_TOKEN, "acceptsToken");
      this.acceptsToken = acceptsToken;
      return this;
    }

    /**
     * Sets the accepted token types from their configuration form (see {@link AcceptedTokens#parse}).
     *
     * @param acceptsToken e.g. {@code session_token} or {@code api_key,m2m_token} or {@code any}
     * @return this builder
     */
    public Builder acceptsToken(String acceptsToken) {
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
    public Builder organizationPatterns(List<String> patterns) {
      Objects.requireNonNull(patterns, "patterns == null");
      once(ClerkSetting.ORGANIZATION_PATTERNS, "organizationPatterns");
      this.organizationPatterns = Checks.nonBlank(List.copyOf(patterns), "organization pattern");
      return this;
    }

    /**
     * Sets organization-sync patterns that activate the personal account.
     *
     * @param patterns the patterns
     * @return this builder
     */
    public Builder personalAccountPatterns(List<String> patterns) {
      Objects.requireNonNull(patterns, "patterns == null");
      once(ClerkSetting.PERSONAL_ACCOUNT_PATTERNS, "personalAccountPatterns");
      this.personalAccountPatterns = Checks.nonBlank(List.copyOf(patterns), "personal account pattern");
      return this;
    }

    /**
     * Sets how handshakes are answered (default {@link HandshakeMode#REDIRECT}).
     *
     * @param mode the mode
     * @return this builder
     */
    public Builder handshakeMode(HandshakeMode mode) {
      Objects.requireNonNull(mode, "mode == null");
      once(ClerkSetting.HANDSHAKE_MODE, "handshakeMode");
      this.handshakeMode = mode;
      return this;
    }

    /**
     * Sets how long a fetched JWKS is fresh (default 5 minutes).
     *
     * @param ttl positive
     * @return this builder
     */
    public Builder jwksCacheTtl(Duration ttl) {
      once(ClerkSetting.JWKS_CACHE_TTL_MS, "jwksCacheTtl");
      this.jwksCacheTtl = Checks.positive(ttl, "jwks cache ttl");
      return this;
    }

    /**
     * Sets the least time between two refetches caused by an unknown {@code kid} (default 30 s).
     * Zero disables the limit.
     *
     * @param interval not negative
     * @return this builder
     */
    public Builder jwksMinRefreshInterval(Duration interval) {
      once(ClerkSetting.JWKS_MIN_REFRESH_INTERVAL_MS, "jwksMinRefreshInterval");
      this.jwksMinRefreshInterval = Checks.nonNegative(interval, "jwks min refresh interval");
      return this;
    }

    /**
     * Sets how long the last good JWKS keeps serving while refreshes fail (default 1 hour).
     *
     * @param staleness not negative
     * @return this builder
     */
    public Builder jwksMaxStaleness(Duration staleness) {
      once(ClerkSetting.JWKS_MAX_STALENESS_MS, "jwksMaxStaleness");
      this.jwksMaxStaleness = Checks.nonNegative(staleness, "jwks max staleness");
      return this;
    }

    /**
     * Sets the HTTP connect timeout (default 2 s).
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder connectTimeout(Duration timeout) {
      once(ClerkSetting.HTTP_CONNECT_TIMEOUT_MS, "connectTimeout");
      this.connectTimeout = Checks.positive(timeout, "connect timeout");
      return this;
    }

    /**
     * Sets the HTTP request timeout (default 3 s).
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder requestTimeout(Duration timeout) {
      once(ClerkSetting.HTTP_TIMEOUT_MS, "requestTimeout");
      this.requestTimeout = Checks.positive(timeout, "request timeout");
      return this;
    }

    /**
     * Sets the webhook signing secrets ({@code whsec_…}), several during a rotation; see {@code
     * Webhooks.Builder.secrets}. {@link Clerk#webhooks()} verifies with them.
     *
     * @param secrets the secrets
     * @return this builder
     * @throws IllegalArgumentException when one is malformed (the message gives its position only)
     */
    public Builder webhookSigningSecrets(List<String> secrets) {
      Objects.requireNonNull(secrets, "secrets == null");
      once(ClerkSetting.WEBHOOK_SIGNING_SECRET, "webhookSigningSecrets");
      dev.clerk.jakarta.core.webhooks.Webhooks.builder().secrets(secrets);
      this.webhookSigningSecrets = List.copyOf(secrets);
      return this;
    }

    /**
     * Sets the clock for token time checks (default {@link Clock#systemUTC()}); for tests.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      Objects.requireNonNull(clock, "clock == null");
      if (clockSet && !copy) {
        throw new IllegalStateException("clock was already set");
      }
      clockSet = true;
      this.clock = clock;
      return this;
    }

    /**
     * Checks the combination of settings and builds the options.
     *
     * @return the options
     * @throws IllegalArgumentException with a sentence naming the missing or conflicting setting
     */
    public ClerkOptions build() {
      AcceptedTokens accepts = acceptsToken == null ? AcceptedTokens.sessionToken() : acceptsToken;
      TokenType single = accepts.single();
      boolean machineOnlyWithoutPk = single == TokenType.M2M_TOKEN || single == TokenType.API_KEY;
      if (single == TokenType.M2M_TOKEN) {
        if (secretKey == null && machineSecretKey == null) {
          throw new IllegalArgumentException(
              "Machine token authentication requires either a Machine secret key or a Clerk secret"
                  + " key. Ensure a Clerk secret key or Machine secret key is set."
                  + " (CLERK_SECRET_KEY / CLERK_MACHINE_SECRET_KEY)");
        }
      } else if (secretKey == null && jwtKey == null) {
        throw new IllegalArgumentException(
            "Missing Clerk Secret Key. Go to https://dashboard.clerk.com and get your key for your"
                + " instance. (CLERK_SECRET_KEY, init-param secret-key; or CLERK_JWT_KEY for"
                + " networkless verification)");
      }
      if (publishableKey == null && !machineOnlyWithoutPk) {
        throw new IllegalArgumentException(
            "Publishable key is missing." + PublishableKey.HELP);
      }
      if (Boolean.TRUE.equals(satellite)) {
        boolean devSecret =
            secretKey != null && (secretKey.startsWith("sk_test_") || secretKey.startsWith("test_"));
        if (devSecret && signInUrl == null) {
          throw new IllegalArgumentException(
              "Missing signInUrl. Pass a signInUrl for dev instances if an app is satellite"
                  + " (CLERK_SIGN_IN_URL, init-param sign-in-url)");
        }
        if (signInUrl != null && !Checks.isAbsoluteHttpUrl(signInUrl)) {
          throw new IllegalArgumentException(
              "The signInUrl needs to have a absolute url format. (CLERK_SIGN_IN_URL, init-param"
                  + " sign-in-url)");
        }
        if (proxyUrl == null && domain == null) {
          throw new IllegalArgumentException(
              "Missing domain and proxyUrl. A satellite application needs to specify a domain or a"
                  + " proxyUrl (CLERK_DOMAIN / CLERK_PROXY_URL)");
        }
      }
      if (jwksMaxStaleness != null && jwksCacheTtl != null && jwksMaxStaleness.compareTo(jwksCacheTtl) < 0) {
        throw new IllegalArgumentException("jwks max staleness must not be shorter than the jwks cache ttl");
      }
      return new ClerkOptions(this);
    }
  }
}
