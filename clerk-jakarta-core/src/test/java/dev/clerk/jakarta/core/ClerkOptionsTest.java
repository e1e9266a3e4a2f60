package dev.clerk.jakarta.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.auth.TokenType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ClerkOptionsTest {
  private static final String PK = "pk_test_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA";
  private static final String SECRET = "sk_test_s3cr3tValue1234567890";

  private static Map<String, String> map(String... kv) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  private static Properties props(String... kv) {
    Properties p = new Properties();
    for (int i = 0; i < kv.length; i += 2) {
      p.setProperty(kv[i], kv[i + 1]);
    }
    return p;
  }

  private static Map<String, String> keys() {
    return map("CLERK_SECRET_KEY", SECRET, "CLERK_PUBLISHABLE_KEY", PK);
  }

  private static String failure(
      Map<String, String> init, Map<String, String> env, Properties props) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ClerkOptions.fromSources(init, env, props));
    assertFalse(e.getMessage().contains(SECRET), e.getMessage());
    return e.getMessage();
  }

  @Test
  void fromSourcesWhenAllThreeSetThenInitParamWins() {
    Map<String, String> env = keys();
    env.put("CLERK_API_URL", "https://env.example");
    ClerkOptions o =
        ClerkOptions.fromSources(
            map("api-url", "https://init.example"),
            env,
            props("clerk.apiUrl", "https://prop.example"));
    assertEquals("https://init.example", o.apiUrl());
  }

  @Test
  void fromSourcesWhenNoInitParamThenEnvironmentWinsOverSystemProperty() {
    Map<String, String> env = keys();
    env.put("CLERK_API_URL", "https://env.example");
    assertEquals(
        "https://env.example",
        ClerkOptions.fromSources(map(), env, props("clerk.apiUrl", "https://prop.example"))
            .apiUrl());
  }

  @Test
  void fromSourcesWhenOnlySystemPropertyThenUsed() {
    ClerkOptions o =
        ClerkOptions.fromSources(
            map(),
            map(),
            props(
                "clerk.secretKey", SECRET, "clerk.publishableKey", PK, "clerk.clockSkewMs", "250"));
    assertEquals(SECRET, o.secretKey());
    assertEquals(Duration.ofMillis(250), o.clockSkew());
  }

  @Test
  void fromSourcesWhenInitParamBlankThenFallsThrough() {
    Map<String, String> env = keys();
    env.put("CLERK_CLOCK_SKEW_MS", "1000");
    assertEquals(
        Duration.ofSeconds(1),
        ClerkOptions.fromSources(map("clock-skew-ms", "  "), env, props()).clockSkew());
  }

  @Test
  void fromSourcesWhenNothingSetThenDefaults() {
    ClerkOptions o = ClerkOptions.fromSources(map(), keys(), props());
    assertEquals("https://api.clerk.com", o.apiUrl());
    assertEquals("v1", o.apiVersion());
    assertEquals(Duration.ofMillis(5000), o.clockSkew());
    assertEquals(Duration.ofMinutes(5), o.jwksCacheTtl());
    assertEquals(Duration.ofSeconds(30), o.jwksMinRefreshInterval());
    assertEquals(Duration.ofHours(1), o.jwksMaxStaleness());
    assertEquals(Duration.ofSeconds(2), o.connectTimeout());
    assertEquals(Duration.ofSeconds(3), o.requestTimeout());
    assertEquals(List.of(), o.authorizedParties());
    assertEquals(List.of(), o.audience());
    assertEquals(HandshakeMode.REDIRECT, o.handshakeMode());
    assertEquals(TokenType.SESSION_TOKEN, o.acceptsToken().single());
    assertNull(o.jwtKey());
    assertFalse(o.isSatellite());
    assertTrue(o.isDevelopmentSecretKey());
  }

  @Test
  void fromSourcesWhenEveryDurationSetThenParsedAsMilliseconds() {
    Map<String, String> init =
        map(
            "jwks-cache-ttl-ms", "60000",
            "jwks-min-refresh-interval-ms", "0",
            "jwks-max-staleness-ms", "120000",
            "http-connect-timeout-ms", "500",
            "http-timeout-ms", "700",
            "clock-skew-ms", "0");
    ClerkOptions o = ClerkOptions.fromSources(init, keys(), props());
    assertEquals(Duration.ofMinutes(1), o.jwksCacheTtl());
    assertEquals(Duration.ZERO, o.jwksMinRefreshInterval());
    assertEquals(Duration.ofMinutes(2), o.jwksMaxStaleness());
    assertEquals(Duration.ofMillis(500), o.connectTimeout());
    assertEquals(Duration.ofMillis(700), o.requestTimeout());
    assertEquals(Duration.ZERO, o.clockSkew());
  }

  @Test
  void fromSourcesWhenListsThenSplitOnCommasAndTrimmed() {
    ClerkOptions o =
        ClerkOptions.fromSources(
            map("authorized-parties", " https://a.example, https://b.example,,", "audience", "x"),
            keys(),
            props());
    assertEquals(List.of("https://a.example", "https://b.example"), o.authorizedParties());
    assertEquals(List.of("x"), o.audience());
  }

  @Test
  void fromSourcesWhenDurationInvalidThenMessageNamesTheSource() {
    Map<String, String> env = keys();
    env.put("CLERK_CLOCK_SKEW_MS", "five");
    assertEquals(
        "CLERK_CLOCK_SKEW_MS: expected whole milliseconds, got \"five\"",
        failure(map(), env, props()));
    assertEquals(
        "clock-skew-ms: must not be negative, got -5",
        failure(map("clock-skew-ms", "-5"), keys(), props()));
    assertEquals(
        "clerk.jwksCacheTtlMs: jwks cache ttl must be positive, got PT0S",
        failure(map(), keys(), props("clerk.jwksCacheTtlMs", "0")));
  }

  @Test
  void fromSourcesWhenTokenCacheSizeFromEachSourceThenParsedAndGivenToTheVerifier() {
    assertEquals(10_000, ClerkOptions.fromSources(map(), keys(), props()).tokenCacheSize());
    assertEquals(
        0,
        ClerkOptions.fromSources(map("token-cache-size", "0"), keys(), props()).tokenCacheSize());
    Map<String, String> env = keys();
    env.put("CLERK_TOKEN_CACHE_SIZE", " 500 ");
    assertEquals(
        500,
        ClerkOptions.fromSources(map(), env, props("clerk.tokenCacheSize", "7")).tokenCacheSize());
    ClerkOptions fromProperty =
        ClerkOptions.fromSources(map(), keys(), props("clerk.tokenCacheSize", "7"));
    assertEquals(7, fromProperty.tokenCacheSize());
    assertTrue(fromProperty.toString().contains(", tokenCacheSize=7, "), fromProperty.toString());
    try (Clerk clerk = Clerk.create(fromProperty)) {
      assertEquals(7, clerk.sessionTokenVerifier().tokenCacheSize());
    }
    try (Clerk clerk =
        Clerk.create(ClerkOptions.fromSources(map("token-cache-size", "0"), keys(), props()))) {
      assertEquals(0, clerk.sessionTokenVerifier().tokenCacheSize());
    }
  }

  @Test
  void fromSourcesWhenTokenCacheSizeInvalidThenMessageNamesTheSource() {
    assertEquals(
        "token-cache-size: must not be negative, got -1",
        failure(map("token-cache-size", "-1"), keys(), props()));
    Map<String, String> env = keys();
    env.put("CLERK_TOKEN_CACHE_SIZE", "lots");
    assertEquals(
        "CLERK_TOKEN_CACHE_SIZE: expected a whole number, got \"lots\"",
        failure(map(), env, props()));
    assertEquals(
        "clerk.tokenCacheSize: expected a whole number, got \"1e4\"",
        failure(map(), keys(), props("clerk.tokenCacheSize", "1e4")));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ClerkOptions.builder().tokenCacheSize(-2));
    assertEquals("token cache size must not be negative, got -2", e.getMessage());
  }

  @Test
  void fromSourcesWhenBooleanInvalidThenMessageNamesTheSource() {
    assertEquals(
        "is-satellite: expected true or false, got \"yes\"",
        failure(map("is-satellite", "yes"), keys(), props()));
  }

  @Test
  void fromSourcesWhenApiUrlInvalidThenMessageNamesTheSource() {
    assertEquals(
        "CLERK_API_URL: api url must be an absolute http(s) URL, got \"ftp://x.example\"",
        failure(
            map(),
            map(
                "CLERK_API_URL",
                "ftp://x.example",
                "CLERK_SECRET_KEY",
                SECRET,
                "CLERK_PUBLISHABLE_KEY",
                PK),
            props()));
  }

  @Test
  void fromSourcesWhenPublishableKeyInvalidThenClerksMessageWithTheSource() {
    String m =
        failure(map("publishable-key", "pk_test_nope"), map("CLERK_SECRET_KEY", SECRET), props());
    assertTrue(
        m.startsWith(
            "publishable-key: Publishable key not valid (expected format: pk_test_... or pk_live_...)."),
        m);
  }

  @Test
  void fromSourcesWhenSecretKeyHasWhitespaceThenFailsWithoutEchoingIt() {
    String m =
        failure(
            map("secret-key", "sk_test_ab cd" + SECRET), map("CLERK_PUBLISHABLE_KEY", PK), props());
    assertEquals("secret-key: secret key contains whitespace or control characters", m);
  }

  @Test
  void buildWhenNoSecretOrJwtKeyThenFailsNamingTheSettings() {
    assertEquals(
        "Missing Clerk Secret Key. Go to https://dashboard.clerk.com and get your key for your instance."
            + " (CLERK_SECRET_KEY, init-param secret-key; or CLERK_JWT_KEY for networkless verification)",
        failure(map(), map("CLERK_PUBLISHABLE_KEY", PK), props()));
  }

  @Test
  void buildWhenNoPublishableKeyThenClerksMissingMessage() {
    assertEquals(
        "Publishable key is missing.\n\nSet CLERK_PUBLISHABLE_KEY (init-param publishable-key), or copy keys from"
            + " https://dashboard.clerk.com/~/api-keys.",
        failure(map(), map("CLERK_SECRET_KEY", SECRET), props()));
  }

  @Test
  void buildWhenStalenessShorterThanTtlThenFails() {
    assertEquals(
        "jwks max staleness must not be shorter than the jwks cache ttl",
        failure(
            map("jwks-cache-ttl-ms", "600000", "jwks-max-staleness-ms", "60000"), keys(), props()));
  }

  @Test
  void toStringWhenSecretsSetThenNeverShowsThem() {
    ClerkOptions o =
        ClerkOptions.builder()
            .secretKey(SECRET)
            .publishableKey(PK)
            .machineSecretKey("ak_machine_secret")
            .jwtKey("-----BEGIN PUBLIC KEY-----\nMIIBsecretish\n-----END PUBLIC KEY-----")
            .build();
    String s = o.toString();
    assertFalse(s.contains(SECRET), s);
    assertFalse(s.contains("ak_machine_secret"), s);
    assertFalse(s.contains("MIIBsecretish"), s);
    assertTrue(
        s.startsWith(
            "ClerkOptions{secretKey=<set>, publishableKey="
                + PK
                + ", jwtKey=<set>, machineSecretKey=<set>"),
        s);
  }

  @Test
  void setterWhenCalledTwiceThenFails() {
    ClerkOptions.Builder b = ClerkOptions.builder().secretKey(SECRET);
    assertEquals(
        "secretKey was already set",
        assertThrows(IllegalStateException.class, () -> b.secretKey(SECRET)).getMessage());
  }

  @Test
  void toBuilderWhenChangedThenOriginalUnchanged() {
    ClerkOptions o = ClerkOptions.builder().secretKey(SECRET).publishableKey(PK).build();
    ClerkOptions changed =
        o.toBuilder().clockSkew(Duration.ZERO).apiUrl("https://other.example/").build();
    assertEquals(Duration.ZERO, changed.clockSkew());
    assertEquals("https://other.example", changed.apiUrl());
    assertEquals(Duration.ofSeconds(5), o.clockSkew());
    assertEquals(SECRET, changed.secretKey());
  }

  @Test
  void buildWhenDevSatelliteWithoutSignInUrlThenFails() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ClerkOptions.builder()
                    .secretKey(SECRET)
                    .publishableKey(PK)
                    .satellite(true)
                    .domain("sat.example")
                    .build());
    assertEquals(
        "Missing signInUrl. Pass a signInUrl for dev instances if an app is satellite (CLERK_SIGN_IN_URL, init-param"
            + " sign-in-url)",
        e.getMessage());
  }

  // ---- issue 9: allowed-redirect-origins, forwarded-headers
  // --------------------------------------

  @Test
  void fromSourcesWhenRedirectAndForwardedSettingsUnsetThenOwnOriginsOnlyAndTrust() {
    ClerkOptions o = ClerkOptions.fromSources(map(), keys(), props());
    assertEquals(List.of(), o.allowedRedirectOrigins());
    assertEquals(ForwardedHeaders.TRUST, o.forwardedHeaders());
  }

  @Test
  void fromSourcesWhenAllowedRedirectOriginsFromEachSourceThenNormalised() {
    assertEquals(
        List.of("http://localhost:3001", "https://sat.example"),
        ClerkOptions.fromSources(
                map("allowed-redirect-origins", "http://LOCALHOST:3001, https://sat.example:443/,"),
                keys(),
                props())
            .allowedRedirectOrigins());
    Map<String, String> env = keys();
    env.put("CLERK_ALLOWED_REDIRECT_ORIGINS", "https://bücher.example");
    assertEquals(
        List.of("https://xn--bcher-kva.example"),
        ClerkOptions.fromSources(map(), env, props()).allowedRedirectOrigins());
    assertEquals(
        List.of("https://prop.example"),
        ClerkOptions.fromSources(
                map(), keys(), props("clerk.allowedRedirectOrigins", "https://prop.example"))
            .allowedRedirectOrigins());
  }

  @Test
  void fromSourcesWhenAllowedRedirectOriginInvalidThenFailsNamingSetting() {
    String rest =
        ": allowed redirect origin must be an origin scheme://host[:port] with scheme http or https and no path,"
            + " query, fragment or user info, got ";
    assertEquals(
        "allowed-redirect-origins" + rest + "\"https://sat.example/path\"",
        failure(
            map("allowed-redirect-origins", "https://ok.example,https://sat.example/path"),
            keys(),
            props()));
    Map<String, String> env = keys();
    env.put("CLERK_ALLOWED_REDIRECT_ORIGINS", "sat.example");
    assertEquals(
        "CLERK_ALLOWED_REDIRECT_ORIGINS" + rest + "\"sat.example\"", failure(map(), env, props()));
    assertEquals(
        "clerk.allowedRedirectOrigins" + rest + "\"https://user@sat.example\"",
        failure(map(), keys(), props("clerk.allowedRedirectOrigins", "https://user@sat.example")));
  }

  @Test
  void fromSourcesWhenForwardedHeadersFromEachSourceThenParsed() {
    assertEquals(
        ForwardedHeaders.IGNORE,
        ClerkOptions.fromSources(map("forwarded-headers", " Ignore "), keys(), props())
            .forwardedHeaders());
    Map<String, String> env = keys();
    env.put("CLERK_FORWARDED_HEADERS", "ignore");
    assertEquals(
        ForwardedHeaders.IGNORE, ClerkOptions.fromSources(map(), env, props()).forwardedHeaders());
    assertEquals(
        ForwardedHeaders.TRUST,
        ClerkOptions.fromSources(map(), keys(), props("clerk.forwardedHeaders", "trust"))
            .forwardedHeaders());
  }

  @Test
  void fromSourcesWhenForwardedHeadersUnknownThenFailsNamingSetting() {
    assertEquals(
        "forwarded-headers: expected trust or ignore, got \"proxy\"",
        failure(map("forwarded-headers", "proxy"), keys(), props()));
    assertEquals(
        "clerk.forwardedHeaders: expected trust or ignore, got \"no\"",
        failure(map(), keys(), props("clerk.forwardedHeaders", "no")));
  }

  @Test
  void builderWhenRedirectAndForwardedSettingsThenCopiedShownAndSetOnce() {
    ClerkOptions o =
        ClerkOptions.builder()
            .secretKey(SECRET)
            .publishableKey(PK)
            .allowedRedirectOrigins(List.of("https://a.example", "https://A.example/"))
            .forwardedHeaders(ForwardedHeaders.IGNORE)
            .build();
    assertEquals(List.of("https://a.example"), o.allowedRedirectOrigins());
    ClerkOptions copy = o.toBuilder().build();
    assertEquals(List.of("https://a.example"), copy.allowedRedirectOrigins());
    assertEquals(ForwardedHeaders.IGNORE, copy.forwardedHeaders());
    assertTrue(
        o.toString()
            .contains(", allowedRedirectOrigins=[https://a.example], forwardedHeaders=IGNORE,"),
        o.toString());
    ClerkOptions.Builder b = ClerkOptions.builder().forwardedHeaders(ForwardedHeaders.TRUST);
    assertEquals(
        "forwardedHeaders was already set",
        assertThrows(IllegalStateException.class, () -> b.forwardedHeaders(ForwardedHeaders.IGNORE))
            .getMessage());
    ClerkOptions.Builder c = ClerkOptions.builder().allowedRedirectOrigins(List.of());
    assertEquals(
        "allowedRedirectOrigins was already set",
        assertThrows(IllegalStateException.class, () -> c.allowedRedirectOrigins(List.of()))
            .getMessage());
  }
}
