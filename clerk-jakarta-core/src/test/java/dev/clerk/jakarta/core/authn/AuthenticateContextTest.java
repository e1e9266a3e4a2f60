package dev.clerk.jakarta.core.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.ClerkOptions;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.TokenBuilder;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Spec §2.3, §2.4 (the 8-rule suffixed-cookie choice, scenario 69) and relative proxy URLs (70).
 */
class AuthenticateContextTest {
  private static final Instant NOW = Instant.ofEpochSecond(1666648250);
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private FakeClerk fake =
      FakeClerk.builder()
          .frontendApi("clerk.inspired.puma-74.lcl.dev")
          .clock(CLOCK)
          .production()
          .start();

  @AfterEach
  void close() {
    fake.close();
  }

  private void development() {
    fake.close();
    fake = FakeClerk.builder().frontendApi("clerk.inspired.puma-74.lcl.dev").clock(CLOCK).start();
  }

  private String suffix() {
    return fake.isProduction() ? "MqCvchyS" : "vWCgMp3A";
  }

  private AuthenticateContext context(String cookie) {
    return context(
        ClerkRequest.builder()
            .url(URI.create("https://example.com/"))
            .header("cookie", cookie)
            .build(),
        null);
  }

  private AuthenticateContext context(ClerkRequest request, String proxyUrl) {
    ClerkOptions.Builder b =
        ClerkOptions.builder()
            .secretKey("sk_test_x")
            .publishableKey(fake.publishableKey())
            .clock(CLOCK);
    if (proxyUrl != null) {
      b.proxyUrl(proxyUrl);
    }
    return new AuthenticateContext(request, TestAuthn.config(b.build()), NOW);
  }

  private TokenBuilder token() {
    return fake.sessionToken();
  }

  @Test
  void s69_suffixWhenOnlyUnsuffixedThenUnsuffixed() {
    String t = token().sign();
    AuthenticateContext ctx = context("__session=" + t + "; __client_uat=1");
    assertFalse(ctx.usesSuffixedCookies);
    assertEquals(t, ctx.sessionTokenInCookie);
    assertEquals(1, ctx.clientUat);
  }

  @Test
  void s69_suffixWhenUnsuffixedNewerThenUnsuffixed() {
    String older = token().shiftTimes(Duration.ofMinutes(-5)).sign();
    String newer = token().sign();
    AuthenticateContext ctx =
        context(
            "__session="
                + newer
                + "; __client_uat=2; __session_"
                + suffix()
                + "="
                + older
                + "; __client_uat_"
                + suffix()
                + "=1");
    assertFalse(ctx.usesSuffixedCookies);
    assertEquals(newer, ctx.sessionTokenInCookie);
  }

  @Test
  void s69_suffixWhenSuffixedUatZeroAndUnsuffixedSignedInThenUnsuffixed() {
    String t = token().sign();
    AuthenticateContext ctx =
        context("__session=" + t + "; __client_uat=2; __client_uat_" + suffix() + "=0");
    assertFalse(ctx.usesSuffixedCookies);
  }

  @Test
  void s69_suffixWhenProdBothUatsZeroThenSuffixed() {
    String a = token().sign();
    String b = token().subject("user_other").sign();
    AuthenticateContext ctx =
        context(
            "__session="
                + a
                + "; __client_uat=0; __session_"
                + suffix()
                + "="
                + b
                + "; __client_uat_"
                + suffix()
                + "=0");
    assertTrue(ctx.usesSuffixedCookies);
    assertEquals(b, ctx.sessionTokenInCookie);
    assertEquals(0, ctx.clientUat);
  }

  @Test
  void s69_suffixWhenProdBothValidThenSuffixed() {
    String a = token().sign();
    String b = token().subject("user_other").sign();
    AuthenticateContext ctx =
        context(
            "__session="
                + a
                + "; __client_uat=5; __session_"
                + suffix()
                + "="
                + b
                + "; __client_uat_"
                + suffix()
                + "=6");
    assertTrue(ctx.usesSuffixedCookies);
    assertEquals(6, ctx.clientUat);
  }

  @Test
  void s69_suffixWhenUnsuffixedFromForeignIssuerThenSuffixed() {
    String foreign = token().issuer("https://clerk.other-app.com").sign();
    AuthenticateContext ctx = context("__session=" + foreign + "; __client_uat=5");
    assertTrue(ctx.usesSuffixedCookies);
    assertNull(ctx.sessionTokenInCookie);
    assertEquals(0, ctx.clientUat);
  }

