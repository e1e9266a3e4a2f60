package dev.clerk.jakarta.core;

import dev.clerk.jakarta.core.webhooks.Webhooks;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Every configuration setting with its three public names: the {@code web.xml} init-param, the
 * environment variable and the system property. One parser ({@link ClerkOptions#fromSources}) maps
 * each of them onto the {@link ClerkOptions.Builder} method of the same meaning.
 *
 * <p>Durations are whole milliseconds; booleans are {@code true}/{@code false}; lists are
 * comma-separated.
 *
 * @since 0.1
 */
public enum ClerkSetting {
  /** The instance's secret key. */
  SECRET_KEY(
      "secret-key",
      "CLERK_SECRET_KEY",
      (b, v) -> b.secretKey(v),
      "secretKey",
      ClerkOptions::secretKey),
  /** The publishable key. */
  PUBLISHABLE_KEY(
      "publishable-key",
      "CLERK_PUBLISHABLE_KEY",
      (b, v) -> b.publishableKey(v),
      "publishableKey",
      ClerkOptions::publishableKey),
  /** The PEM public key for networkless verification. */
  JWT_KEY("jwt-key", "CLERK_JWT_KEY", (b, v) -> b.jwtKey(v), "jwtKey", ClerkOptions::jwtKey),
  /** The secret used as Bearer for M2M token verification instead of the secret key. */
  MACHINE_SECRET_KEY(
      "machine-secret-key",
      "CLERK_MACHINE_SECRET_KEY",
      (b, v) -> b.machineSecretKey(v),
      "machineSecretKey",
      ClerkOptions::machineSecretKey),
  /** Allowed {@code azp} values. */
  AUTHORIZED_PARTIES(
      "authorized-parties",
      "CLERK_AUTHORIZED_PARTIES",
      (b, v) -> b.authorizedParties(list(v)),
      "authorizedParties",
      ClerkOptions::authorizedParties),
  /** Allowed {@code aud} values. */
  AUDIENCE(
      "audience",
      "CLERK_AUDIENCE",
      (b, v) -> b.audience(list(v)),
      "audience",
      ClerkOptions::audience),
  /** Clock skew for {@code exp}, {@code nbf}, {@code iat}. */
  CLOCK_SKEW_MS(
      "clock-skew-ms",
      "CLERK_CLOCK_SKEW_MS",
      (b, v) -> b.clockSkew(millis(v)),
      "clockSkew",
      ClerkOptions::clockSkew),
  /** Backend API base URL. */
  API_URL("api-url", "CLERK_API_URL", (b, v) -> b.apiUrl(v), "apiUrl", ClerkOptions::apiUrl),
  /** Backend API version path segment. */
  API_VERSION(
      "api-version",
      "CLERK_API_VERSION",
      (b, v) -> b.apiVersion(v),
      "apiVersion",
      ClerkOptions::apiVersion),
  /** Satellite domain. */
  DOMAIN("domain", "CLERK_DOMAIN", (b, v) -> b.domain(v), "domain", ClerkOptions::domain),
  /** Whether this app is a satellite. */
  IS_SATELLITE(
      "is-satellite",
      "CLERK_IS_SATELLITE",
      (b, v) -> b.satellite(bool(v)),
      "satellite",
      ClerkOptions::isSatellite),
  /** Whether a satellite without cookies syncs with a handshake. */
  SATELLITE_AUTO_SYNC(
      "satellite-auto-sync",
      "CLERK_SATELLITE_AUTO_SYNC",
      (b, v) -> b.satelliteAutoSync(bool(v)),
      "satelliteAutoSync",
      ClerkOptions::satelliteAutoSync),
  /** Frontend API proxy URL, absolute or relative. */
  PROXY_URL(
      "proxy-url", "CLERK_PROXY_URL", (b, v) -> b.proxyUrl(v), "proxyUrl", ClerkOptions::proxyUrl),
  /** Sign-in URL. */
  SIGN_IN_URL(
      "sign-in-url",
      "CLERK_SIGN_IN_URL",
      (b, v) -> b.signInUrl(v),
      "signInUrl",
      ClerkOptions::signInUrl),
  /** Sign-up URL. */
  SIGN_UP_URL(
      "sign-up-url",
      "CLERK_SIGN_UP_URL",
      (b, v) -> b.signUpUrl(v),
      "signUpUrl",
      ClerkOptions::signUpUrl),
  /** Further origins that may receive the development browser token in a redirect (comma list). */
  ALLOWED_REDIRECT_ORIGINS(
      "allowed-redirect-origins",
      "CLERK_ALLOWED_REDIRECT_ORIGINS",
      (b, v) -> b.allowedRedirectOrigins(list(v)),
      "allowedRedirectOrigins",
      ClerkOptions::allowedRedirectOrigins),
  /**
   * {@code trust} (default) or {@code ignore} the client's {@code X-Forwarded-Host}/{@code -Proto}.
   */
  FORWARDED_HEADERS(
      "forwarded-headers",
      "CLERK_FORWARDED_HEADERS",
      (b, v) -> b.forwardedHeaders(ForwardedHeaders.parse(v)),
      "forwardedHeaders",
      ClerkOptions::forwardedHeaders),
  /** Accepted token types. */
  ACCEPTS_TOKEN(
      "accepts-token",
      "CLERK_ACCEPTS_TOKEN",
      (b, v) -> b.acceptsToken(v),
      "acceptsToken",
      ClerkOptions::acceptsToken),
  /** Organization sync: paths that activate an organization ({@code :id} or {@code :slug}). */
  ORGANIZATION_PATTERNS(
      "organization-patterns",
      "CLERK_ORGANIZATION_PATTERNS",
      (b, v) -> b.organizationPatterns(list(v)),
      "organizationPatterns",
      ClerkOptions::organizationPatterns),
  /** Organization sync: paths that activate the personal account. */
  PERSONAL_ACCOUNT_PATTERNS(
      "personal-account-patterns",
      "CLERK_PERSONAL_ACCOUNT_PATTERNS",
      (b, v) -> b.personalAccountPatterns(list(v)),
      "personalAccountPatterns",
      ClerkOptions::personalAccountPatterns),
  /** {@code redirect} (default) or {@code interstitial}. */
  HANDSHAKE_MODE(
      "handshake-mode",
      "CLERK_HANDSHAKE_MODE",
      (b, v) -> b.handshakeMode(mode(v)),
      "handshakeMode",
      ClerkOptions::handshakeMode),
  /** How long a fetched JWKS is fresh. */
  JWKS_CACHE_TTL_MS(
      "jwks-cache-ttl-ms",
      "CLERK_JWKS_CACHE_TTL_MS",
      (b, v) -> b.jwksCacheTtl(millis(v)),
      "jwksCacheTtl",
      ClerkOptions::jwksCacheTtl),
  /** The least time between two refetches caused by an unknown {@code kid}. */
  JWKS_MIN_REFRESH_INTERVAL_MS(
      "jwks-min-refresh-interval-ms",
      "CLERK_JWKS_MIN_REFRESH_INTERVAL_MS",
      (b, v) -> b.jwksMinRefreshInterval(millis(v)),
      "jwksMinRefreshInterval",
      ClerkOptions::jwksMinRefreshInterval),
  /** How long the last good JWKS keeps serving while refreshes fail. */
  JWKS_MAX_STALENESS_MS(
      "jwks-max-staleness-ms",
      "CLERK_JWKS_MAX_STALENESS_MS",
      (b, v) -> b.jwksMaxStaleness(millis(v)),
      "jwksMaxStaleness",
      ClerkOptions::jwksMaxStaleness),
  /** How many verified session tokens are remembered until they expire; 0 = off. */
  TOKEN_CACHE_SIZE(
      "token-cache-size",
      "CLERK_TOKEN_CACHE_SIZE",
      (b, v) -> b.tokenCacheSize(count(v)),
      "tokenCacheSize",
      ClerkOptions::tokenCacheSize),
  /** HTTP connect timeout for Clerk's APIs. */
  HTTP_CONNECT_TIMEOUT_MS(
      "http-connect-timeout-ms",
      "CLERK_HTTP_CONNECT_TIMEOUT_MS",
      (b, v) -> b.connectTimeout(millis(v)),
      "connectTimeout",
      ClerkOptions::connectTimeout),
  /** HTTP request (read) timeout for Clerk's APIs. */
  HTTP_TIMEOUT_MS(
      "http-timeout-ms",
      "CLERK_HTTP_TIMEOUT_MS",
      (b, v) -> b.requestTimeout(millis(v)),
      "requestTimeout",
      ClerkOptions::requestTimeout),
  /** Signing secrets ({@code whsec_…}) of the webhook endpoint; several during a rotation. */
  WEBHOOK_SIGNING_SECRET(
      Webhooks.SIGNING_SECRET_INIT_PARAM,
      Webhooks.SIGNING_SECRET_ENV_VAR,
      (b, v) -> b.webhookSigningSecrets(list(v)),
      "webhookSigningSecrets",
      ClerkOptions::webhookSigningSecrets);

  private final String initParam;
  private final String envVar;

  @SuppressWarnings(
      "ImmutableEnumChecker") // stateless lambdas and method references, see the constants
  private final BiConsumer<ClerkOptions.Builder, String> apply;

  private final String property;

  @SuppressWarnings("ImmutableEnumChecker") // accessor method references
  private final Function<ClerkOptions, @Nullable Object> read;

  /**
   * The one definition of a setting: its public names, how a configured text is applied to the
   * builder, the builder/accessor property it sets, and how its value is read back (for {@link
   * ClerkOptions#toString()}, which lists every setting from here, secrets masked).
   */
  ClerkSetting(
      String initParam,
      String envVar,
      BiConsumer<ClerkOptions.Builder, String> apply,
      String property,
      Function<ClerkOptions, @Nullable Object> read) {
    this.initParam = initParam;
    this.envVar = envVar;
    this.apply = apply;
    this.property = property;
    this.read = read;
  }

  /**
   * {@return the {@link ClerkOptions.Builder} method (and property) of this setting, e.g. {@code
   * secretKey}}
   */
  public String property() {
    return property;
  }

  /**
   * {@return this setting's value in {@code options} as {@link ClerkOptions#toString()} shows it}
   */
  String display(ClerkOptions options) {
    Object v = read.apply(options);
    if (this == JWT_KEY || isSecret()) {
      if (v == null || (v instanceof List<?> l && l.isEmpty())) {
        return "unset";
      }
      return v instanceof List<?> l ? "<" + l.size() + " set>" : "<set>";
    }
    return String.valueOf(v);
  }

  /** {@return the {@code web.xml} init-param name, e.g. {@code secret-key}} */
  public String initParam() {
    return initParam;
  }

  /** {@return the environment variable, e.g. {@code CLERK_SECRET_KEY}} */
  public String envVar() {
    return envVar;
  }

  /** {@return the system property, e.g. {@code clerk.secretKey}} */
  public String systemProperty() {
    StringBuilder sb = new StringBuilder("clerk.");
    boolean upper = false;
    for (int i = 0; i < initParam.length(); i++) {
      char c = initParam.charAt(i);
      if (c == '-') {
        upper = true;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }

  /** {@return whether the value is a secret that is never logged} */
  public boolean isSecret() {
    return this == SECRET_KEY || this == MACHINE_SECRET_KEY || this == WEBHOOK_SIGNING_SECRET;
  }

  void apply(ClerkOptions.Builder builder, String value) {
    apply.accept(builder, value);
  }

  /**
   * The one parser behind {@link ClerkOptions#builderFromSources}: for each setting, the first
   * non-blank value of init-param, environment variable, system property is applied to {@code b}.
   *
   * @throws IllegalArgumentException prefixed with the name the value was read under
   */
  static void readAll(
      ClerkOptions.Builder b,
      Map<String, String> initParams,
      Map<String, String> env,
      Properties systemProperties) {
    for (ClerkSetting s : values()) {
      String source = s.initParam();
      String value = initParams.get(s.initParam());
      if (isBlank(value)) {
        source = s.envVar();
        value = env.get(s.envVar());
      }
      if (isBlank(value)) {
        source = s.systemProperty();
        value = systemProperties.getProperty(s.systemProperty());
      }
      if (value == null || value.isBlank()) {
        continue;
      }
      try {
        s.apply(b, value.trim());
      } catch (IllegalArgumentException e) {
        // The message never carries a secret: setters do not echo key values.
        throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
      }
    }
  }

  private static boolean isBlank(@Nullable String s) {
    return s == null || s.isBlank();
  }

  static List<String> list(String v) {
    return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  static boolean bool(String v) {
    String t = v.trim().toLowerCase(Locale.ROOT);
    if (t.equals("true")) {
      return true;
    }
    if (t.equals("false")) {
      return false;
    }
    throw new IllegalArgumentException("expected true or false, got \"" + v + "\"");
  }

  static Duration millis(String v) {
    try {
      long ms = Long.parseLong(v.trim());
      if (ms < 0) {
        throw new IllegalArgumentException("must not be negative, got " + ms);
      }
      return Duration.ofMillis(ms);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected whole milliseconds, got \"" + v + "\"", e);
    }
  }

  static int count(String v) {
    try {
      int n = Integer.parseInt(v.trim());
      if (n < 0) {
        throw new IllegalArgumentException("must not be negative, got " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a whole number, got \"" + v + "\"", e);
    }
  }

  static HandshakeMode mode(String v) {
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "redirect" -> HandshakeMode.REDIRECT;
      case "interstitial" -> HandshakeMode.INTERSTITIAL;
      default ->
          throw new IllegalArgumentException(
              "expected redirect or interstitial, got \"" + v + "\"");
    };
  }
}
