package dev.clerk.jakarta.core.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.ClerkOptions;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeKey;
import dev.clerk.jakarta.testing.FakeResponse;
import dev.clerk.jakarta.testing.Fault;
import dev.clerk.jakarta.testing.RecordedRequest;
import java.net.http.HttpClient;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RemoteJwksSourceTest {
  private static final String CONTACT_SUPPORT = "Contact support@clerk.com";
  private static HttpClient http;

  private final MutableClock clock = new MutableClock();
  private final Queue<Runnable> background = new ArrayDeque<>();
  private FakeClerk clerk;

  @BeforeAll
  static void createClient() {
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  @AfterAll
  static void closeClient() {
    // java.net.http.HttpClient is closeable only from Java 21; nothing to release on 17.
    http = null;
  }

  @BeforeEach
  void startClerk() {
    clerk = FakeClerk.builder().clock(clock).start();
  }

  @AfterEach
  void stopClerk() {
    clerk.close();
  }

  private ClerkOptions.Builder options(FakeClerk c) {
    return ClerkOptions.builder()
        .secretKey(c.secretKey())
        .publishableKey(c.publishableKey())
        .apiUrl(c.apiUrl())
        .clock(clock);
  }

  private RemoteJwksSource source(Consumer<ClerkOptions.Builder> change) {
    ClerkOptions.Builder b = options(clerk);
    change.accept(b);
    return new RemoteJwksSource(b.build().remoteJwksConfig(), http, background::add);
  }

  private RemoteJwksSource source() {
    return source(b -> {});
  }

  private static TokenVerificationException fail(RemoteJwksSource source, String kid) {
    return assertThrows(TokenVerificationException.class, () -> source.key(kid));
  }

  private String jwksUrl() {
    return clerk.apiUrl() + "/v1/jwks";
  }

  private static String kidMismatch(String kid) {
    return "Unable to find a signing key in JWKS that matches the kid='"
        + kid
        + "' of the provided session"
        + " token. Please make sure that the __session cookie or the HTTP authorization header contain a"
        + " Clerk-generated session JWT.";
  }

  // ---- fetching and caching ------------------------------------------------------------

  @Test
  void keyWhenColdThenFetchesOnceWithClerkHeaders() throws Exception {
    RemoteJwksSource source = source();
    PublicKey key = source.key(clerk.signingKey().kid());
    assertEquals(clerk.signingKey().publicKey(), key);
    assertEquals(1, clerk.jwksRequestCount());
    RecordedRequest req = clerk.requests("/v1/jwks").get(0);
    assertEquals("GET", req.method());
    assertEquals("Bearer " + clerk.secretKey(), req.header("Authorization"));
    assertEquals("2026-05-12", req.header("Clerk-API-Version"));
    assertTrue(req.header("User-Agent").startsWith("clerk-jakarta/"), req.header("User-Agent"));
  }

  @Test
  void keyWhenCachedThenServesWithoutFetching() throws Exception {
    RemoteJwksSource source = source();
    for (int i = 0; i < 20; i++) {
      source.key(clerk.signingKey().kid());
      clock.advance(Duration.ofSeconds(10));
    }
    assertEquals(1, clerk.jwksRequestCount());
    assertTrue(background.isEmpty());
  }

  @Test
  void keyWhenTtlPassedThenRefetchesOnTheRequestThread() throws Exception {
    RemoteJwksSource source = source();
    source.key(clerk.signingKey().kid());
    clock.advance(Duration.ofMinutes(5));
    source.key(clerk.signingKey().kid());
    assertEquals(2, clerk.jwksRequestCount());
  }

  @Test
  void keyWhenConfiguredTtlPassedThenRefetches() throws Exception {
    RemoteJwksSource source = source(b -> b.jwksCacheTtl(Duration.ofSeconds(30)));
    source.key(clerk.signingKey().kid());
    clock.advance(Duration.ofSeconds(29));
    background.clear();
    clock.advance(Duration.ofSeconds(1));
    source.key(clerk.signingKey().kid());
    assertEquals(2, clerk.jwksRequestCount());
  }

  @Test
  void keyWhenFourFifthsOfTtlPassedThenRefreshesAheadInTheBackground() throws Exception {
    RemoteJwksSource source = source();
    source.key(clerk.signingKey().kid());
    clock.advance(Duration.ofMinutes(4));
    FakeKey next = clerk.rotateKey();
    assertEquals(
        clerk.publishedKeys().get(0).publicKey(), source.key(clerk.publishedKeys().get(0).kid()));
    assertEquals(1, clerk.jwksRequestCount(), "the request thread does not wait");
    assertEquals(1, background.size());
    background.poll().run();
    assertEquals(2, clerk.jwksRequestCount());
    // The refreshed set is fresh again and already knows the rotated key.
    clock.advance(Duration.ofMinutes(3));
    assertEquals(next.publicKey(), source.key(next.kid()));
    assertEquals(2, clerk.jwksRequestCount());
  }

  // ---- kids ------------------------------------------------------------------------------

  @Test
  void keyWhenKeyRotatedThenUnknownKidRefetchesOnce() throws Exception {
    RemoteJwksSource source = source();
    FakeKey old = clerk.signingKey();
    source.key(old.kid());
    FakeKey next = clerk.rotateKey();
    assertEquals(next.publicKey(), source.key(next.kid()));
    assertEquals(old.publicKey(), source.key(old.kid()));
    assertEquals(2, clerk.jwksRequestCount());
  }

  @Test
  void keyWhenKidUnknownThenKidMismatchWithClerksMessageAndAction() throws Exception {
    RemoteJwksSource source = source();
    source.key(clerk.signingKey().kid());
    TokenVerificationException e = fail(source, "ins_unknown");
    assertEquals(TokenVerificationReason.JWK_KID_MISMATCH, e.reason());
    assertEquals(kidMismatch("ins_unknown"), e.clerkMessage());
    assertEquals(
        "Go to your Dashboard and validate your secret and public keys are correct. Contact support@clerk.com if"
            + " the issue persists.",
        e.action());
    assertFalse(
        e.getMessage().contains(clerk.signingKey().kid()), "available kids are never listed");
  }

  @Test
  void keyWhenUnknownKidsRepeatThenRefetchIsRateLimited() throws Exception {
    RemoteJwksSource source = source();
    source.key(clerk.signingKey().kid());
    fail(source, "ins_a");
    assertEquals(2, clerk.jwksRequestCount());
    clock.advance(Duration.ofSeconds(29));
    FakeKey rotated = clerk.rotateKey();
    assertEquals(kidMismatch(rotated.kid()), fail(source, rotated.kid()).clerkMessage());
    fail(source, "ins_b");
    assertEquals(2, clerk.jwksRequestCount(), "no fetch within the minimum refresh interval");
    clock.advance(Duration.ofSeconds(1));
    assertEquals(rotated.publicKey(), source.key(rotated.kid()));
    assertEquals(3, clerk.jwksRequestCount());
  }

  @Test
  void keyWhenRefreshIntervalZeroThenEveryUnknownKidRefetches() throws Exception {
    RemoteJwksSource source = source(b -> b.jwksMinRefreshInterval(Duration.ZERO));
    source.key(clerk.signingKey().kid());
    fail(source, "ins_a");
    fail(source, "ins_b");
    assertEquals(3, clerk.jwksRequestCount());
  }

  @Test
  void keyWhenKidAbsentThenKidMismatchWithoutFetching() throws Exception {
    RemoteJwksSource source = source();
    source.key(clerk.signingKey().kid());
    TokenVerificationException e = fail(source, null);
    assertEquals(kidMismatch("undefined"), e.clerkMessage());
    assertEquals(1, clerk.jwksRequestCount());
  }

  @Test
  void keyWhenKidHasControlCharactersThenMessageIsSanitised() throws Exception {
    RemoteJwksSource source = source(b -> b.jwksMinRefreshInterval(Duration.ZERO));
    source.key(clerk.signingKey().kid());
    String kid = "a\nb" + "x".repeat(300);
    String message = fail(source, kid).clerkMessage();
    assertTrue(
        message.startsWith("Unable to find a signing key in JWKS that matches the kid='a?bxxx"),
        message);
    assertTrue(message.contains("x...' of the provided"), message);
    // Latin-1 only, or adapters drop the whole x-clerk-auth-message header.
    assertTrue(message.chars().allMatch(c -> c >= 0x20 && c <= 0xff), message);
  }

  @Test
  void keyWhenNonRsaOrEncryptionKeysPublishedThenOnlyRsaSigningKeysServe() throws Exception {
    Map<String, Object> enc = new java.util.LinkedHashMap<>(clerk.foreignKey("ins_enc").jwk());
    enc.put("use", "enc");
    Map<String, Object> ec =
        Map.of(
            "kty",
            "EC",
            "kid",
            "ins_ec",
            "crv",
            "P-256",
            "x",
            "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
            "y",
            "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0");
    clerk.route(
        "GET",
        "/v1/jwks",
        req -> FakeResponse.json(200, Map.of("keys", List.of(ec, enc, clerk.signingKey().jwk()))));
    RemoteJwksSource source = source();
    assertEquals(clerk.signingKey().publicKey(), source.key(clerk.signingKey().kid()));
    assertEquals(TokenVerificationReason.JWK_KID_MISMATCH, fail(source, "ins_enc").reason());
    assertEquals(TokenVerificationReason.JWK_KID_MISMATCH, fail(source, "ins_ec").reason());
  }

  // ---- errors ------------------------------------------------------------------------------

  @Test
  void keyWhenSecretKeyWrongThenSecretKeyInvalidWithoutRetry() {
    RemoteJwksSource source =
        new RemoteJwksSource(
            (ClerkOptions.builder()
                    .secretKey("sk_test_wrong")
                    .publishableKey(clerk.publishableKey())
                    .apiUrl(clerk.apiUrl())
                    .clock(clock)
                    .build())
                .remoteJwksConfig(),
            http,
            background::add);
    TokenVerificationException e = fail(source, clerk.signingKey().kid());
    assertEquals(TokenVerificationReason.SECRET_KEY_INVALID, e.reason());
    assertEquals("The provided Clerk Secret Key is invalid.", e.clerkMessage());
    assertEquals(CONTACT_SUPPORT, e.action());
    assertFalse(e.getMessage().contains("sk_test_wrong"));
    assertEquals(1, clerk.jwksRequestCount());
  }

  @Test
  void keyWhen503TwiceThenFailedToLoadAfterOneRetry() {
    clerk.enqueueFault("/v1/jwks", Fault.status(503));
    clerk.enqueueFault("/v1/jwks", Fault.status(503));
    TokenVerificationException e = fail(source(), clerk.signingKey().kid());
    assertEquals(TokenVerificationReason.JWK_REMOTE_FAILED_TO_LOAD, e.reason());
    assertEquals("Error loading Clerk JWKS from " + jwksUrl() + " with code=503", e.clerkMessage());
    assertEquals(CONTACT_SUPPORT, e.action());
    assertEquals(2, clerk.jwksRequestCount());
  }

  @Test
  void keyWhen503OnceThenTheRetrySucceeds() throws Exception {
    clerk.enqueueFault("/v1/jwks", Fault.status(503));
    assertEquals(clerk.signingKey().publicKey(), source().key(clerk.signingKey().kid()));
    assertEquals(2, clerk.jwksRequestCount());
  }

  @Test
  void keyWhen404ThenFailedToLoadWithoutRetry() {
    clerk.enqueueFault("/v1/jwks", Fault.respond(FakeResponse.text(404, "no such thing")));
    TokenVerificationException e = fail(source(), clerk.signingKey().kid());
    assertEquals("Error loading Clerk JWKS from " + jwksUrl() + " with code=404", e.clerkMessage());
    assertEquals(1, clerk.jwksRequestCount());
  }

  @Test
  void keyWhenGarbageThenFailedToLoad() {
    clerk.enqueueFault("/v1/jwks", Fault.garbage());
    TokenVerificationException e = fail(source(), clerk.signingKey().kid());
    assertEquals(TokenVerificationReason.JWK_REMOTE_FAILED_TO_LOAD, e.reason());
    assertEquals(
        "Error loading Clerk JWKS from " + jwksUrl() + ": the response is not a JSON Web Key Set.",
        e.clerkMessage());
    assertEquals(1, clerk.jwksRequestCount());
  }

  @Test
  void keyWhenEmptyObjectThenFailedToLoadWithClerksNoSigningKeysMessage() {
    clerk.enqueueFault("/v1/jwks", Fault.respond(FakeResponse.json(200, "{}")));
    TokenVerificationException e = fail(source(), clerk.signingKey().kid());
    assertEquals(TokenVerificationReason.JWK_REMOTE_FAILED_TO_LOAD, e.reason());
    assertEquals(
        "The JWKS endpoint did not contain any signing keys. Contact support@clerk.com.",
        e.clerkMessage());
  }

  @Test
  void keyWhenNoKeysThenFailedToLoadWithClerksMessage() {
    clerk.enqueueFault("/v1/jwks", Fault.respond(FakeResponse.json(200, "{\"keys\":[]}")));
    TokenVerificationException e = fail(source(), clerk.signingKey().kid());
    assertEquals(TokenVerificationReason.JWK_REMOTE_FAILED_TO_LOAD, e.reason());
    assertEquals(
        "The JWKS endpoint did not contain any signing keys. Contact support@clerk.com.",
        e.clerkMessage());
    assertEquals(CONTACT_SUPPORT, e.action());
  }

  @Test
  void keyWhenResponseExceedsSizeCapThenFailedToLoad() {
    Map<String, Object> padded =
        Map.of("keys", List.of(clerk.signingKey().jwk()), "pad", "x".repeat(64 * 1024));
    clerk.enqueueFault("/v1/jwks", Fault.respond(FakeResponse.json(200, padded)));
    TokenVerificationException e = fail(source(), clerk.signingKey().kid());
    assertEquals(
        "Error loading Clerk JWKS from " + jwksUrl() + ": the response is larger than 65536 bytes.",
        e.clerkMessage());
  }

  @Test
  void keyWhenClerkIsDownThenFailedToLoad() {
    FakeClerk gone = FakeClerk.start();
    String url = gone.apiUrl();
    gone.close();
    RemoteJwksSource source =
        new RemoteJwksSource(
            (ClerkOptions.builder()
                    .secretKey("sk_test_x")
                    .publishableKey(clerk.publishableKey())
                    .apiUrl(url)
                    .clock(clock)
                    .build())
                .remoteJwksConfig(),
            http,
            background::add);
    TokenVerificationException e = fail(source, "ins_1");
    assertEquals(TokenVerificationReason.JWK_REMOTE_FAILED_TO_LOAD, e.reason());
    assertTrue(
        e.clerkMessage().startsWith("Error loading Clerk JWKS from " + url + "/v1/jwks: "),
        e.clerkMessage());
    assertTrue(e.clerkMessage().endsWith("Exception."), e.clerkMessage());
  }

  @Test
  void keyWhenSlowerThanTheRequestTimeoutThenFailedToLoadWithinItWithoutRetry() {
    clerk.enqueueFault("/v1/jwks", Fault.delay(Duration.ofSeconds(3)));
    RemoteJwksSource source = source(b -> b.requestTimeout(Duration.ofMillis(200)));
    long start = System.nanoTime();
    TokenVerificationException e = fail(source, clerk.signingKey().kid());
    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    assertEquals(
        "Error loading Clerk JWKS from " + jwksUrl() + ": HttpTimeoutException.", e.clerkMessage());
    assertEquals(1, clerk.jwksRequestCount());
    // A bound, not a benchmark: the caller is released at the timeout, long before the answer.
    assertTrue(waited.compareTo(Duration.ofMillis(1500)) < 0, waited.toString());
  }

  @Test
  void keyWhen429ThenFailedToLoadWithoutRetry() {
    clerk.enqueueFault(
        "/v1/jwks",
        Fault.respond(
            FakeResponse.clerkError(429, "too_many_requests", "Slow down")
                .withHeader("Retry-After", "2")));
    TokenVerificationException e = fail(source(), clerk.signingKey().kid());
    assertEquals("Error loading Clerk JWKS from " + jwksUrl() + " with code=429", e.clerkMessage());
    assertEquals(1, clerk.jwksRequestCount());
  }

  @Test
  void keyWhenTruncatedThenFailedToLoad() {
    clerk.enqueueFault("/v1/jwks", Fault.truncate());
    clerk.enqueueFault("/v1/jwks", Fault.truncate());
    TokenVerificationException e = fail(source(), clerk.signingKey().kid());
    assertEquals(TokenVerificationReason.JWK_REMOTE_FAILED_TO_LOAD, e.reason());
    assertTrue(
        e.clerkMessage().startsWith("Error loading Clerk JWKS from " + jwksUrl() + ": "),
        e.clerkMessage());
    assertEquals(2, clerk.jwksRequestCount());
  }

  @Test
  void keyWhenConnectionDroppedOnceThenTheRetrySucceeds() throws Exception {
    clerk.enqueueFault("/v1/jwks", Fault.disconnect());
    assertEquals(clerk.signingKey().publicKey(), source().key(clerk.signingKey().kid()));
    assertEquals(2, clerk.jwksRequestCount());
  }

  // ---- stale-on-error and back-off ------------------------------------------------------

  @Test
  void keyWhenRefreshFailsThenLastGoodKeysServeUntilMaxStaleness() throws Exception {
    RemoteJwksSource source = source();
    String kid = clerk.signingKey().kid();
    source.key(kid);
    clerk.failAlways("/v1/jwks", Fault.status(503));

    clock.advance(Duration.ofMinutes(5));
    assertEquals(clerk.signingKey().publicKey(), source.key(kid));
    assertEquals(3, clerk.jwksRequestCount(), "one refresh with one retry");

    clock.advance(Duration.ofSeconds(1));
    assertEquals(clerk.signingKey().publicKey(), source.key(kid));
    assertEquals(3, clerk.jwksRequestCount(), "backing off after the failure");

    clock.set(MutableClock.START.plus(Duration.ofMinutes(59)));
    assertEquals(clerk.signingKey().publicKey(), source.key(kid));
    assertEquals(5, clerk.jwksRequestCount());

    clock.set(MutableClock.START.plus(Duration.ofMinutes(60)));
    TokenVerificationException e = fail(source, kid);
    assertEquals("Error loading Clerk JWKS from " + jwksUrl() + " with code=503", e.clerkMessage());

    clerk.clearFaults();
    clock.advance(Duration.ofSeconds(5));
    assertEquals(clerk.signingKey().publicKey(), source.key(kid));
  }

  @Test
  void keyWhenStaleAndKidUnknownThenKidMismatchWithoutFetching() throws Exception {
    RemoteJwksSource source = source();
    source.key(clerk.signingKey().kid());
    clerk.failAlways("/v1/jwks", Fault.status(500));
    clock.advance(Duration.ofMinutes(10));
    assertEquals(TokenVerificationReason.JWK_KID_MISMATCH, fail(source, "ins_other").reason());
    assertEquals(3, clerk.jwksRequestCount());
  }

  @Test
  void keyWhenMaxStalenessEqualsTtlThenNoStaleKeysServe() throws Exception {
    RemoteJwksSource source = source(b -> b.jwksMaxStaleness(Duration.ofMinutes(5)));
    source.key(clerk.signingKey().kid());
    clerk.failAlways("/v1/jwks", Fault.status(502));
    clock.advance(Duration.ofMinutes(5));
    assertEquals(
        TokenVerificationReason.JWK_REMOTE_FAILED_TO_LOAD,
        fail(source, clerk.signingKey().kid()).reason());
  }

  @Test
  void keyWhenColdFetchFailedThenBacksOffBeforeTryingAgain() throws Exception {
    RemoteJwksSource source = source();
    clerk.failAlways("/v1/jwks", Fault.status(503));
    String kid = clerk.signingKey().kid();
    fail(source, kid);
    assertEquals(2, clerk.jwksRequestCount());
    TokenVerificationException again = fail(source, kid);
    assertEquals(
        "Error loading Clerk JWKS from " + jwksUrl() + " with code=503", again.clerkMessage());
    assertEquals(2, clerk.jwksRequestCount(), "fails fast while backing off");
    clerk.clearFaults();
    clock.advance(Duration.ofSeconds(5));
    assertEquals(clerk.signingKey().publicKey(), source.key(kid));
    assertEquals(3, clerk.jwksRequestCount());
  }

  @Test
  void keyWhenUnknownKidRefetchFailsThenTheFailureIsReported() throws Exception {
    RemoteJwksSource source = source();
    source.key(clerk.signingKey().kid());
    clerk.failAlways("/v1/jwks", Fault.status(503));
    TokenVerificationException e = fail(source, "ins_new");
    assertEquals(TokenVerificationReason.JWK_REMOTE_FAILED_TO_LOAD, e.reason());
    assertEquals(clerk.signingKey().publicKey(), source.key(clerk.signingKey().kid()));
  }

  @Test
  void keyWhenFetchesKeepFailingThenEachCauseIsLoggedOnce() throws Exception {
    RecordingLogger log = new RecordingLogger();
    RemoteJwksSource source =
        new RemoteJwksSource(options(clerk).build().remoteJwksConfig(), http, background::add, log);
    String kid = clerk.signingKey().kid();
    clerk.failAlways("/v1/jwks", Fault.status(503));
    fail(source, kid);
    clock.advance(Duration.ofSeconds(5));
    fail(source, kid);
    clock.advance(Duration.ofSeconds(5));
    fail(source, kid);
    assertEquals(6, clerk.jwksRequestCount());
    List<RecordingLogger.Entry> warnings = log.at(System.Logger.Level.WARNING);
    assertEquals(1, warnings.size(), warnings.toString());
    assertEquals(
        "Loading the Clerk JWKS for "
            + source.scope()
            + " failed (jwk-remote-failed-to-load: Error loading Clerk JWKS from "
            + jwksUrl()
            + " with code=503). Keys fetched earlier keep serving for up to PT1H after their fetch."
            + " Further failures with the same cause are not logged.",
        warnings.get(0).message());

    clerk.failAlways("/v1/jwks", Fault.status(500));
    clock.advance(Duration.ofSeconds(5));
    fail(source, kid);
    assertEquals(2, log.at(System.Logger.Level.WARNING).size(), "a new cause is logged");

    clerk.clearFaults();
    clock.advance(Duration.ofSeconds(5));
    source.key(kid);
    assertEquals(
        List.of(
            new RecordingLogger.Entry(
                System.Logger.Level.INFO,
                "Loading the Clerk JWKS for " + source.scope() + " works again.")),
        log.at(System.Logger.Level.INFO));
    for (RecordingLogger.Entry e : log.entries()) {
      assertFalse(e.message().contains(clerk.secretKey()), e.message());
    }
  }

  @Test
  void keyWhenManyRequestsInTheRefreshWindowThenOneBackgroundRefreshIsScheduled() throws Exception {
    RemoteJwksSource source = source();
    source.key(clerk.signingKey().kid());
    clock.advance(Duration.ofMinutes(4));
    for (int i = 0; i < 10; i++) {
      source.key(clerk.signingKey().kid());
    }
    assertEquals(1, background.size());
    background.poll().run();
    assertEquals(2, clerk.jwksRequestCount());
    clock.advance(Duration.ofMinutes(4));
    source.key(clerk.signingKey().kid());
    assertEquals(1, background.size(), "a new refresh is scheduled once the previous one finished");
  }

  @Test
  void keyWhenBackgroundExecutorRejectsThenTheRequestStillSucceeds() throws Exception {
    RemoteJwksSource source =
        new RemoteJwksSource(
            options(clerk).build().remoteJwksConfig(),
            http,
            task -> {
              throw new java.util.concurrent.RejectedExecutionException("saturated");
            });
    source.key(clerk.signingKey().kid());
    clock.advance(Duration.ofMinutes(4));
    assertEquals(clerk.signingKey().publicKey(), source.key(clerk.signingKey().kid()));
    clock.advance(Duration.ofMinutes(1));
    assertEquals(clerk.signingKey().publicKey(), source.key(clerk.signingKey().kid()));
    assertEquals(2, clerk.jwksRequestCount(), "refreshed inline once the TTL passed");
  }

  // ---- concurrency -----------------------------------------------------------------------

  @Test
  void keyWhenHundredConcurrentColdRequestsThenOneFetch() throws Exception {
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    clerk.route(
        "GET",
        "/v1/jwks",
        req -> {
          arrived.countDown();
          assertTrue(release.await(10, TimeUnit.SECONDS));
          return FakeResponse.json(200, clerk.jwksJson());
        });
    clerk.enqueueFault("/v1/jwks", Fault.delay(Duration.ofMillis(50)));
    RemoteJwksSource source = source();
    String kid = clerk.signingKey().kid();
    int threads = 100;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch started = new CountDownLatch(threads);
      List<Future<PublicKey>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<PublicKey> task =
            () -> {
              started.countDown();
              return source.key(kid);
            };
        results.add(pool.submit(task));
      }
      assertTrue(started.await(10, TimeUnit.SECONDS));
      assertTrue(arrived.await(10, TimeUnit.SECONDS));
      release.countDown();
      for (Future<PublicKey> f : results) {
        assertEquals(clerk.signingKey().publicKey(), f.get(10, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, clerk.jwksRequestCount());
  }

  @Test
  void keyWhenManyConcurrentRequestsWithRotatedKidThenOneRefetch() throws Exception {
    RemoteJwksSource source = source(b -> b.jwksMinRefreshInterval(Duration.ZERO));
    source.key(clerk.signingKey().kid());
    FakeKey next = clerk.rotateKey();
    CountDownLatch arrived = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    clerk.route(
        "GET",
        "/v1/jwks",
        req -> {
          arrived.countDown();
          assertTrue(release.await(10, TimeUnit.SECONDS));
          return FakeResponse.json(200, clerk.jwksJson());
        });
    int threads = 50;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<PublicKey>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> source.key(next.kid())));
      }
      assertTrue(arrived.await(10, TimeUnit.SECONDS));
      release.countDown();
      for (Future<PublicKey> f : results) {
        assertEquals(next.publicKey(), f.get(10, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(2, clerk.jwksRequestCount());
  }

  // ---- isolation ---------------------------------------------------------------------------

  @Test
  void keyWhenKidBelongsToAnotherInstanceThenKidMismatch() throws Exception {
    try (FakeClerk other = FakeClerk.builder().clock(clock).start()) {
      RemoteJwksSource mine = source();
      RemoteJwksSource theirs =
          new RemoteJwksSource(options(other).build().remoteJwksConfig(), http, background::add);
      assertEquals(other.signingKey().publicKey(), theirs.key(other.signingKey().kid()));
      assertEquals(
          TokenVerificationReason.JWK_KID_MISMATCH, fail(mine, other.signingKey().kid()).reason());
      assertEquals(
          TokenVerificationReason.JWK_KID_MISMATCH,
          fail(theirs, clerk.signingKey().kid()).reason());
      assertEquals(
          1, clerk.jwksRequestCount(), "a cold fetch that misses the kid does not refetch");
      assertEquals(2, other.jwksRequestCount(), "one fetch, one unknown-kid refetch");
    }
  }

  @Test
  void keyWhenSameKidOnTwoInstancesThenEachServesItsOwnKey() throws Exception {
    try (FakeClerk other = FakeClerk.builder().clock(clock).start()) {
      String sharedKid = clerk.signingKey().kid();
      FakeKey impostor = other.foreignKey(sharedKid);
      other.route(
          "GET",
          "/v1/jwks",
          req -> FakeResponse.json(200, Map.of("keys", List.of(impostor.jwk()))));
      RemoteJwksSource mine = source();
      RemoteJwksSource theirs =
          new RemoteJwksSource(options(other).build().remoteJwksConfig(), http, background::add);
      assertEquals(impostor.publicKey(), theirs.key(sharedKid));
      assertEquals(clerk.signingKey().publicKey(), mine.key(sharedKid));
      assertNotEquals(mine.key(sharedKid), theirs.key(sharedKid));
    }
  }

  @Test
  void scopeWhenSecretOrApiDiffersThenDiffersAndNeverShowsTheSecret() {
    RemoteJwksSource a = source();
    RemoteJwksSource b =
        new RemoteJwksSource(
            (options(clerk).build().toBuilder().secretKey("sk_test_other").build())
                .remoteJwksConfig(),
            http,
            background::add);
    RemoteJwksSource c =
        new RemoteJwksSource(
            options(clerk).apiVersion("v2").build().remoteJwksConfig(), http, background::add);
    assertNotEquals(a.scope(), b.scope());
    assertNotEquals(a.scope(), c.scope());
    assertEquals(a.scope(), source().scope());
    assertFalse(a.toString().contains(clerk.secretKey()));
    assertFalse(a.scope().toString().contains(clerk.secretKey()));
    assertFalse(b.toString().contains("sk_test_other"));
    assertTrue(
        a.toString().startsWith("JwksSource.remote(" + clerk.apiUrl() + "/v1 (secret key sha256 "),
        a.toString());
  }

  @Test
  void jwksUriWhenApiUrlHasAPathThenVersionAndJwksAreAppended() {
    RemoteJwksSource s =
        new RemoteJwksSource(
            (ClerkOptions.builder()
                    .secretKey("sk_test_x")
                    .publishableKey(clerk.publishableKey())
                    .apiUrl("https://proxy.example/clerk/")
                    .apiVersion("v1")
                    .build())
                .remoteJwksConfig(),
            http,
            background::add);
    assertEquals("https://proxy.example/clerk/v1/jwks", s.jwksUri().toString());
  }

  @Test
  void constructorWhenNoSecretKeyThenFailsNamingTheSetting() {
    ClerkOptions pemOnly =
        ClerkOptions.builder()
            .jwtKey(clerk.signingKey().publicKeyPem())
            .publishableKey(clerk.publishableKey())
            .build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new RemoteJwksSource(pemOnly.remoteJwksConfig(), http, background::add));
    assertEquals(
        "A remote JWKS needs the secret key (CLERK_SECRET_KEY, init-param secret-key)",
        e.getMessage());
  }
}
