package dev.clerk.jakarta.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.AuthStatus;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.token.MutableClock;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.Fault;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Backend API's JWKS failing, through {@link Clerk#authenticateRequest} against FakeClerk, with
 * the clock in the test's hands: with a warm cache valid tokens keep working up to the maximum
 * staleness; with a cold one requests are signed out with a service-failure reason (503 on a
 * protected path, see the filter's tests), never waiting past the request timeout; both recover
 * without a restart. Concurrency and floods of unknown {@code kid}s cause bounded fetches.
 */
class ClerkJwksOutageTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final MutableClock clock = new MutableClock();
  private final FakeClerk fake = FakeClerk.builder().clock(clock).start();
  private final Clerk clerk =
      Clerk.builder()
          .secretKey(fake.secretKey())
          .publishableKey(fake.publishableKey())
          .apiUrl(fake.apiUrl())
          .configure(o -> o.clock(clock).requestTimeout(TIMEOUT))
          .build();
  private final ExecutorService pool = Executors.newFixedThreadPool(16);

  @AfterEach
  void close() {
    pool.shutdownNow();
    clerk.close();
    fake.close();
  }

  /**
   * The faults of issue 10, each injected on every JWKS request, with the most HTTP requests one
   * lookup may make: a fetch and its one retry (dropped connection, 5xx), each of which the JDK's
   * HttpClient repeats once by itself when the connection drops before an answer to a GET.
   */
  enum JwksFault {
    DOWN(Fault::disconnect, 4),
    SLOW(() -> Fault.delay(Duration.ofSeconds(3)), 1),
    STATUS_503(() -> Fault.status(503), 2),
    STATUS_500(() -> Fault.status(500), 2),
    GARBAGE(Fault::garbage, 1),
    TRUNCATED(Fault::truncate, 4);

    final Supplier<Fault> fault;
    final int maxRequests;

    JwksFault(Supplier<Fault> fault, int maxRequests) {
      this.fault = fault;
      this.maxRequests = maxRequests;
    }
  }

  private ClerkRequest bearer(String token) {
    return ClerkRequest.builder()
        .url("https://app.example.com/api")
        .header("Authorization", "Bearer " + token)
        .build();
  }

  private RequestState signedInRequest() {
    return clerk.authenticateRequest(bearer(fake.sessionToken().subject("user_ok").sign()));
  }

  /** The state and how long the request thread waited: a bound, not a benchmark. */
  private RequestState withinTimeout(Supplier<RequestState> request) {
    long start = System.nanoTime();
    RequestState state = request.get();
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    // One deadline bounds the whole lookup (issue 10): the timeout plus the same scheduling slack
    // as
    // OutboundDeadlineTest, well under the 3 s after which the slow JWKS answers.
    assertTrue(took.compareTo(TIMEOUT.plusMillis(600)) < 0, "waited " + took);
    return state;
  }

  @ParameterizedTest
  @EnumSource(JwksFault.class)
  void authenticateRequestWhenJwksFailsWithColdCacheThenSignedOutAsServiceFailureAndRecovers(
      JwksFault f) {
    fake.failAlways("/v1/jwks", f.fault.get());

    RequestState down = withinTimeout(this::signedInRequest);
    RequestState backingOff = withinTimeout(this::signedInRequest);
    int fetchesWhileDown = fake.jwksRequestCount();
    fake.clearFaults();
    clock.advance(Duration.ofSeconds(5)); // the failure back-off
    RequestState back = signedInRequest();

    assertEquals(AuthStatus.SIGNED_OUT, down.status());
    assertEquals(AuthReason.of("jwk-remote-failed-to-load"), down.reason());
    assertTrue(down.reason().isServiceFailure());
    assertEquals(AuthReason.of("jwk-remote-failed-to-load"), backingOff.reason());
    // One lookup (see JwksFault), none during the back-off.
    assertTrue(
        fetchesWhileDown >= 1 && fetchesWhileDown <= f.maxRequests, "fetches " + fetchesWhileDown);
    assertEquals(AuthStatus.SIGNED_IN, back.status());
  }

  @ParameterizedTest
  @EnumSource(JwksFault.class)
  void authenticateRequestWhenJwksFailsWithWarmCacheThenValidTokensWorkUpToTheMaximumStaleness(
      JwksFault f) {
    assertEquals(AuthStatus.SIGNED_IN, signedInRequest().status());
    fake.failAlways("/v1/jwks", f.fault.get());

    clock.advance(ClerkOptions.DEFAULT_JWKS_CACHE_TTL.plusSeconds(1));
    RequestState stale = withinTimeout(this::signedInRequest);
    clock.advance(
        ClerkOptions.DEFAULT_JWKS_MAX_STALENESS
            .minus(ClerkOptions.DEFAULT_JWKS_CACHE_TTL)
            .minusSeconds(2));
    RequestState lastMinute = withinTimeout(this::signedInRequest);
    clock.advance(Duration.ofSeconds(2));
    RequestState tooOld = withinTimeout(this::signedInRequest);
    fake.clearFaults();
    clock.advance(Duration.ofSeconds(5));
    RequestState back = signedInRequest();

    assertEquals(AuthStatus.SIGNED_IN, stale.status());
    assertEquals(AuthStatus.SIGNED_IN, lastMinute.status());
    assertEquals(AuthStatus.SIGNED_OUT, tooOld.status());
    assertEquals(AuthReason.of("jwk-remote-failed-to-load"), tooOld.reason());
    assertEquals(AuthStatus.SIGNED_IN, back.status());
  }

  @Test
  void authenticateRequestWhenClerkUnreachableWithColdCacheThenSignedOutWithinTheTimeout() {
    FakeClerk gone = FakeClerk.start();
    String url = gone.apiUrl();
    gone.close();
    try (Clerk unreachable =
        Clerk.builder()
            .secretKey(fake.secretKey())
            .publishableKey(fake.publishableKey())
            .apiUrl(url)
            .configure(o -> o.clock(clock).requestTimeout(TIMEOUT))
            .build()) {
      RequestState state =
          withinTimeout(() -> unreachable.authenticateRequest(bearer(fake.sessionToken().sign())));
      assertEquals(AuthReason.of("jwk-remote-failed-to-load"), state.reason());
    }
  }

  @Test
  void authenticateRequestWhenTwoHundredConcurrentColdRequestsThenOneJwksFetch() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<RequestState>> results = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String token = fake.sessionToken().subject("user_" + i).sign();
      results.add(
          pool.submit(
              () -> {
                go.await();
                return clerk.authenticateRequest(bearer(token));
              }));
    }
    go.countDown();
    for (Future<RequestState> r : results) {
      assertEquals(AuthStatus.SIGNED_IN, r.get(30, TimeUnit.SECONDS).status());
    }
    assertEquals(1, fake.jwksRequestCount());
  }

  /** A token of the right shape whose {@code kid} is unknown (its signature is never reached). */
  private static String withRandomKid(String token) {
    byte[] kid = new byte[12];
    RANDOM.nextBytes(kid);
    String header =
        "{\"alg\":\"RS256\",\"kid\":\"ins_" + HexFormat.of().formatHex(kid) + "\",\"typ\":\"JWT\"}";
    return Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + token.substring(token.indexOf('.'));
  }

  @Test
  void
      authenticateRequestWhenTenThousandRandomKidsThenAtMostOneFetchPerIntervalWhileValidTokensWork(
          TestReporter reporter) throws Exception {
    // This test counts fetches, it does not time them: a timeout far above a loopback fetch, so
    // that
    // a loaded machine cannot turn a healthy fetch into jwk-remote-failed-to-load.
    try (Clerk clerk =
        Clerk.builder()
            .secretKey(fake.secretKey())
            .publishableKey(fake.publishableKey())
            .apiUrl(fake.apiUrl())
            .configure(o -> o.clock(clock).requestTimeout(Duration.ofSeconds(20)))
            .build()) {
      randomKidFlood(clerk, reporter);
    }
  }

  private void randomKidFlood(Clerk clerk, TestReporter reporter) throws Exception {
    int intervals = 5;
    int perInterval = 2000;
    int valid = 0;
    for (int interval = 0; interval < intervals; interval++) {
      String template = fake.sessionToken().subject("user_kid").sign();
      List<Future<RequestState>> results = new ArrayList<>();
      for (int i = 0; i < perInterval; i++) {
        boolean genuine = i % 100 == 0;
        String token = genuine ? template : withRandomKid(template);
        results.add(pool.submit(() -> clerk.authenticateRequest(bearer(token))));
      }
      for (int i = 0; i < perInterval; i++) {
        RequestState state = results.get(i).get(30, TimeUnit.SECONDS);
        if (i % 100 == 0) {
          assertEquals(AuthStatus.SIGNED_IN, state.status(), String.valueOf(state.reason()));
          valid++;
        } else {
          assertEquals(AuthReason.of("jwk-kid-mismatch"), state.reason());
        }
      }
      clock.advance(ClerkOptions.DEFAULT_JWKS_MIN_REFRESH_INTERVAL);
    }
    int fetches = fake.jwksRequestCount();
    // The cold fetch, then at most one refetch for an unknown kid per interval.
    assertTrue(fetches <= 1 + intervals, "fetches " + fetches);
    assertEquals(intervals * perInterval / 100, valid);
    reporter.publishEntry(
        Map.of(
            "requests",
            Integer.toString(intervals * perInterval),
            "jwksFetches",
            Long.toString(fetches),
            "intervals",
            Integer.toString(intervals)));
  }
}
