package dev.clerk.jakarta.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.AuthStatus;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.testing.FakeClerk;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Clerk#close()}: what it stops, what it leaves alone, and what a closed Clerk still does.
 */
class ClerkLifecycleTest {
  private final FakeClerk fake = FakeClerk.start();

  @AfterEach
  void stop() {
    fake.close();
  }

  private Clerk.Builder builder() {
    return Clerk.builder()
        .secretKey(fake.secretKey())
        .publishableKey(fake.publishableKey())
        .apiUrl(fake.apiUrl());
  }

  private ClerkRequest bearer(String token) {
    return ClerkRequest.builder()
        .url("https://app.example.com/api")
        .header("Authorization", "Bearer " + token)
        .build();
  }

  /**
   * An organization-sync pattern that is not a regular expression: the request flow, built last,
   * refuses it.
   */
  private static final List<String> BROKEN_PATTERN = List.of("/orgs/:slug/(");

  /**
   * The threads a failed construction may have started and must have stopped: the Clerk's own and,
   * on Java 21 or later (where it can be shut down), the selector thread of the HttpClient it made.
   * On Java 17 that thread cannot be stopped; it ends once the unreachable client is collected.
   */
  private static List<String> leftBehind(Set<Thread> before) {
    boolean closable = Runtime.version().feature() >= 21;
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> !before.contains(t) && t.isAlive())
        .map(Thread::getName)
        .filter(n -> n.startsWith("clerk-jakarta-") || closable && n.startsWith("HttpClient-"))
        .sorted()
        .toList();
  }

  @Test
  void buildWhenAStepAfterTheExecutorsFailsThenItsThreadsAreStopped() {
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> builder().configure(o -> o.organizationPatterns(BROKEN_PATTERN)).build());

    assertTrue(e.getMessage().startsWith("Invalid pattern \"/orgs/:slug/(\": "), e.getMessage());
    assertEquals(List.of(), leftBehind(before));
  }

  @Test
  void createWhenAStepAfterTheExecutorsFailsThenItsThreadsAreStopped() {
    ClerkOptions options =
        ClerkOptions.builder()
            .secretKey(fake.secretKey())
            .publishableKey(fake.publishableKey())
            .apiUrl(fake.apiUrl())
            .organizationPatterns(BROKEN_PATTERN)
            .build();
    Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());

    assertThrows(IllegalArgumentException.class, () -> Clerk.create(options));

    assertEquals(List.of(), leftBehind(before));
  }

  @Test
  void closeWhenCalledTwiceThenClosedOnceAndItsExecutorRefusesWork() {
    Clerk clerk = builder().build();
    assertEquals(
        AuthStatus.SIGNED_IN,
        clerk.authenticateRequest(bearer(fake.sessionToken().sign())).status());
    assertFalse(clerk.isClosed());

    clerk.close();
    clerk.close();

    assertTrue(clerk.isClosed());
    assertThrows(
        RejectedExecutionException.class,
        () -> clerk.httpClient().executor().orElseThrow().execute(() -> {}));
  }

  @Test
  void closeWhenTheHttpClientWasTheCallersThenItKeepsWorking() throws Exception {
    ExecutorService callersPool = Executors.newFixedThreadPool(2);
    try {
      HttpClient callers =
          HttpClient.newBuilder()
              .executor(callersPool)
              .connectTimeout(Duration.ofSeconds(2))
              .build();
      Clerk clerk = builder().httpClient(callers).build();
      assertEquals(
          AuthStatus.SIGNED_IN,
          clerk.authenticateRequest(bearer(fake.sessionToken().sign())).status());

      clerk.close();

      HttpResponse<String> still =
          callers.send(
              HttpRequest.newBuilder(URI.create(fake.apiUrl() + "/v1/jwks"))
                  .header("Authorization", "Bearer " + fake.secretKey())
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, still.statusCode());
      assertFalse(callersPool.isShutdown());
    } finally {
      callersPool.shutdownNow();
    }
  }

  @Test
  void authenticateRequestWhenClosedThenCachedKeysStillVerifyAndCallsAreSignedOutNotThrown() {
    Clerk clerk = builder().build();
    String cached = fake.sessionToken().subject("user_before").sign();
    assertEquals(AuthStatus.SIGNED_IN, clerk.authenticateRequest(bearer(cached)).status());
    clerk.close();

    // The key set is cached: no call needed.
    assertEquals(
        AuthStatus.SIGNED_IN,
        clerk.authenticateRequest(bearer(fake.sessionToken().sign())).status());
    // A rotated key needs a fetch, which a closed Clerk cannot make.
    fake.rotateKey();
    long start = System.nanoTime();
    assertEquals(
        AuthReason.of("jwk-remote-failed-to-load"),
        clerk.authenticateRequest(bearer(fake.sessionToken().sign())).reason());
    // At once, not after the request timeout: a closed Clerk does not try.
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(took.compareTo(clerk.options().requestTimeout()) < 0, took.toString());
    // A Backend API call fails with an IOException.
    IOException e = assertThrows(IOException.class, () -> clerk.backendApi().jwks());
    assertTrue(e.getMessage().contains("closed"), e.getMessage());
  }
}
