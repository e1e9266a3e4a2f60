package dev.clerk.jakarta.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.AuthStatus;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.RecordedRequest;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, defect 8: {@code forwarded-headers=ignore} takes the public URL from the container's
 * request URL everywhere core reads it; {@code trust} (default) keeps Clerk's behaviour.
 */
class ForwardedHeadersTest {
  /** What the container saw: its own scheme, host and port. */
  private static final String CONTAINER_URL = "http://app.internal:8080/p?x=1";

  private static final String CONTAINER_ORIGIN = "http://app.internal:8080";

  private final FakeClerk prod = FakeClerk.builder().production().start();
  private final FakeClerk dev = FakeClerk.start();

  @AfterEach
  void close() {
    prod.close();
    dev.close();
  }

  private static Clerk clerk(
      FakeClerk fake, ForwardedHeaders mode, Consumer<ClerkOptions.Builder> extra) {
    return Clerk.builder()
        .secretKey(fake.secretKey())
        .publishableKey(fake.publishableKey())
        .apiUrl(fake.apiUrl())
        .configure(o -> o.forwardedHeaders(mode))
        .configure(extra)
        .build();
  }

  private static Clerk clerk(FakeClerk fake, ForwardedHeaders mode) {
    return clerk(fake, mode, o -> {});
  }

  /** A document request whose forwarding headers name another origin than the container saw. */
  private static ClerkRequest.Builder forwarded(String url) {
    return ClerkRequest.builder()
        .url(url)
        .header("host", "app.internal:8080")
        .header("x-forwarded-host", "evil.example")
        .header("x-forwarded-proto", "https")
        .header("sec-fetch-dest", "document");
  }

