package dev.clerk.jakarta.core.authn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.backend.ClerkApiException;
import dev.clerk.jakarta.core.backend.ClerkError;
import dev.clerk.jakarta.core.token.MutableClock;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.text.MessageFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackendLookupTest {
  private final MutableClock clock = new MutableClock();
  private final Logs log = new Logs();
  private final AtomicInteger calls = new AtomicInteger();
  private final ExecutorService pool = Executors.newFixedThreadPool(16);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** A logger keeping what was logged at DEBUG and above, formatted. */
  static final class Logs implements System.Logger {
    record Entry(Level level, String message) {}

    final List<Entry> entries = new CopyOnWriteArrayList<>();

    List<String> at(Level level) {
      return entries.stream().filter(e -> e.level() == level).map(Entry::message).toList();
    }

    @Override
    public String getName() {
      return "test";
    }

    @Override
    public boolean isLoggable(Level level) {
      return true;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      entries.add(new Entry(level, msg));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      entries.add(
          new Entry(
              level,
              params == null || params.length == 0
                  ? format
                  : MessageFormat.format(format, params)));
    }
  }

  private BackendLookup<String> lookup(Duration timeout) {
    return new BackendLookup<>("test", clock, timeout, log);
  }

  private static ClerkApiException api(int status, @Nullable Duration retryAfter) {
    return new ClerkApiException(
        "Clerk Backend API GET /v1/x answered HTTP " + status,
        status,
        List.of(new ClerkError("some_code", "m", null, java.util.Map.of())),
        null,
        retryAfter);
  }

  private CompletableFuture<String> answer(String value) {
    calls.incrementAndGet();
    return CompletableFuture.completedFuture(value);
  }

  private CompletableFuture<String> fail(Throwable t) {
    calls.incrementAndGet();
    return CompletableFuture.failedFuture(t);
  }

  @Test
  void getWhenClerkAnswersThenValueFromOneCall() throws Exception {
    assertEquals("v", lookup(Duration.ofSeconds(1)).get("k", k -> answer("v")));
    assertEquals(1, calls.get());
  }

  @Test
  void getWhenManyConcurrentCallersForOneKeyThenOneCall() throws Exception {
    BackendLookup<String> lookup = lookup(Duration.ofSeconds(30));
    CompletableFuture<String> slow = new CompletableFuture<>();
    List<Thread> callers = new CopyOnWriteArrayList<>();
    ExecutorService fifty =
        Executors.newFixedThreadPool(
            50,
            r -> {
              Thread t = new Thread(r);
              callers.add(t);
              return t;
            });
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        results.add(
            fifty.submit(
                () ->
                    lookup.get(
                        "same",
                        k -> {
                          calls.incrementAndGet();
                          return slow;
                        })));
      }
      // Every caller waits (with its timeout) on the one call before it answers.
      while (callers.size() < 50
          || !callers.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING)) {
        Thread.onSpinWait();
      }
      slow.complete("shared");
      for (Future<String> f : results) {
        assertEquals("shared", f.get(5, TimeUnit.SECONDS));
      }
      assertEquals(1, calls.get());
    } finally {
      fifty.shutdownNow();
    }
  }

  @Test
  void getWhen429ThenFailsAtOnceWithoutCallsUntilTheBackoffEnds() {
    BackendLookup<String> lookup = lookup(Duration.ofSeconds(1));
    BackendLookup.Failure first =
        assertThrows(
            BackendLookup.Failure.class,
            () -> lookup.get("a", k -> fail(api(429, Duration.ofSeconds(2)))));
    assertEquals(BackendLookup.Outcome.FAILED, first.outcome());

    for (int i = 0; i < 100; i++) {
      String key = "k" + i;
      BackendLookup.Failure f =
          assertThrows(BackendLookup.Failure.class, () -> lookup.get(key, k -> answer("v")));
      assertEquals(BackendLookup.Outcome.BACKING_OFF, f.outcome());
      assertEquals(
          "test: not asked, Clerk's Backend API is paused after a failure (HTTP 429 some_code)",
          f.getMessage());
    }
    assertEquals(1, calls.get());
    assertEquals(
        List.of(
            "Clerk: test lookups failed (HTTP 429 some_code); they pause for PT5S (requests that need"
                + " one are signed out meanwhile), then one is tried again. Logged once per cause."),
        log.at(System.Logger.Level.WARNING));
  }

  @Test
  void getWhenRetryAfterLongerThanTheMinimumThenPausesThatLongUpToTheMaximum() throws Exception {
    BackendLookup<String> lookup = lookup(Duration.ofSeconds(1));
    assertThrows(
        BackendLookup.Failure.class,
        () -> lookup.get("a", k -> fail(api(503, Duration.ofSeconds(30)))));
    clock.advance(Duration.ofSeconds(29));
    assertEquals(
        BackendLookup.Outcome.BACKING_OFF,
        assertThrows(BackendLookup.Failure.class, () -> lookup.get("b", k -> answer("v")))
            .outcome());
    clock.advance(Duration.ofSeconds(1));
    assertEquals("v", lookup.get("b", k -> answer("v")));

    assertThrows(
        BackendLookup.Failure.class,
        () -> lookup.get("c", k -> fail(api(503, Duration.ofHours(1)))));
    clock.advance(BackendLookup.MAX_BACKOFF);
    assertEquals("v", lookup.get("d", k -> answer("v")));
  }

  @Test
  void getWhenBackoffEndsThenOneProbeWhileOthersStillFailAtOnce() throws Exception {
    BackendLookup<String> lookup = lookup(Duration.ofSeconds(5));
    assertThrows(
        BackendLookup.Failure.class, () -> lookup.get("a", k -> fail(new IOException("reset"))));
    clock.advance(BackendLookup.MIN_BACKOFF);
    CompletableFuture<String> probe = new CompletableFuture<>();
    Future<String> prober =
        pool.submit(
            () ->
                lookup.get(
                    "probe",
                    k -> {
                      calls.incrementAndGet();
                      return probe;
                    }));
    while (lookup.inFlight() == 0) {
      Thread.onSpinWait();
    }
    assertEquals(
        BackendLookup.Outcome.BACKING_OFF,
        assertThrows(BackendLookup.Failure.class, () -> lookup.get("other", k -> answer("v")))
            .outcome());
    probe.complete("back");
    assertEquals("back", prober.get(5, TimeUnit.SECONDS));
    assertEquals("v", lookup.get("other", k -> answer("v")));
    assertEquals(3, calls.get());
    assertEquals(List.of("Clerk: test lookups work again."), log.at(System.Logger.Level.INFO));
  }

  @Test
  void getWhen404ThenTheAnswerIsRememberedAndNotAskedAgain() {
    BackendLookup<String> lookup = lookup(Duration.ofSeconds(1));
    for (int i = 0; i < 10; i++) {
      BackendLookup.Failure f =
          assertThrows(
              BackendLookup.Failure.class, () -> lookup.get("stale", k -> fail(api(404, null))));
      assertEquals(BackendLookup.Outcome.ANSWERED, f.outcome());
      assertEquals(404, assertInstanceOf(ClerkApiException.class, f.getCause()).statusCode());
    }
    assertEquals(1, calls.get());
    clock.advance(BackendLookup.ANSWER_TTL);
    assertThrows(BackendLookup.Failure.class, () -> lookup.get("stale", k -> fail(api(404, null))));
    assertEquals(2, calls.get());
    // Clerk answered: no back-off, nothing above DEBUG.
    assertEquals(List.of(), log.at(System.Logger.Level.WARNING));
  }

  @Test
  void getWhenManyDistinctAnswersThenRememberedAnswersStayBounded() {
    BackendLookup<String> lookup = lookup(Duration.ofSeconds(1));
    for (int i = 0; i < 5000; i++) {
      String key = "unknown" + i;
      assertThrows(BackendLookup.Failure.class, () -> lookup.get(key, k -> fail(api(404, null))));
    }
    assertTrue(
        lookup.rememberedAnswers() <= BackendLookup.MAX_ANSWERS,
        String.valueOf(lookup.rememberedAnswers()));
    assertEquals(0, lookup.inFlight());
  }

  @Test
  void getWhen401ThenErrorOnceForTheOperator() {
    BackendLookup<String> lookup = lookup(Duration.ofSeconds(1));
    assertThrows(BackendLookup.Failure.class, () -> lookup.get("a", k -> fail(api(401, null))));
    clock.advance(BackendLookup.MIN_BACKOFF);
    assertThrows(BackendLookup.Failure.class, () -> lookup.get("b", k -> fail(api(401, null))));
    assertEquals(1, log.at(System.Logger.Level.ERROR).size());
    assertEquals(2, calls.get());
  }

  @Test
  void getWhenTheCallIsSlowerThanTheTimeoutThenTheCallerWaitsNoLonger() {
    BackendLookup<String> lookup = lookup(Duration.ofMillis(200));
    long start = System.nanoTime();
    BackendLookup.Failure f =
        assertThrows(
            BackendLookup.Failure.class, () -> lookup.get("a", k -> new CompletableFuture<>()));
    Duration waited = Duration.ofNanos(System.nanoTime() - start);
    assertEquals(BackendLookup.Outcome.TIMED_OUT, f.outcome());
    assertEquals("test: no answer within PT0.2S", f.getMessage());
    // A bound, not a benchmark: released at the timeout, never held by the call.
    assertTrue(waited.compareTo(Duration.ofSeconds(2)) < 0, waited.toString());
  }

  @Test
  void getWhenAllSlotsAreTakenThenBusyWithinTheTimeout() throws Exception {
    BackendLookup<String> lookup = lookup(Duration.ofMillis(200));
    List<CompletableFuture<String>> hanging = new ArrayList<>();
    List<Future<?>> holders = new ArrayList<>();
    for (int i = 0; i < BackendLookup.MAX_IN_FLIGHT; i++) {
      String key = "held" + i;
      CompletableFuture<String> h = new CompletableFuture<>();
      hanging.add(h);
      holders.add(
          pool.submit(
              () -> assertThrows(BackendLookup.Failure.class, () -> lookup.get(key, k -> h))));
    }
    while (lookup.inFlight() < BackendLookup.MAX_IN_FLIGHT) {
      Thread.onSpinWait();
    }
    BackendLookup.Failure f =
        assertThrows(BackendLookup.Failure.class, () -> lookup.get("one more", k -> answer("v")));
    assertEquals(BackendLookup.Outcome.BUSY, f.outcome());
    assertEquals(0, calls.get());
    for (CompletableFuture<String> h : hanging) {
      h.completeExceptionally(new HttpTimeoutException("late"));
    }
    for (Future<?> h : holders) {
      h.get(5, TimeUnit.SECONDS);
    }
    assertEquals(0, lookup.inFlight());
  }
}
