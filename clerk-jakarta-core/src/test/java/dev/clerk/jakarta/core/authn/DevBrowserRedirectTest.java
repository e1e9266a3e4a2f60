package dev.clerk.jakarta.core.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.ClerkOptions;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.AuthStatus;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.request.ResponseHeader;
import dev.clerk.jakarta.testing.FakeClerk;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, defect 6: the development-instance redirect of Clerk's C7 ({@code
 * primary-responds-to-syncing}) hands the dev-browser token only to origins the instance is
 * configured for.
 */
class DevBrowserRedirectTest {
  private static final String VICTIM_DEV_BROWSER = "dvb_victim_0123456789";
  private final FakeClerk fake = FakeClerk.start();

  @AfterEach
  void close() {
    fake.close();
  }

  private Clerk clerk(Consumer<ClerkOptions.Builder> extra) {
    return Clerk.builder()
        .secretKey(fake.secretKey())
        .publishableKey(fake.publishableKey())
        .apiUrl(fake.apiUrl())
        .configure(extra)
        .build();
  }

  private Clerk clerk() {
    return clerk(o -> {});
  }

  /** A victim's browser following an attacker's link to the development primary. */
  private static ClerkRequest victim(String redirectUrl) {
    return ClerkRequest.builder()
        .url(
            "https://app.example.com/?__clerk_redirect_url="
                + URLEncoder.encode(redirectUrl, StandardCharsets.UTF_8))
        .header("sec-fetch-dest", "document")
        .header("cookie", "__clerk_db_jwt=" + VICTIM_DEV_BROWSER)
        .build();
  }

  private static void assertNoRedirectAndNoToken(RequestState state) {
    assertEquals(
        AuthStatus.SIGNED_OUT,
        state.status(),
        () -> "reason=" + state.reason() + " headers=" + state.headers());
    assertEquals(AuthReason.SESSION_TOKEN_AND_UAT_MISSING, state.reason());
    assertTrue(state.location().isEmpty(), () -> state.location().orElseThrow());
    for (ResponseHeader h : state.headers()) {
      assertFalse(h.value().contains(VICTIM_DEV_BROWSER), h.name());
    }
  }

  @Test
  void authenticateWhenRedirectUrlOnForeignOriginThenNoRedirectAndNoDevBrowser() {
    assertNoRedirectAndNoToken(clerk().authenticateRequest(victim("https://evil.example/c")));
  }

  @Test
  void authenticateWhenRedirectUrlForeignInAnyDisguiseThenNoRedirect() {
    Clerk clerk = clerk();
    for (String target :
        new String[] {
          "https://app.example.com@evil.example/c",
          "https://app.example.com:443@evil.example/c",
          "https://evil.example/app.example.com",
          "https://evil.example?https://app.example.com",
          "https://app.example.com.evil.example/c",
          "//evil.example/c",
          "https://app.example.com\\@evil.example/c",
          "https:\\\\evil.example/c",
          "/\\evil.example/c",
          "https://evil%2Eexample/c",
          "https://app.example.com%40evil.example/c",
          "javascript:alert(document.cookie)//https://app.example.com/",
          "data:text/html,<script>alert(1)</script>",
          "http://app.example.com/c",
          "https://app.example.com:8443/c",
          "https://app.example.com./c",
          "https://xn--pp-8cd.example.com/c",
          "https://аpp.example.com/c",
          "https://app.example.com:99999/c",
          " https://app.example.com/c",
          "https://app.example.com\t.evil.example/c",
        }) {
      RequestState state = clerk.authenticateRequest(victim(target));
      assertEquals(AuthStatus.SIGNED_OUT, state.status(), target);
      assertTrue(state.location().isEmpty(), target + " -> " + state.location().orElse(""));
    }
  }

  // ---- who may receive it -----------------------------------------------------------------------

  private static String back(String target) {
    return target
        + (target.contains("?") ? "&" : "?")
        + "__clerk_db_jwt="
        + VICTIM_DEV_BROWSER
        + "&__clerk_synced=true";
  }

  private static void assertRedirectedTo(String expected, RequestState state) {
    assertEquals(AuthStatus.HANDSHAKE, state.status(), () -> "reason=" + state.reason());
    assertEquals(AuthReason.PRIMARY_RESPONDS_TO_SYNCING, state.reason());
    assertEquals(expected, state.location().orElseThrow());
  }

  @Test
  void authenticateWhenRedirectUrlOnOwnOriginInAnySpellingThenRedirectWithDevBrowser() {
    Clerk clerk = clerk();
    assertRedirectedTo(
        back("https://app.example.com/after?x=1"),
        clerk.authenticateRequest(victim("https://app.example.com/after?x=1")));
    assertRedirectedTo(
        back("HTTPS://APP.Example.com:443/after"),
        clerk.authenticateRequest(victim("HTTPS://APP.Example.com:443/after")));
  }

  @Test
  void authenticateWhenRedirectUrlOnAllowedRedirectOriginThenRedirectOnlyThere() {
    Clerk clerk =
        clerk(
            o ->
                o.allowedRedirectOrigins(
                    List.of("http://localhost:3001", "https://Satellite.example")));

    assertRedirectedTo(
        back("http://localhost:3001/dashboard"),
        clerk.authenticateRequest(victim("http://localhost:3001/dashboard")));
    assertRedirectedTo(
        back("https://satellite.example/"),
        clerk.authenticateRequest(victim("https://satellite.example/")));
    for (String other :
        new String[] {
          "http://localhost:3002/",
          "https://localhost:3001/",
          "http://localhost/",
          "http://satellite.example/"
        }) {
      assertNoRedirectAndNoToken(clerk.authenticateRequest(victim(other)));
    }
  }