  private static String param(String url, String name) {
    for (String pair : URI.create(url).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      if (pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError(name + " not in " + url);
  }

  // ---- the enum ---------------------------------------------------------------------------------

  @Test
  void parseWhenConfigurationFormThenConstant() {
    assertEquals(ForwardedHeaders.TRUST, ForwardedHeaders.parse("trust"));
    assertEquals(ForwardedHeaders.IGNORE, ForwardedHeaders.parse(" IGNORE "));
    assertEquals(
        "expected trust or ignore, got \"yes\"",
        assertThrows(IllegalArgumentException.class, () -> ForwardedHeaders.parse("yes"))
            .getMessage());
  }

  @Test
  void publicUrlWhenTrustThenForwardedOriginWhenIgnoreThenContainerUrl() {
    ClerkRequest request = forwarded(CONTAINER_URL).build();
    assertEquals(
        URI.create("https://evil.example/p?x=1"), ForwardedHeaders.TRUST.publicUrl(request));
    assertEquals(URI.create(CONTAINER_URL), ForwardedHeaders.IGNORE.publicUrl(request));
  }

  // ---- through authenticateRequest --------------------------------------------------------------

  @Test
  void authenticateWhenHandshakeThenRedirectUrlFollowsSetting() {
    ClerkRequest request = forwarded(CONTAINER_URL).header("cookie", "__client_uat=1").build();

    RequestState trusted = clerk(prod, ForwardedHeaders.TRUST).authenticateRequest(request);
    RequestState ignored = clerk(prod, ForwardedHeaders.IGNORE).authenticateRequest(request);

    assertEquals(
        "https://evil.example/p?x=1", param(trusted.location().orElseThrow(), "redirect_url"));
    assertEquals(CONTAINER_URL, param(ignored.location().orElseThrow(), "redirect_url"));
  }

  @Test
  void authenticateWhenRelativeProxyUrlThenResolvedAgainstChosenOrigin() {
    ClerkRequest request = forwarded(CONTAINER_URL).header("cookie", "__client_uat=1").build();

    String trusted =
        clerk(prod, ForwardedHeaders.TRUST, o -> o.proxyUrl("/__clerk"))
            .authenticateRequest(request)
            .location()
            .orElseThrow();
    String ignored =
        clerk(prod, ForwardedHeaders.IGNORE, o -> o.proxyUrl("/__clerk"))
            .authenticateRequest(request)
            .location()
            .orElseThrow();

    assertTrue(trusted.startsWith("https://evil.example/__clerk/v1/client/handshake?"), trusted);
    assertTrue(ignored.startsWith(CONTAINER_ORIGIN + "/__clerk/v1/client/handshake?"), ignored);
  }

  @Test
  void authenticateWhenReferrerIsForwardedOriginThenCrossOriginOnlyWhenIgnored() {
    var t = prod.sessionToken().subject("user_1");
    ClerkRequest request =
        forwarded(CONTAINER_URL)
            .header(
                "cookie", "__client_uat=" + t.now().getEpochSecond() + "; __session=" + t.sign())
            .header("referer", "https://evil.example/somewhere")
            .build();

    RequestState trusted = clerk(prod, ForwardedHeaders.TRUST).authenticateRequest(request);
    RequestState ignored = clerk(prod, ForwardedHeaders.IGNORE).authenticateRequest(request);

    assertEquals(AuthStatus.SIGNED_IN, trusted.status());
    assertEquals(AuthStatus.HANDSHAKE, ignored.status());
    assertEquals(AuthReason.PRIMARY_DOMAIN_CROSS_ORIGIN_SYNC, ignored.reason());
  }

  @Test
  void authenticateWhenDevHandshakeResolvedThenCleanedLocationOnChosenOrigin() {
    String session = dev.sessionToken().subject("user_1").sign();
    String handshake =
        dev.handshakeToken("__session=" + session + "; Path=/", "__client_uat=1; Path=/");
    ClerkRequest request = forwarded(CONTAINER_URL + "&__clerk_handshake=" + handshake).build();

    assertEquals(
        "https://evil.example/p?x=1",
        clerk(dev, ForwardedHeaders.TRUST).authenticateRequest(request).location().orElseThrow());
    assertEquals(
        CONTAINER_URL,
        clerk(dev, ForwardedHeaders.IGNORE).authenticateRequest(request).location().orElseThrow());
  }

  @Test
  void authenticateWhenDevRedirectUrlIsForwardedOriginThenOwnOriginOnlyWhenTrusted() {
    ClerkRequest request =
        forwarded("http://app.internal:8080/?__clerk_redirect_url=https%3A%2F%2Fevil.example%2Fc")
            .header("cookie", "__clerk_db_jwt=dvb_1")
            .build();

    RequestState trusted = clerk(dev, ForwardedHeaders.TRUST).authenticateRequest(request);
    RequestState ignored = clerk(dev, ForwardedHeaders.IGNORE).authenticateRequest(request);

    assertEquals(AuthReason.PRIMARY_RESPONDS_TO_SYNCING, trusted.reason());
    assertEquals(
        "https://evil.example/c?__clerk_db_jwt=dvb_1&__clerk_synced=true",
        trusted.location().orElseThrow());
    assertEquals(AuthReason.SESSION_TOKEN_AND_UAT_MISSING, ignored.reason());
    assertTrue(ignored.location().isEmpty());
  }

  @Test
  void authenticateWhenRefreshThenRequestOriginAndHeadersFollowSetting() {
    prod.backendApi().registerRefreshToken("refresh_1", "sess_1", "user_1");
    String expired =
        prod.sessionToken()
            .subject("user_1")
            .sessionId("sess_1")
            .shiftTimes(Duration.ofMinutes(-10))
            .sign();
    ClerkRequest request =
        forwarded(CONTAINER_URL)
            .header("x-forwarded-port", "443")
            .header("forwarded", "host=evil.example;proto=https")
            .header(
                "cookie",
                "__client_uat=1; __session="
                    + expired
                    + "; __refresh_"
                    + prod.backendApi().cookieSuffix()
                    + "=refresh_1")
            .build();

    assertTrue(clerk(prod, ForwardedHeaders.TRUST).authenticateRequest(request).isSignedIn());
    assertTrue(clerk(prod, ForwardedHeaders.IGNORE).authenticateRequest(request).isSignedIn());

    List<RecordedRequest> refreshes = prod.requests("/v1/sessions/sess_1/refresh");
    assertEquals(2, refreshes.size());
    Map<String, Object> trusted = refreshes.get(0).jsonBody();
    Map<String, Object> ignored = refreshes.get(1).jsonBody();
    assertEquals("https://evil.example", trusted.get("request_origin"));
    assertEquals(CONTAINER_ORIGIN, ignored.get("request_origin"));
    assertTrue(
        ((Map<?, ?>) trusted.get("request_headers")).containsKey("x-forwarded-host"),
        trusted.toString());
    Map<?, ?> ignoredHeaders = (Map<?, ?>) ignored.get("request_headers");
    for (String name :
        List.of("x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "forwarded")) {
      assertFalse(ignoredHeaders.containsKey(name), name + " in " + ignoredHeaders);
    }
    assertTrue(ignoredHeaders.containsKey("host"), ignoredHeaders.toString());
  }
}