  @Test
  void s69_suffixWhenDevMultipleAppsOnLocalhostThenOwnSuffix() {
    development();
    String other = token().issuer("https://other-app-1.clerk.accounts.dev").sign();
    String own = token().sign();
    AuthenticateContext ctx =
        context(
            "__session="
                + other
                + "; __client_uat=5; __session_"
                + suffix()
                + "="
                + own
                + "; __client_uat_"
                + suffix()
                + "=5");
    assertTrue(ctx.usesSuffixedCookies);
    assertEquals(own, ctx.sessionTokenInCookie);
  }

  @Test
  void s69_suffixWhenProdSuffixedUatZeroWithoutSuffixedSessionThenSuffixedAndNoSession() {
    AuthenticateContext ctx =
        context(
            "__session=" + token().sign() + "; __client_uat=0; __client_uat_" + suffix() + "=0");
    assertTrue(ctx.usesSuffixedCookies);
    assertNull(ctx.sessionTokenInCookie);
  }

  @Test
  void s69_suffixWhenUnsuffixedIssNotStringThenSuffixed() {
    String t = token().claim("iss", 42).sign();
    assertTrue(context("__session=" + t).usesSuffixedCookies);
  }

  @Test
  void s69_suffixWhenUnsuffixedUndecodableThenUnsuffixed() {
    AuthenticateContext ctx =
        context(
            "__session=garbage; __session_"
                + suffix()
                + "="
                + token().sign()
                + "; __client_uat_"
                + suffix()
                + "=1");
    assertFalse(ctx.usesSuffixedCookies);
    assertEquals("garbage", ctx.sessionTokenInCookie);
  }

  @Test
  void s69_suffixWhenDevSuffixedExpiredAndUnsuffixedUatZeroThenUnsuffixed() {
    development();
    String expired = token().shiftTimes(Duration.ofMinutes(-10)).sign();
    AuthenticateContext ctx =
        context(
            "__client_uat=0; __session_"
                + suffix()
                + "="
                + expired
                + "; __client_uat_"
                + suffix()
                + "=5");
    assertFalse(ctx.usesSuffixedCookies);
  }

  @Test
  void s69_suffixWhenSuffixedSessionWithoutSuffixedUatThenUnsuffixed() {
    assertFalse(context("__session_" + suffix() + "=" + token().sign()).usesSuffixedCookies);
  }

  @Test
  void refreshCookieWhenOnlyUnsuffixedThenIgnored() {
    assertNull(context("__refresh=r").refreshTokenInCookie);
    assertEquals("s", context("__refresh=r; __refresh_" + suffix() + "=s").refreshTokenInCookie);
  }

  @Test
  void handshakeSignalsWhenQueryAndCookieThenQueryFirst() {
    ClerkRequest r =
        ClerkRequest.builder()
            .url(
                URI.create(
                    "https://example.com/?__clerk_handshake=q1&__clerk_handshake_nonce=n1&__clerk_db_jwt=d1"))
            .header(
                "cookie",
                "__clerk_handshake=c1; __clerk_handshake_nonce=c2; __clerk_db_jwt=c3; __clerk_redirect_count=2")
            .build();
    AuthenticateContext ctx = context(r, null);
    assertEquals("q1", ctx.handshakeToken);
    assertEquals("n1", ctx.handshakeNonce);
    assertEquals("d1", ctx.devBrowserToken);
    assertEquals(2, ctx.redirectCount);
  }

  @Test
  void s70_relativeProxyUrlWhenForwardedHeadersThenPublicOrigin() {
    ClerkRequest r =
        ClerkRequest.builder()
            .url(URI.create("http://localhost:3000/x"))
            .header("x-forwarded-proto", "https")
            .header("x-forwarded-host", "myapp.example.com")
            .build();
    AuthenticateContext ctx = context(r, "/__clerk");
    assertEquals("https://myapp.example.com/__clerk", ctx.frontendApi);
    assertEquals("https://myapp.example.com/__clerk", ctx.proxyUrl);
    AuthenticateContext local =
        context(
            ClerkRequest.builder().url(URI.create("http://localhost:3000/x")).build(), "/__clerk");
    assertEquals("http://localhost:3000/__clerk", local.frontendApi);
    AuthenticateContext absolute = context(r, "https://proxy.example.com/__clerk");
    assertEquals("https://proxy.example.com/__clerk", absolute.frontendApi);
  }

