package dev.clerk.jakarta.core.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.ClerkOptions;
import dev.clerk.jakarta.core.request.AuthStatus;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.TokenBuilder;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The fixture of spec §6 "R-tests": a FakeClerk on loopback for {@code
 * clerk.inspired.puma-74.lcl.dev} (PK_TEST / PK_LIVE), the clock frozen at {@code 1666648250}, the
 * default request {@code GET http://clerk.com/path} with {@code host: example.com}, {@code
 * user-agent: Mozilla/TestAgent}, {@code sec-fetch-dest: document}, and tokens shaped like Clerk's
 * {@code mockJwt}.
 */
final class Conformance implements AutoCloseable {
  static final Instant NOW = Instant.ofEpochSecond(1666648250);
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String FAPI = "clerk.inspired.puma-74.lcl.dev";
  static final String PK_TEST = "pk_test_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA";
  static final String PK_LIVE = "pk_live_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA";
  static final String SUFFIX_LIVE = "MqCvchyS";
  static final String SUFFIX_TEST = "vWCgMp3A";
  static final String AZP = "https://accounts.inspired.puma-74.lcl.dev";
  static final String SID = "sess_2GbDB4enNdCa5vS1zpC3Xzg9tK9";
  static final String SUB = "user_2GIpXOEpVyJw51rkZn9Kmnc6Sxr";
  static final String HANDSHAKE_BASE = "https://" + FAPI + "/v1/client/handshake";
  static final String REDIRECT_COUNT_1 =
      "__clerk_redirect_count=1; SameSite=Lax; HttpOnly; Max-Age=2";

  final FakeClerk fake;
  final boolean production;

  private Conformance(boolean production) {
    FakeClerk.Builder b = FakeClerk.builder().frontendApi(FAPI).clock(CLOCK);
    if (production) {
      b.production();
    }
    this.fake = b.start();
    this.production = production;
    assertEquals(production ? PK_LIVE : PK_TEST, fake.publishableKey());
  }

  /** {@return a development instance (PK_TEST)} */
  static Conformance dev() {
    return new Conformance(false);
  }

  /** {@return a production instance (PK_LIVE)} */
  static Conformance prod() {
    return new Conformance(true);
  }

  String suffix() {
    return production ? SUFFIX_LIVE : SUFFIX_TEST;
  }

  /** {@return a Clerk for this instance, frozen at {@link #NOW}, with extra options} */
  Clerk clerk(Consumer<ClerkOptions.Builder> extra) {
    return clerkAt(Duration.ZERO, extra);
  }

  Clerk clerk() {
    return clerk(o -> {});
  }

  /** {@return a Clerk whose clock is {@code shift} after {@link #NOW}} */
  Clerk clerkAt(Duration shift, Consumer<ClerkOptions.Builder> extra) {
    return Clerk.builder()
        .secretKey(fake.secretKey())
        .publishableKey(fake.publishableKey())
        .apiUrl(fake.apiUrl())
        .configure(o -> o.clock(Clock.offset(CLOCK, shift)))
        .configure(extra)
        .build();
  }

  /** {@return the default R-test request builder} */
  static ClerkRequest.Builder request() {
    return request("http://clerk.com/path");
  }

  static ClerkRequest.Builder request(String url) {
    return ClerkRequest.builder()
        .method("GET")
        .url(URI.create(url))
        .header("host", "example.com")
        .header("user-agent", "Mozilla/TestAgent")
        .header("sec-fetch-dest", "document");
  }

  /** {@return a token shaped like Clerk's mockJwt, signed by the instance key} */
  TokenBuilder token() {
    return fake.sessionToken().authorizedParty(AZP).sessionId(SID).subject(SUB);
  }

  static String cookies(String... pairs) {
    return String.join("; ", pairs);
  }

  // ---- assertions ---------------------------------------------------------------------------

  static void assertSignedIn(RequestState state) {
    assertEquals(
        AuthStatus.SIGNED_IN,
        state.status(),
        () -> "reason=" + state.reason() + " message=" + state.message());
    assertNull(state.reason());
    assertTrue(state.headers("x-clerk-auth-status").isEmpty(), "no debug headers when signed in");
  }

  static void assertSignedOut(RequestState state, String reason) {
    assertEquals(
        AuthStatus.SIGNED_OUT,
        state.status(),
        () -> "reason=" + state.reason() + " message=" + state.message());
    assertNotNull(state.reason());
    assertEquals(reason, state.reason().value(), state::message);
    assertEquals(List.of("signed-out"), state.headers("x-clerk-auth-status"));
    assertEquals(List.of(reason), state.headers("x-clerk-auth-reason"));
  }

  static void assertSignedOut(RequestState state, String reason, String message) {
    assertSignedOut(state, reason);
    assertEquals(message, state.message());
    assertEquals(
        message.isEmpty() ? List.of() : List.of(message), state.headers("x-clerk-auth-message"));
  }

  /** HS(x): handshake, reason x, a Location, {@code Cache-Control: no-store}, 307. */
  static void assertHandshake(RequestState state, String reason) {
    assertEquals(
        AuthStatus.HANDSHAKE,
        state.status(),
        () -> "reason=" + state.reason() + " message=" + state.message());
    assertNotNull(state.reason());
    assertEquals(reason, state.reason().value());
    assertEquals(List.of("no-store"), state.headers("Cache-Control"));
    assertTrue(state.location().isPresent(), "Location");
    assertEquals(307, state.reply().orElseThrow().status());
    assertEquals(List.of("handshake"), state.headers("x-clerk-auth-status"));
    assertEquals(List.of(reason), state.headers("x-clerk-auth-reason"));
  }

  /** {@return the query parameters of a URL, decoded, in order} */
  static Map<String, String> params(String url) {
    Map<String, String> out = new LinkedHashMap<>();
    String q = URI.create(url).getRawQuery();
    if (q == null) {
      return out;
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      out.put(
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  /** Collects log records of the request-flow logger. */
  static final class LogCapture extends Handler implements AutoCloseable {
    private final Logger logger =
        Logger.getLogger("dev.clerk.jakarta.core.authn.RequestAuthenticator");
    final List<String> messages = new ArrayList<>();

    LogCapture() {
      logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
      messages.add(record.getMessage());
    }

    synchronized String all() {
      return String.join("\n", messages);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
    }
  }

  @Override
  public void close() {
    fake.close();
  }
}
