package dev.clerk.jakarta.core.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.PublishableKey;
import dev.clerk.jakarta.core.auth.AcceptedTokens;
import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.AuthStatus;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.token.MutableClock;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeResponse;
import dev.clerk.jakarta.testing.Fault;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Backend API calls a client's request causes, through {@link Clerk#authenticateRequest}
 * against FakeClerk: never retried, refused for implausible values, coalesced, paused after
 * failures, and never holding a request thread longer than the request timeout ({@code
 * http-timeout-ms}). Each request's duration is checked against the timeout: a bound, not a
 * benchmark. The back-off follows the injected clock, which only the test moves.
 */
class OutboundCallsTest {
  /** Generous for a shared 2-core machine; the slow-answer test sets a shorter one. */
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private static final int THREADS = 32;
  private static final String NONCES = "/v1/clients/handshake_payload";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final MutableClock clock = new MutableClock();
  private final FakeClerk fake = FakeClerk.builder().production().clock(clock).start();
  private Clerk clerk = clerk(TIMEOUT);
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  private Clerk clerk(Duration timeout) {
    return Clerk.builder()
        .secretKey(fake.secretKey())
        .publishableKey(fake.publishableKey())
        .apiUrl(fake.apiUrl())
        .configure(o -> o.clock(clock).requestTimeout(timeout).acceptsToken(AcceptedTokens.any()))
        .build();
  }

  /**
   * One signed-in request first: the JWKS is cached and the Backend API client built before timing.
   */
  private void warm() {
    assertEquals(
        AuthStatus.SIGNED_IN,
        clerk.authenticateRequest(bearer(fake.sessionToken().sign())).status());
    clerk.backendApi();
  }

  @AfterEach
  void close() {
    pool.shutdownNow();
    clerk.close();
    fake.close();
  }

  record Timed(RequestState state, Duration took) {}

  private Timed timed(ClerkRequest request) {
    long start = System.nanoTime();
    RequestState state = clerk.authenticateRequest(request);
    return new Timed(state, Duration.ofNanos(System.nanoTime() - start));
  }