  @Test
  void parseAuthorizationWhenSchemeRulesThenClerkSemantics() {
    assertEquals("abc", AuthenticateContext.parseAuthorization("Bearer abc"));
    assertEquals("abc", AuthenticateContext.parseAuthorization("Bearer abc def"));
    assertEquals("a.b.c", AuthenticateContext.parseAuthorization("a.b.c"));
    assertNull(AuthenticateContext.parseAuthorization("bearer abc"));
    assertNull(AuthenticateContext.parseAuthorization("Basic dXNlcjpwYXNzd29yZA=="));
    assertNull(AuthenticateContext.parseAuthorization(""));
    assertNull(AuthenticateContext.parseAuthorization(null));
    assertEquals("Bearer", AuthenticateContext.parseAuthorization("Bearer"));
  }

  @Test
  void parseIntOrZeroWhenJavaScriptParseIntThenSame() {
    assertEquals(12345, AuthenticateContext.parseIntOrZero("12345"));
    assertEquals(123, AuthenticateContext.parseIntOrZero("123abc"));
    assertEquals(0, AuthenticateContext.parseIntOrZero("abc"));
    assertEquals(0, AuthenticateContext.parseIntOrZero(""));
    assertEquals(-5, AuthenticateContext.parseIntOrZero(" -5"));
    assertEquals(3, AuthenticateContext.parseNumberOrZero("3"));
    assertEquals(0, AuthenticateContext.parseNumberOrZero("3x"));
    assertEquals(0, AuthenticateContext.parseNumberOrZero(null));
  }

  /** Clerk's {@code iss.replace(/https?:\/\//gi, '')} as the rule-2 regex did, without one. */
  @Test
  void withoutHttpSchemesWhenAnyIssuerThenAsTheRegexReplaces() {
    java.util.regex.Pattern regex = java.util.regex.Pattern.compile("(?i)https?://");
    for (String iss :
        new String[] {
          "https://clerk.example.com",
          "http://clerk.example.com",
          "HTTPS://clerk.example.com",
          "hTtP://x",
          "clerk.example.com",
          "https://https://x",
          "xhttps://y",
          "https:/x",
          "https//x",
          "http://",
          "https://",
          "httpſ://x",
          "\u212Attps://x",
          "",
          "h",
          "http:",
          "ahttp://bhttps://c",
          "https://x/http://y"
        }) {
      String expected = regex.matcher(iss).replaceAll("");
      assertEquals(expected, AuthenticateContext.withoutHttpSchemes(iss), iss);
      assertTrue(AuthenticateContext.equalsWithoutHttpSchemes(iss, expected), iss);
      assertFalse(AuthenticateContext.equalsWithoutHttpSchemes(iss, expected + "x"), iss);
      assertFalse(AuthenticateContext.equalsWithoutHttpSchemes(iss, "x" + expected), iss);
    }
    String same = "clerk.example.com";
    assertTrue(same == AuthenticateContext.withoutHttpSchemes(same), "nothing to remove: no copy");
  }

  @Test
  void decodeWhenSameTokenTwiceThenDecodedOnceAndFailuresRemembered() throws Exception {
    java.util.concurrent.atomic.AtomicInteger decodes =
        new java.util.concurrent.atomic.AtomicInteger();
    ClerkOptions options =
        ClerkOptions.builder()
            .secretKey("sk_test_x")
            .publishableKey(fake.publishableKey())
            .clock(CLOCK)
            .build();
    String t = token().sign();
    ClerkRequest request =
        ClerkRequest.builder()
            .url(URI.create("https://example.com/"))
            .header("cookie", "__session=" + t + "; __client_uat=1")
            .build();
    AuthenticateContext ctx =
        new AuthenticateContext(
            request,
            TestAuthn.config(options),
            NOW,
            token -> {
              decodes.incrementAndGet();
              return dev.clerk.jakarta.core.token.UnverifiedJwt.decode(token);
            });
    assertEquals(1, decodes.get(), "the cookie choice decoded __session");
    assertTrue(ctx.decode(t) == ctx.decode(t));
    assertEquals(1, decodes.get());
    assertNull(ctx.decodeOrNull("not-a-jwt"));
    assertNull(ctx.decodeOrNull("not-a-jwt"));
    assertEquals(2, decodes.get());
    assertNull(ctx.decodeOrNull(null));
    assertEquals(
        dev.clerk.jakarta.core.token.TokenVerificationReason.TOKEN_INVALID,
        org.junit.jupiter.api.Assertions.assertThrows(
                dev.clerk.jakarta.core.token.TokenVerificationException.class,
                () -> ctx.decode("not-a-jwt"))
            .reason());
    assertEquals(2, decodes.get());
  }
}
