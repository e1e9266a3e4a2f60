package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.PublishableKey;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeResponse;
import dev.clerk.jakarta.testing.Fault;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Clerk failing (JWKS, Backend API) seen through the filter in embedded Jetty and Tomcat with a
 * real {@code web.xml}: a protected path answers 503 when Clerk cannot decide and 401 when the
 * client's credential is refused, never 500; a public path continues anonymously; nothing is signed
 * in that should not be; no request waits past the request timeout; and it all recovers without a
 * restart.
 */
class ClerkFilterOutageTest {
  private static final Duration TIMEOUT = Duration.ofMillis(1000);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** Every answer of this class, by status: the figures of issue 10 (see {@link #report()}). */
  private static final Map<Integer, AtomicInteger> STATUSES = new ConcurrentHashMap<>();

  private static final AtomicInteger FALSE_ACCEPTS = new AtomicInteger();
  private static final AtomicInteger FAULTS = new AtomicInteger();

  private final TestClock clock = new TestClock();
  private final FakeClerk fake = FakeClerk.builder().production().clock(clock).start();
  private EmbeddedContainer.Deployment app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    fake.close();
  }

  @AfterAll
  static void report(TestReporter reporter) {
    int total = STATUSES.values().stream().mapToInt(AtomicInteger::get).sum();
    reporter.publishEntry(
        Map.of(
            "faultsInjected",
            Integer.toString(FAULTS.get()),
            "requests",
            Integer.toString(total),
            "statuses",
            new TreeMap<>(STATUSES).toString(),
            "falseAccepts",
            Integer.toString(FALSE_ACCEPTS.get())));
    assertEquals(0, STATUSES.getOrDefault(500, new AtomicInteger()).get(), "500 answers");
    assertEquals(0, FALSE_ACCEPTS.get(), "false accepts");
  }

  private void deploy(EmbeddedContainer container) throws Exception {
    ApplicationClerkListener.clock = clock;
    app =
        container.deploy(
            "/app",
            WebXmlApps.app(
                WebXmlApps.applicationClerk(fake, TIMEOUT.toMillis())
                    + WebXmlApps.filter("clerk", "")));
  }

  private void fault(String path, Fault f) {
    FAULTS.incrementAndGet();
    fake.failAlways(path, f);
  }

  /**
   * Sends the request, counts its status, and checks it took no longer than the timeout (plus
   * slack).
   */
  private RawResponse send(String path, String... headers) throws Exception {
    long start = System.nanoTime();
    RawResponse r = app.send(path, headers);
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    STATUSES.computeIfAbsent(r.status(), s -> new AtomicInteger()).incrementAndGet();
    assertTrue(took.compareTo(TIMEOUT.plusMillis(1500)) < 0, path + " took " + took);
    assertTrue(r.status() != 500, r.status() + " " + r.body());
    return r;
  }

  /** A request whose credential must not sign in: counts a false accept if it did. */
  private RawResponse refused(String path, String... headers) throws Exception {
    RawResponse r = send(path, headers);
    if (r.status() == 200 && !r.body().contains("principal=anonymous")) {
      FALSE_ACCEPTS.incrementAndGet();
    }
    return r;
  }

  private String bearer() {
    return "Authorization: Bearer " + fake.sessionToken().subject("user_ok").sign();
  }

  private static String random() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  enum JwksFault {
    DOWN(Fault::disconnect),
    SLOW(() -> Fault.delay(Duration.ofSeconds(3))),
    STATUS_503(() -> Fault.status(503)),
    GARBAGE(Fault::garbage),
    TRUNCATED(Fault::truncate);

    final Supplier<Fault> fault;

    JwksFault(Supplier<Fault> fault) {
      this.fault = fault;
    }
  }

  @ParameterizedTest
  @EnumSource(EmbeddedContainer.class)
  void doFilterWhenJwksFailsWithColdCacheThen503OnProtectedAnonymousOnPublicAndRecovers(
      EmbeddedContainer c) throws Exception {
    deploy(c);
    for (JwksFault f : JwksFault.values()) {
      fault("/v1/jwks", f.fault.get());
      RawResponse protectedPath = send("/app/api/whoami", bearer());
      RawResponse publicPath = send("/app/whoami", bearer());
      assertEquals(503, protectedPath.status(), f + ": " + protectedPath.body());
      assertEquals(200, publicPath.status(), f.name());
      assertTrue(publicPath.body().contains("principal=anonymous"), publicPath.body());
      fake.clearFaults();
      clock.advance(Duration.ofSeconds(5)); // the failure back-off; the cache stays cold
      assertEquals(200, send("/app/api/whoami", bearer()).status(), f.name());
      app.undeploy();
      app.close();
      deploy(c); // cold again for the next fault
    }
  }

  @ParameterizedTest
  @EnumSource(EmbeddedContainer.class)
  void doFilterWhenJwksFailsWithWarmCacheThenSignedInUntilTheMaximumStaleness(EmbeddedContainer c)
      throws Exception {
    deploy(c);
    assertEquals(200, send("/app/api/whoami", bearer()).status());
    for (JwksFault f : JwksFault.values()) {
      fault("/v1/jwks", f.fault.get());
      clock.advance(Duration.ofMinutes(6)); // past the 5-minute TTL, within the 1-hour staleness
      RawResponse r = send("/app/api/whoami", bearer());
      assertEquals(200, r.status(), f + ": " + r.body());
      assertTrue(r.body().contains("principal=user_ok"), r.body());
    }
    clock.advance(Duration.ofHours(1));
    assertEquals(503, send("/app/api/whoami", bearer()).status());
  }

  @ParameterizedTest
  @EnumSource(EmbeddedContainer.class)
  void doFilterWhenBackendApiFailsDuringNonceResolutionThenSignedOutNever500(EmbeddedContainer c)
      throws Exception {
    deploy(c);
    for (Fault f :
        new Fault[] {
          Fault.respond(
              FakeResponse.clerkError(429, "too_many_requests", "slow down")
                  .withHeader("Retry-After", "2")),
          Fault.status(503),
          Fault.delay(Duration.ofSeconds(3))
        }) {
      fault("/v1/clients/handshake_payload", f);
      for (int i = 0; i < 5; i++) {
        String nonce = "?__clerk_handshake_nonce=" + random();
        assertEquals(200, refused("/app/whoami" + nonce, "Sec-Fetch-Dest: document").status());
        assertEquals(401, refused("/app/api/whoami" + nonce, "Accept: application/json").status());
      }
      fake.clearFaults();
      clock.advance(Duration.ofMinutes(1));
    }
    String nonce = random();
    fake.putHandshakePayload(
        nonce, "__session=" + fake.sessionToken().subject("user_nonce").sign() + "; Path=/");
    RawResponse back = send("/app/api/whoami?__clerk_handshake_nonce=" + nonce);
    assertEquals(200, back.status(), back.body());
  }

  @ParameterizedTest
  @EnumSource(EmbeddedContainer.class)
  void doFilterWhenBackendApiFailsDuringMachineTokenVerificationThen503Never500(EmbeddedContainer c)
      throws Exception {
    deploy(c);
    Map<String, String> paths =
        Map.of(
            "ak_",
            "/api_keys/verify",
            "mt_",
            "/m2m_tokens/verify",
            "oat_",
            "/oauth_applications/access_tokens/verify");
    for (Map.Entry<String, String> kind : paths.entrySet()) {
      fault(
          kind.getValue(),
          Fault.respond(FakeResponse.clerkError(429, "too_many_requests", "slow down")));
      for (int i = 0; i < 5; i++) {
        assertEquals(
            503,
            refused("/app/api/whoami", "Authorization: Bearer " + kind.getKey() + random())
                .status());
      }
      fake.clearFaults();
      clock.advance(Duration.ofMinutes(1));
      // Clerk answers again: an unknown token is refused (401), not "could not decide" (503).
      assertEquals(
          401,
          refused("/app/api/whoami", "Authorization: Bearer " + kind.getKey() + random()).status());
    }
  }

  @ParameterizedTest
  @EnumSource(EmbeddedContainer.class)
  void doFilterWhenBackendApiFailsDuringRefreshThenNotSignedInNever500(EmbeddedContainer c)
      throws Exception {
    deploy(c);
    String suffix = PublishableKey.parse(fake.publishableKey()).cookieSuffix();
    fake.backendApi().registerRefreshToken("refresh_ok", "sess_ok", "user_ok");
    for (Fault f :
        new Fault[] {Fault.status(429), Fault.status(502), Fault.delay(Duration.ofSeconds(3))}) {
      fault("/v1/sessions/sess_ok/refresh", f);
      String expired =
          fake.sessionToken()
              .subject("user_ok")
              .sessionId("sess_ok")
              .shiftTimes(Duration.ofMinutes(-10))
              .sign();
      RawResponse r =
          refused(
              "/app/api/whoami",
              "Sec-Fetch-Dest: document",
              "Accept: text/html",
              "Cookie: __client_uat=1; __session="
                  + expired
                  + "; __refresh_"
                  + suffix
                  + "=refresh_ok");
      // A handshake redirect (Clerk refreshes the browser itself) or a refusal; never a 500.
      assertTrue(r.status() == 307 || r.status() == 401, r.status() + " " + r.body());
      fake.clearFaults();
      clock.advance(Duration.ofMinutes(1));
    }
  }
}