  @Test
  void authenticateWhenRedirectUrlOnDomainProxySignInOrSignUpOriginThenRedirect() {
    Clerk clerk =
        clerk(
            o ->
                o.domain("sat.example")
                    .proxyUrl("https://proxy.example/__clerk")
                    .signInUrl("https://accounts.example/sign-in")
                    .signUpUrl("https://join.example:8443/sign-up"));

    for (String target :
        new String[] {
          "https://sat.example/a",
          "https://proxy.example/b",
          "https://accounts.example/c",
          "https://join.example:8443/d"
        }) {
      assertRedirectedTo(back(target), clerk.authenticateRequest(victim(target)));
    }
    assertNoRedirectAndNoToken(clerk.authenticateRequest(victim("http://sat.example/a")));
    assertNoRedirectAndNoToken(clerk.authenticateRequest(victim("https://join.example/d")));
  }

  @Test
  void authenticateWhenRelativeProxyAndSignInUrlsThenOnlyOwnOrigin() {
    Clerk clerk = clerk(o -> o.proxyUrl("/__clerk").signInUrl("/sign-in"));

    assertRedirectedTo(
        back("https://app.example.com/sign-in"),
        clerk.authenticateRequest(victim("https://app.example.com/sign-in")));
    assertNoRedirectAndNoToken(clerk.authenticateRequest(victim("/sign-in")));
    assertNoRedirectAndNoToken(clerk.authenticateRequest(victim("https://evil.example/sign-in")));
  }

  @Test
  void authenticateWhenAllowedOriginIsInternationalisedThenPunycodeTargetOnly() {
    Clerk clerk = clerk(o -> o.allowedRedirectOrigins(List.of("https://bücher.example")));

    assertRedirectedTo(
        back("https://xn--bcher-kva.example/x"),
        clerk.authenticateRequest(victim("https://xn--bcher-kva.example/x")));
    // A raw non-ASCII host is refused: a browser would have sent it punycoded.
    assertNoRedirectAndNoToken(clerk.authenticateRequest(victim("https://bücher.example/x")));
  }

  @Test
  void authenticateWhenRedirectUrlHasNonAsciiPathAndQueryThenLocationIsAscii() {
    RequestState state = clerk().authenticateRequest(victim("https://app.example.com/über?q=€#é"));

    assertRedirectedTo(
        "https://app.example.com/%C3%BCber?q=%E2%82%AC&__clerk_db_jwt="
            + VICTIM_DEV_BROWSER
            + "&__clerk_synced=true#%C3%A9",
        state);
  }

  @Test
  void authenticateWhenNoDevBrowserAndForeignOriginThenStillNoRedirect() {
    ClerkRequest request =
        ClerkRequest.builder()
            .url("https://app.example.com/?__clerk_redirect_url=https%3A%2F%2Fevil.example%2F")
            .header("sec-fetch-dest", "document")
            .build();

    RequestState state = clerk().authenticateRequest(request);

    assertEquals(AuthReason.DEV_BROWSER_MISSING, state.reason());
    assertTrue(
        state
            .location()
            .orElseThrow()
            .startsWith("https://" + fake.frontendApi() + "/v1/client/handshake?"));
  }

  @Test
  void authenticateWhenProductionInstanceThenRedirectUrlNeverFollowed() {
    try (FakeClerk prod = FakeClerk.builder().production().start()) {
      Clerk clerk =
          Clerk.builder()
              .secretKey(prod.secretKey())
              .publishableKey(prod.publishableKey())
              .apiUrl(prod.apiUrl())
              .build();

      RequestState state = clerk.authenticateRequest(victim("https://app.example.com/x"));

      assertEquals(AuthReason.SESSION_TOKEN_AND_UAT_MISSING, state.reason());
      assertNull(state.location().orElse(null));
    }
  }

  @Test
  void authenticateWhenRedirectRefusedThenDebugLogNamesOriginNeverToken() {
    Logger logger = Logger.getLogger(MultiDomainRedirects.class.getName());
    List<LogRecord> records = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public synchronized void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Level before = logger.getLevel();
    logger.setLevel(Level.ALL);
    logger.addHandler(handler);
    try {
      clerk().authenticateRequest(victim("https://evil.example:8443/c?steal=1"));
      clerk().authenticateRequest(victim("javascript:alert(1)"));
    } finally {
      logger.removeHandler(handler);
      logger.setLevel(before);
    }

    assertEquals(2, records.size());
    assertEquals(Level.FINE, records.get(0).getLevel());
    assertEquals(
        "Clerk: __clerk_redirect_url ignored: https://evil.example:8443 may not receive the development browser"
            + " token (add it to allowed-redirect-origins if it is a satellite of this instance)",
        java.text.MessageFormat.format(
            records.get(0).getMessage(), records.get(0).getParameters()));
    assertEquals(
        "Clerk: __clerk_redirect_url ignored: not an absolute http(s) URL with a host",
        records.get(1).getMessage());
    for (LogRecord r : records) {
      assertFalse(String.valueOf(r.getMessage()).contains(VICTIM_DEV_BROWSER));
    }
  }
}
