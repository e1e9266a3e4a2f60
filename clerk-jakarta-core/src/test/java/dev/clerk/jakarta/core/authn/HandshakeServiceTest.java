package dev.clerk.jakarta.core.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.ClerkOptions;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.testing.FakeClerk;
import java.net.URI;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, defect 6: every {@code Location} the request flow produces is ASCII, whatever non-ASCII
 * characters the configuration or the request URL carries ({@link HandshakeService#location}).
 */
class HandshakeServiceTest {
  private final FakeClerk dev = FakeClerk.start();

  @AfterEach
  void close() {
    dev.close();
  }

  private Clerk clerk(Consumer<ClerkOptions.Builder> extra) {
    return Clerk.builder()
        .secretKey(dev.secretKey())
        .publishableKey(dev.publishableKey())
        .apiUrl(dev.apiUrl())
        .configure(extra)
        .build();
  }

  private static ClerkRequest.Builder page(URI url) {
    return ClerkRequest.builder().url(url).header("sec-fetch-dest", "document");
  }

  private static void assertAscii(String location) {
    assertTrue(location.chars().allMatch(c -> c > 0x20 && c < 0x7f), location);
  }

  @Test
  void locationWhenProxyPathNonAsciiThenHandshakeRedirectAscii() {
    RequestState state =
        clerk(o -> o.proxyUrl("https://proxy.example/clérk"))
            .authenticateRequest(page(URI.create("https://app.example.com/ü")).build());

    assertEquals(AuthReason.DEV_BROWSER_MISSING, state.reason());
    String location = state.location().orElseThrow();
    assertTrue(
        location.startsWith(
            "https://proxy.example/cl%C3%A9rk/v1/client/handshake?redirect_url=https%3A%2F%2Fapp.example.com%2F%C3%BC&"),
        location);
    assertAscii(location);
  }

  @Test
  void locationWhenSatelliteSignInUrlNonAsciiThenSyncRedirectAscii() {
    RequestState state =
        clerk(
                o ->
                    o.satellite(true)
                        .domain("app.example.com")
                        .signInUrl("https://primary.example/anmelden/ä")
                        .satelliteAutoSync(true))
            .authenticateRequest(
                page(URI.create("https://app.example.com/seite/ö"))
                    .header("cookie", "__clerk_db_jwt=dvb_1")
                    .build());

    assertEquals(AuthReason.SATELLITE_COOKIE_NEEDS_SYNCING, state.reason());
    assertEquals(
        "https://primary.example/anmelden/%C3%A4?__clerk_redirect_url=https%3A%2F%2Fapp.example.com%2Fseite%2F%C3%B6",
        state.location().orElseThrow());
  }

  @Test
  void locationWhenDevHandshakeResolvedOnNonAsciiUrlThenCleanedRedirectAscii() {
    String session = dev.sessionToken().subject("user_1").sign();
    String handshake =
        dev.handshakeToken("__session=" + session + "; Path=/", "__client_uat=1; Path=/");

    RequestState state =
        clerk(o -> {})
            .authenticateRequest(
                page(URI.create(
                        "https://app.example.com/straße?q=€&__clerk_handshake=" + handshake + "#ß"))
                    .build());

    assertTrue(state.isSignedIn(), () -> String.valueOf(state.reason()));
    assertEquals(
        "https://app.example.com/stra%C3%9Fe?q=%E2%82%AC#%C3%9F", state.location().orElseThrow());
  }
}