  /** Sends {@code n} requests from 32 threads; returns them with their durations. */
  private List<Timed> flood(int n, IntFunction<ClerkRequest> request) throws Exception {
    List<Future<Timed>> futures = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ClerkRequest r = request.apply(i);
      Callable<Timed> call = () -> timed(r);
      futures.add(pool.submit(call));
    }
    List<Timed> out = new ArrayList<>();
    for (Future<Timed> f : futures) {
      out.add(f.get(60, TimeUnit.SECONDS));
    }
    return out;
  }

  private static Duration longest(List<Timed> results) {
    return results.stream().map(Timed::took).max(Duration::compareTo).orElseThrow();
  }

  private static String randomNonce() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  private static ClerkRequest nonceRequest(String nonce) {
    return ClerkRequest.builder()
        .url("https://app.example.com/?__clerk_handshake_nonce=" + nonce)
        .header("sec-fetch-dest", "document")
        .build();
  }

  private static ClerkRequest bearer(String token) {
    return ClerkRequest.builder()
        .url("https://app.example.com/api")
        .header("Authorization", "Bearer " + token)
        .build();
  }

  private static Fault tooManyRequests() {
    return Fault.respond(
        FakeResponse.clerkError(429, "too_many_requests", "Too many requests")
            .withHeader("Retry-After", "2"));
  }

  // ---- handshake nonce --------------------------------------------------------------------------

  @Test
  void
      authenticateRequestWhenThousandRandomNoncesWhileClerkAnswers429ThenFewCallsAndNoWaitBeyondTheTimeout(
          TestReporter reporter) throws Exception {
    fake.failAlways(NONCES, tooManyRequests());
    warm();

    List<Timed> first = flood(1000, i -> nonceRequest(randomNonce()));
    int callsFirst = fake.requestCount(NONCES);
    // The back-off (Retry-After: 2, at least 5 s) ends: one probe, answered 429 again.
    clock.advance(BackendLookup.MIN_BACKOFF);
    List<Timed> second = flood(1000, i -> nonceRequest(randomNonce()));
    int callsSecond = fake.requestCount(NONCES) - callsFirst;

    for (Timed t : concat(first, second)) {
      assertEquals(AuthStatus.SIGNED_OUT, t.state().status());
      assertEquals(AuthReason.SESSION_TOKEN_MISSING, t.state().reason());
    }
    // Only the calls started before the first 429 came back (at most one per slot), then one probe.
    assertTrue(
        callsFirst >= 1 && callsFirst <= BackendLookup.MAX_IN_FLIGHT,
        "calls in the first flood: " + callsFirst);
    assertEquals(1, callsSecond);
    Duration longest = longest(concat(first, second));
    assertTrue(longest.compareTo(TIMEOUT) < 0, "longest wait " + longest);
    // The figures of issue 10, as a report entry (surefire's report of this test).
    reporter.publishEntry(
        Map.of(
            "requests",
            "2000",
            "backendApiCalls",
            Long.toString(callsFirst + callsSecond),
            "longestWaitMs",
            Long.toString(longest.toMillis()),
            "timeoutMs",
            Long.toString(TIMEOUT.toMillis())));
  }

  @Test
  void authenticateRequestWhenBackendApiSlowerThanTheTimeoutThenEveryRequestEndsWithinIt()
      throws Exception {
    Duration timeout = Duration.ofMillis(800);
    clerk.close();
    clerk = clerk(timeout);
    warm();
    fake.failAlways(NONCES, Fault.delay(Duration.ofSeconds(4)));

    List<Timed> results = flood(200, i -> nonceRequest(randomNonce()));

    for (Timed t : results) {
      assertEquals(AuthReason.SESSION_TOKEN_MISSING, t.state().reason());
    }
    Duration longest = longest(results);
    // The timeout plus scheduling slack on a busy 2-core machine, far below the 4 s answer.
    assertTrue(longest.compareTo(timeout.plusMillis(700)) < 0, "longest wait " + longest);
    assertTrue(
        fake.requestCount(NONCES) <= 2 * BackendLookup.MAX_IN_FLIGHT,
        "calls " + fake.requestCount(NONCES));
  }

  @Test
  void authenticateRequestWhenConcurrentRequestsCarryTheSameNonceThenOneCall() throws Exception {
    String nonce = randomNonce();
    String session = fake.sessionToken().subject("user_nonce").sign();
    fake.putHandshakePayload(nonce, "__session=" + session + "; Path=/", "__client_uat=1; Path=/");
    warm();
    fake.enqueueFault(NONCES, Fault.delay(Duration.ofMillis(1000)));

    // As many requests as threads: all of them start before the one call answers.
    List<Timed> results = flood(THREADS, i -> nonceRequest(nonce));

    for (Timed t : results) {
      assertEquals(AuthStatus.SIGNED_IN, t.state().status(), String.valueOf(t.state().reason()));
    }
    assertEquals(1, fake.requestCount(NONCES));
  }

  @Test
  void authenticateRequestWhenNonceImplausibleThenNoCall() {
    for (String nonce :
        List.of(
            "n1",
            "short_nonce",
            "x".repeat(Plausible.MAX_NONCE + 1),
            "0123456789abcdef%3Cscript%3E",
            "0123456789abcdef%20spaced")) {
      RequestState state = clerk.authenticateRequest(nonceRequest(nonce));
      assertEquals(AuthReason.SESSION_TOKEN_MISSING, state.reason());
    }
    assertEquals(0, fake.requestCount(NONCES));
  }

  @Test
  void authenticateRequestWhenStaleNonceReplayedThenAskedOnce() {
    warm();
    String stale = randomNonce();
    for (int i = 0; i < 20; i++) {
      assertEquals(
          AuthReason.SESSION_TOKEN_MISSING,
          clerk.authenticateRequest(nonceRequest(stale)).reason());
    }
    assertEquals(1, fake.requestCount(NONCES));
  }

  @Test
  void authenticateRequestWhenBackendApiAnswers503ThenNotRetried() {
    warm();
    fake.enqueueFault(NONCES, Fault.status(503));
    String nonce = randomNonce();
    fake.putHandshakePayload(nonce, "__session=" + fake.sessionToken().sign() + "; Path=/");

    assertEquals(
        AuthReason.SESSION_TOKEN_MISSING, clerk.authenticateRequest(nonceRequest(nonce)).reason());

    assertEquals(1, fake.requestCount(NONCES));
  }

  @Test
  void authenticateRequestWhenBackendApiRecoversThenSignedInWithoutRestart() {
    warm();
    fake.failAlways(NONCES, Fault.status(502));
    String nonce = randomNonce();
    fake.putHandshakePayload(
        nonce, "__session=" + fake.sessionToken().subject("user_back").sign() + "; Path=/");
    RequestState down = clerk.authenticateRequest(nonceRequest(nonce));
    RequestState paused = clerk.authenticateRequest(nonceRequest(nonce));
    fake.clearFaults();
    RequestState stillPaused = clerk.authenticateRequest(nonceRequest(nonce));
    clock.advance(BackendLookup.MIN_BACKOFF);
    RequestState back = clerk.authenticateRequest(nonceRequest(nonce));

    assertEquals(AuthReason.SESSION_TOKEN_MISSING, down.reason());
    assertEquals("", down.message());
    assertEquals(
        "handshake payload: not asked, Clerk's Backend API is paused after a failure (HTTP 502 fake_fault)",
        paused.message());
    assertEquals(AuthStatus.SIGNED_OUT, stillPaused.status());
    assertEquals(AuthStatus.SIGNED_IN, back.status());
    assertEquals(2, fake.requestCount(NONCES));
  }

  // ---- machine tokens ---------------------------------------------------------------------------

  enum Machine {
    API_KEY(TokenType.API_KEY, "ak_", "/api_keys/verify"),
    M2M_TOKEN(TokenType.M2M_TOKEN, "mt_", "/m2m_tokens/verify"),
    OAUTH_TOKEN(TokenType.OAUTH_TOKEN, "oat_", "/oauth_applications/access_tokens/verify");

    final TokenType type;
    final String prefix;
    final String path;

    Machine(TokenType type, String prefix, String path) {
      this.type = type;
      this.prefix = prefix;
      this.path = path;
    }

    String random() {
      return prefix + randomNonce();
    }
  }

  @ParameterizedTest
  @EnumSource(Machine.class)
  void
      authenticateRequestWhenRandomMachineTokensWhileClerkAnswers429ThenFewCallsAndNoWaitBeyondTheTimeout(
          Machine m) throws Exception {
    fake.failAlways(m.path, tooManyRequests());
    warm();

    List<Timed> results = flood(500, i -> bearer(m.random()));

    for (Timed t : results) {
      assertEquals(AuthStatus.SIGNED_OUT, t.state().status());
      assertEquals(AuthReason.of("unexpected-error"), t.state().reason());
    }
    int calls = fake.requestCount(m.path);
    assertTrue(calls >= 1 && calls <= BackendLookup.MAX_IN_FLIGHT, "calls " + calls);
    Duration longest = longest(results);
    assertTrue(longest.compareTo(TIMEOUT) < 0, "longest wait " + longest);
  }

  @ParameterizedTest
  @EnumSource(Machine.class)
  void authenticateRequestWhenMachineTokenImplausibleThenTokenInvalidWithoutCall(Machine m) {
    for (String token :
        List.of(
            m.prefix,
            m.prefix + "x".repeat(Plausible.MAX_TOKEN),
            m.prefix + "a\u00e9b",
            m.prefix + "a%b")) {
      RequestState state = clerk.authenticateRequest(bearer(token));
      assertEquals(AuthReason.of("token-invalid"), state.reason(), token);
    }
    assertEquals(0, fake.requestCount(m.path));
  }

  @ParameterizedTest
  @EnumSource(Machine.class)
  void authenticateRequestWhenUnknownMachineTokenReplayedThenAskedOnce(Machine m) {
    warm();
    String token = m.random();
    for (int i = 0; i < 20; i++) {
      assertEquals(
          AuthReason.of("token-invalid"), clerk.authenticateRequest(bearer(token)).reason());
    }
    assertEquals(1, fake.requestCount(m.path));
  }

  @Test
  void authenticateRequestWhenMachineTokenVerifiedThenEachRequestAsksClerk() {
    fake.registerApiKey("ak_live_key_1", "user_m");
    for (int i = 0; i < 3; i++) {
      assertEquals(
          AuthStatus.SIGNED_IN, clerk.authenticateRequest(bearer("ak_live_key_1")).status());
    }
    // Only failures are remembered: a revoked key stops working at once.
    assertEquals(3, fake.requestCount("/api_keys/verify"));
  }

  // ---- session refresh --------------------------------------------------------------------------

  private ClerkRequest expiredWithRefresh(String expired, String refreshToken) {
    return ClerkRequest.builder()
        .url("https://app.example.com/")
        .header("sec-fetch-dest", "document")
        .header(
            "cookie",
            "__client_uat=1; __session="
                + expired
                + "; __refresh_"
                + PublishableKey.parse(fake.publishableKey()).cookieSuffix()
                + "="
                + refreshToken)
        .build();
  }

  @Test
  void authenticateRequestWhenConcurrentRefreshesOfOneBrowserThenOneCall() throws Exception {
    fake.backendApi().registerRefreshToken("refresh_1", "sess_refresh", "user_r");
    String expired =
        fake.sessionToken()
            .subject("user_r")
            .sessionId("sess_refresh")
            .shiftTimes(Duration.ofMinutes(-10))
            .sign();
    warm();
    fake.enqueueFault("/v1/sessions/sess_refresh/refresh", Fault.delay(Duration.ofMillis(1000)));

    List<Timed> results = flood(THREADS, i -> expiredWithRefresh(expired, "refresh_1"));

    for (Timed t : results) {
      assertEquals(AuthStatus.SIGNED_IN, t.state().status(), String.valueOf(t.state().reason()));
    }
    assertEquals(1, fake.requestCount("/v1/sessions/sess_refresh/refresh"));
  }

  @Test
  void authenticateRequestWhenRefreshAnswered429ThenNotSignedInAndPaused() throws Exception {
    fake.backendApi().registerRefreshToken("refresh_2", "sess_busy", "user_r");
    fake.failAlways("/v1/sessions/sess_busy/refresh", tooManyRequests());
    String expired =
        fake.sessionToken()
            .subject("user_r")
            .sessionId("sess_busy")
            .shiftTimes(Duration.ofMinutes(-10))
            .sign();
    warm();

    List<Timed> results = flood(100, i -> expiredWithRefresh(expired, "refresh_" + i));

    for (Timed t : results) {
      assertNotEquals(AuthStatus.SIGNED_IN, t.state().status());
      assertTrue(
          t.state().reason().value().startsWith("session-token-expired-refresh-"),
          t.state().reason().value());
    }
    int calls = fake.requestCount("/v1/sessions/sess_busy/refresh");
    assertTrue(calls >= 1 && calls <= BackendLookup.MAX_IN_FLIGHT, "calls " + calls);
    assertTrue(longest(results).compareTo(TIMEOUT) < 0, "longest wait " + longest(results));
  }

  private static List<Timed> concat(List<Timed> a, List<Timed> b) {
    List<Timed> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
