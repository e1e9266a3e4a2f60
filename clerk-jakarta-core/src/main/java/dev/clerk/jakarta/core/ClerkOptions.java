package dev.clerk.jakarta.core;

import dev.clerk.jakarta.core.auth.AcceptedTokens;
import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.backend.BackendApi;
import dev.clerk.jakarta.core.internal.Checks;
import dev.clerk.jakarta.core.token.RemoteJwksConfig;
import dev.clerk.jakarta.core.token.SessionTokenVerifier;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * The immutable configuration of a {@link Clerk}: keys, verification rules, satellite and proxy
 * settings, timeouts.
 *
 * <p>Build it with {@link #builder()}, or read it from configuration with {@link
 * #fromEnvironment()} or {@link #fromSources}: each {@link ClerkSetting} has an init-param, an
 * environment variable and a system property; init-params win over environment variables, and
 * environment variables over system properties. Invalid settings fail in {@link Builder#build()}
 * (or in the setter) with a message that names the setting. The secret keys never appear in {@link
 * #toString()} or in any message.
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
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(5);

  /** Default freshness of a fetched JWKS: 5 minutes, as Clerk's SDK. */
  public static final Duration DEFAULT_JWKS_CACHE_TTL = Duration.ofMinutes(5);

  /** Default least time between two unknown-{@code kid} refetches. */
  public static final Duration DEFAULT_JWKS_MIN_REFRESH_INTERVAL = Duration.ofSeconds(30);

  /** Default time the last good JWKS keeps serving while refreshes fail. */
  public static final Duration DEFAULT_JWKS_MAX_STALENESS = Duration.ofHours(1);

  /** Default size of the verified-token cache. */
  public static final int DEFAULT_TOKEN_CACHE_SIZE = SessionTokenVerifier.DEFAULT_TOKEN_CACHE_SIZE;

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
  private final int tokenCacheSize;
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
    this.allowedRedirectOrigins =
        b.allowedRedirectOrigins == null ? List.of() : b.allowedRedirectOrigins;
    this.forwardedHeaders =
        b.forwardedHeaders == null ? ForwardedHeaders.TRUST : b.forwardedHeaders;
    this.acceptsToken = b.acceptsToken == null ? AcceptedTokens.sessionToken() : b.acceptsToken;
    this.organizationPatterns = b.organizationPatterns == null ? List.of() : b.organizationPatterns;
    this.personalAccountPatterns =
        b.personalAccountPatterns == null ? List.of() : b.personalAccountPatterns;
    this.handshakeMode = b.handshakeMode == null ? HandshakeMode.REDIRECT : b.handshakeMode;
    this.jwksCacheTtl = b.jwksCacheTtl == null ? DEFAULT_JWKS_CACHE_TTL : b.jwksCacheTtl;
    this.jwksMinRefreshInterval =
        b.jwksMinRefreshInterval == null
            ? DEFAULT_JWKS_MIN_REFRESH_INTERVAL
            : b.jwksMinRefreshInterval;
    this.jwksMaxStaleness =
        b.jwksMaxStaleness == null ? DEFAULT_JWKS_MAX_STALENESS : b.jwksMaxStaleness;
    this.tokenCacheSize = b.tokenCacheSize == null ? DEFAULT_TOKEN_CACHE_SIZE : b.tokenCacheSize;
    this.connectTimeout = b.connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : b.connectTimeout;
    this.requestTimeout = b.requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : b.requestTimeout;
    this.webhookSigningSecrets =
        b.webhookSigningSecrets == null ? List.of() : b.webhookSigningSecrets;
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
   * @throws IllegalArgumentException naming the setting when a value is invalid or a required key
   *     is missing
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
   * @throws IllegalArgumentException naming the setting when a value is invalid or a required key
   *     is missing
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
   * @throws IllegalArgumentException naming the setting when a value is invalid or a required key
   *     is missing
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
   * {@return the origins, besides the instance's own, that may receive the development browser
   * token in a redirect; normalised ({@code https://host[:port]}, lower case, punycode)}
   */
  public List<String> allowedRedirectOrigins() {
    return allowedRedirectOrigins;
  }

  /**
   * {@return whether {@code X-Forwarded-Host}/{@code -Proto} name the public URL (default trust)}
   */
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

  /** {@return the most verified session tokens remembered until they expire; 0 when off} */
  public int tokenCacheSize() {
    return tokenCacheSize;
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
        apiUrl,
        apiVersion,
        secretKey,
        jwksCacheTtl,
        jwksMinRefreshInterval,
        jwksMaxStaleness,
        requestTimeout,
        clock);
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
    b.tokenCacheSize = tokenCacheSize;
    b.connectTimeout = connectTimeout;
    b.requestTimeout = requestTimeout;
    b.webhookSigningSecrets = webhookSigningSecrets;
    b.clock = clock;
    b.copy = true;
    return b;
  }

  /** {@return every setting, in {@link ClerkSetting} order, the secrets masked} */
  @Override
  public String toString() {
    StringJoiner out = new StringJoiner(", ", "ClerkOptions{", "}");
    for (ClerkSetting s : ClerkSetting.values()) {
      out.add(s.property() + "=" + s.display(this));
    }
    return out.toString();
  }

  /**
   * Builds {@link ClerkOptions}. Each setter validates its argument at once and may be called only
   * once (on a builder from {@link ClerkOptions#toBuilder()}, once more). Not thread-safe.
   */
  public static final class Builder extends ClerkOptionsSetters {
    private Builder() {}

    @Override
    Builder self() {
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
        throw new IllegalArgumentException("Publishable key is missing." + PublishableKey.HELP);
      }
      if (Boolean.TRUE.equals(satellite)) {
        boolean devSecret =
            secretKey != null
                && (secretKey.startsWith("sk_test_") || secretKey.startsWith("test_"));
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
      if (jwksMaxStaleness != null
          && jwksCacheTtl != null
          && jwksMaxStaleness.compareTo(jwksCacheTtl) < 0) {
        throw new IllegalArgumentException(
            "jwks max staleness must not be shorter than the jwks cache ttl");
      }
      return new ClerkOptions(this);
    }
  }
}
