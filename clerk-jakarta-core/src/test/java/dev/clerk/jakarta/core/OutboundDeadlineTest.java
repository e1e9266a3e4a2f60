package dev.clerk.jakarta.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.auth.AcceptedTokens;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.AuthStatus;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeResponse;
import dev.clerk.jakarta.testing.Fault;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 10: a request thread never waits longer than the configured timeout ({@code
 * http-timeout-ms}) for the calls to Clerk it causes, whichever way the far end fails. Each cell is
 * one way, against FakeClerk on loopback or, where FakeClerk cannot produce the fault, a raw {@link
 * StuckServer}; each checks the request's outcome (signed out with the spec's reason, never an
 * exception) and that it returned within the timeout plus a fixed slack for scheduling. The elapsed
 * time is a correctness bound, not a benchmark.
 */
class OutboundDeadlineTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  /** Scheduling slack on a shared 2-core machine: far below a second timeout. */
  private static final Duration SLACK = Duration.ofMillis(600);

  private static final String NONCES = "/v1/clients/handshake_payload";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final FakeClerk fake = FakeClerk.builder().production().start();
  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
    fake.close();
  }

  /** How the far end (the Backend API, JWKS included) fails. */
  enum FarEnd {
    ACCEPTS_AND_NEVER_ANSWERS,
    HEADERS_THEN_STALLED_BODY,
    CONNECTION_RESET,
    CLOSES_WITHOUT_ANSWER_LATE,
    ANSWERS_AFTER_THE_TIMEOUT,
    DISCONNECTS,
    CONNECTION_REFUSED,
    TOO_MANY_REQUESTS_RETRY_AFTER,
    UNAVAILABLE_RETRY_AFTER
  }

  /** {@return the Backend API URL of a far end failing so on every path} */
  private String apiUrl(FarEnd far) throws IOException {
    return switch (far) {
      case ACCEPTS_AND_NEVER_ANSWERS -> stuck(StuckServer.Behaviour.SILENT, Duration.ZERO);
      case HEADERS_THEN_STALLED_BODY ->
          stuck(StuckServer.Behaviour.HEADERS_THEN_STALL, Duration.ZERO);
      case CONNECTION_RESET -> stuck(StuckServer.Behaviour.RESET, Duration.ZERO);
      // Each connection is closed unanswered after 0.8 of the timeout: the JDK client's own retry
      // of a
      // GET would start a second full timer.
      case CLOSES_WITHOUT_ANSWER_LATE ->
          stuck(StuckServer.Behaviour.CLOSE_LATE, TIMEOUT.multipliedBy(4).dividedBy(5));
      case ANSWERS_AFTER_THE_TIMEOUT -> failing(Fault.delay(TIMEOUT.multipliedBy(3)));
      case DISCONNECTS -> failing(Fault.disconnect());
      case CONNECTION_REFUSED -> {
        FakeClerk gone = FakeClerk.start();
        String url = gone.apiUrl();
        gone.close();
        yield url;
      }
      case TOO_MANY_REQUESTS_RETRY_AFTER ->
          failing(
              Fault.respond(
                  FakeResponse.clerkError(429, "too_many_requests", "Too many requests")
                      .withHeader("Retry-After", "1")));
      case UNAVAILABLE_RETRY_AFTER ->
          failing(
              Fault.respond(
                  FakeResponse.clerkError(503, "service_unavailable", "Unavailable")
                      .withHeader("Retry-After", "1")));
    };
  }

  private String stuck(StuckServer.Behaviour behaviour, Duration closeAfter) throws IOException {
    StuckServer server = new StuckServer(behaviour, closeAfter);
    resources.add(server);
    return server.url();
  }

  private String failing(Fault fault) {
    fake.failAlways("/v1/jwks", fault);
    fake.failAlways(NONCES, fault);
    return fake.apiUrl();
  }

  private Clerk clerk(String apiUrl) {
    return clerk(apiUrl, TIMEOUT);
  }

  private Clerk clerk(String apiUrl, Duration timeout) {
    Clerk clerk =
        Clerk.builder()
            .secretKey(fake.secretKey())
            .publishableKey(fake.publishableKey())
            .apiUrl(apiUrl)
            .configure(o -> o.requestTimeout(timeout).acceptsToken(AcceptedTokens.any()))
            .build();
    resources.add(clerk);
    return clerk;
  }

  /** The state and a check that the request thread was back within the timeout plus the slack. */
  private static RequestState bounded(Supplier<RequestState> request) {
    return bounded(TIMEOUT, request);
  }

  private static RequestState bounded(Duration timeout, Supplier<RequestState> request) {
    long start = System.nanoTime();
    RequestState state = request.get();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(timeout.plus(SLACK)) < 0, "waited " + took.toMillis() + " ms");
    return state;
  }

  private static ClerkRequest bearer(String token) {
    return ClerkRequest.builder()
        .url("https://app.example.com/api")
        .header("Authorization", "Bearer " + token)
        .build();
  }

  private static ClerkRequest nonceRequest(String nonce) {
    return ClerkRequest.builder()
        .url("https://app.example.com/?__clerk_handshake_nonce=" + nonce)
        .header("sec-fetch-dest", "document")
        .build();
  }

  private static String randomNonce() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  @ParameterizedTest
  @EnumSource(FarEnd.class)
  void authenticateRequestWhenJwksFetchFailsThenSignedOutWithinTheTimeout(FarEnd far)
      throws IOException {
    Clerk clerk = clerk(apiUrl(far));
    String token = fake.sessionToken().sign();

    RequestState state = bounded(() -> clerk.authenticateRequest(bearer(token)));

    assertEquals(AuthStatus.SIGNED_OUT, state.status());
    assertEquals(AuthReason.of("jwk-remote-failed-to-load"), state.reason());
  }

  @ParameterizedTest
  @EnumSource(FarEnd.class)
  void authenticateRequestWhenHandshakePayloadCallFailsThenSignedOutWithinTheTimeout(FarEnd far)
      throws IOException {
    Clerk clerk = clerk(apiUrl(far));

    RequestState state = bounded(() -> clerk.authenticateRequest(nonceRequest(randomNonce())));

    assertEquals(AuthStatus.SIGNED_OUT, state.status());
    assertEquals(AuthReason.SESSION_TOKEN_MISSING, state.reason());
  }

  // ---- two calls in one request: together within the timeout
  // -------------------------------------

  @Test
  void authenticateRequestWhenHandshakePayloadSlowThenJwksStuckThenSignedOutWithinTheTimeout() {
    Clerk clerk = clerk(fake.apiUrl());
    String nonce = randomNonce();
    fake.putHandshakePayload(
        nonce, "__session=" + fake.sessionToken().sign() + "; Path=/", "__client_uat=1; Path=/");
    // The payload answers within the timeout; the JWKS fetch that follows, cold, never in time.
    fake.enqueueFault(NONCES, Fault.delay(TIMEOUT.multipliedBy(7).dividedBy(10)));
    fake.failAlways("/v1/jwks", Fault.delay(TIMEOUT.multipliedBy(3)));

    RequestState state = bounded(() -> clerk.authenticateRequest(nonceRequest(nonce)));
    fake.clearFaults();
    RequestState next = clerk.authenticateRequest(bearer(fake.sessionToken().sign()));

    // The handshake's token could not be verified in the time left: no session (spec: the handshake
    // fails, the cookie tree goes on without its token).
    assertEquals(AuthStatus.SIGNED_OUT, state.status(), String.valueOf(state.reason()));
    assertEquals(AuthReason.of("session-token-and-uat-missing"), state.reason());
    // A fetch cut short by one request's deadline is not an outage: no back-off for the next
    // request.
    assertEquals(AuthStatus.SIGNED_IN, next.status(), String.valueOf(next.reason()));
  }

  @Test
  void authenticateRequestWhenRefreshSlowThenJwksRefetchStuckThenNotSignedInWithinTheTimeout() {
    Clerk clerk = clerk(fake.apiUrl());
    fake.backendApi().registerRefreshToken("refresh_1", "sess_refresh", "user_r");
    String expired =
        fake.sessionToken()
            .subject("user_r")
            .sessionId("sess_refresh")
            .shiftTimes(Duration.ofMinutes(-10))
            .sign();
    assertEquals(
        AuthStatus.SIGNED_IN,
        clerk.authenticateRequest(bearer(fake.sessionToken().sign())).status());
    // The refreshed token is signed with a key the cached JWKS lacks: one refetch, which is stuck.
    fake.rotateKey();
    fake.enqueueFault(
        "/v1/sessions/sess_refresh/refresh", Fault.delay(TIMEOUT.multipliedBy(7).dividedBy(10)));
    fake.failAlways("/v1/jwks", Fault.delay(TIMEOUT.multipliedBy(3)));
    ClerkRequest request =
        ClerkRequest.builder()
            .url("https://app.example.com/")
            .header("sec-fetch-dest", "document")
            .header(
                "cookie",
                "__client_uat=1; __session="
                    + expired
                    + "; __refresh_"
                    + PublishableKey.parse(fake.publishableKey()).cookieSuffix()
                    + "=refresh_1")
            .build();

    RequestState state = bounded(() -> clerk.authenticateRequest(request));

    // The refreshed token could not be verified in the time left: as any failed refresh, a
    // handshake.
    assertEquals(AuthStatus.HANDSHAKE, state.status(), String.valueOf(state.reason()));
    assertEquals(
        AuthReason.of("session-token-expired-refresh-invalid-session-token"), state.reason());
  }

  @Test
  void authenticateRequestWhenJoiningAJwksFetchWithLessTimeLeftThenSignedOutWithinItsOwnTime()
      throws Exception {
    Duration timeout = Duration.ofSeconds(2);
    Clerk clerk = clerk(fake.apiUrl(), timeout);
    String nonce = randomNonce();
    fake.putHandshakePayload(
        nonce, "__session=" + fake.sessionToken().sign() + "; Path=/", "__client_uat=1; Path=/");
    fake.enqueueFault(NONCES, Fault.delay(timeout.multipliedBy(9).dividedBy(10)));
    fake.failAlways("/v1/jwks", Fault.delay(timeout.multipliedBy(3)));
    ScheduledExecutorService other = Executors.newSingleThreadScheduledExecutor();
    resources.add(other::shutdownNow);
    // Half-way through this request's payload call another request starts the cold JWKS fetch, with
    // its whole time; this request joins that fetch with a tenth of its own left.
    ScheduledFuture<RequestState> first =
        other.schedule(
            () -> clerk.authenticateRequest(bearer(fake.sessionToken().sign())),
            timeout.toMillis() / 2,
            TimeUnit.MILLISECONDS);

    RequestState state = bounded(timeout, () -> clerk.authenticateRequest(nonceRequest(nonce)));

    assertEquals(AuthReason.of("session-token-and-uat-missing"), state.reason());
    assertEquals(
        AuthReason.of("jwk-remote-failed-to-load"), first.get(10, TimeUnit.SECONDS).reason());
  }

  @ParameterizedTest
  @EnumSource(
      value = StuckServer.Behaviour.class,
      names = {"SILENT", "HEADERS_THEN_STALL"})
  void authenticateRequestWhenTheTimeRunsOutThenTheExchangeIsCancelledAndItsConnectionClosed(
      StuckServer.Behaviour behaviour) throws Exception {
    StuckServer server = new StuckServer(behaviour);
    resources.add(server);
    Clerk clerk = clerk(server.url());

    RequestState state =
        bounded(() -> clerk.authenticateRequest(bearer(fake.sessionToken().sign())));

    assertEquals(AuthReason.of("jwk-remote-failed-to-load"), state.reason());
    assertTrue(server.awaitClosedByClient(Duration.ofSeconds(5)), "a connection is still open");
  }
}
