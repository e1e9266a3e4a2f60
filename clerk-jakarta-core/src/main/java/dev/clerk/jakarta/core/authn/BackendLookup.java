package dev.clerk.jakarta.core.authn;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.clerk.jakarta.core.backend.ClerkApiException;
import dev.clerk.jakarta.core.internal.http.Deadline;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One kind of Backend API call that a client's request causes (handshake payload, API key, M2M or
 * OAuth token verification, session refresh), bounded so that no client can use it to multiply the
 * traffic to Clerk or to hold request threads:
 *
 * <ul>
 *   <li>never retried: the call passed in is made once (the caller gives a client without retries);
 *   <li>single flight: concurrent lookups of one key share one call;
 *   <li>at most {@value #MAX_IN_FLIGHT} calls at once; a caller waits for a slot only within its
 *       time;
 *   <li>a definitive answer for a key (a 4xx other than 401, 403 and 429: an unknown nonce or
 *       token) is remembered for {@link #ANSWER_TTL} (at most {@value #MAX_ANSWERS} keys), so that
 *       a replayed stale value causes no second call;
 *   <li>a failure saying Clerk is unwell or refuses this instance (429, 5xx, 401, 403, a malformed
 *       answer, a timeout, a transport failure) opens a back-off of the {@code Retry-After} Clerk
 *       sent, at least {@link #MIN_BACKOFF} and at most {@link #MAX_BACKOFF}: meanwhile lookups
 *       fail at once, without a call; after it one probe call goes through, and the others keep
 *       failing at once until it has answered;
 *   <li>every caller waits at most the timeout ({@code http-timeout-ms}) from its own start, or the
 *       time left of its request's {@link Deadline} when that is shorter: for a slot, a shared call
 *       or its own. The call itself keeps its own timeout (other callers may share it).
 * </ul>
 *
 * <p>Back-offs are logged once per cause, at ERROR when Clerk refuses the secret key (401, 403: the
 * operator's to fix), else at WARNING, and the recovery at INFO; keys (nonces, token hashes) are
 * never logged. The back-off follows the options' clock. Thread-safe.
 *
 * @param <V> the looked-up value
 */
final class BackendLookup<V> {
  static final int MAX_IN_FLIGHT = 8;
  static final int MAX_ANSWERS = 1024;
  static final Duration ANSWER_TTL = Duration.ofSeconds(60);
  static final Duration MIN_BACKOFF = Duration.ofSeconds(5);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

  /** Why a lookup gave no value. */
  enum Outcome {
    /** No call: the value cannot be one Clerk issued (see {@link Plausible}). */
    REFUSED,
    /** Clerk answered an error for this key (e.g. 404), now or within {@link #ANSWER_TTL}. */
    ANSWERED,
    /** No call: a back-off after a failure is running, or its probe call is. */
    BACKING_OFF,
    /** No call: {@value #MAX_IN_FLIGHT} calls were running for the caller's whole time. */
    BUSY,
    /** The caller's time ran out before the call answered. */
    TIMED_OUT,
    /** The call failed (429, 5xx, 401, 403, transport failure, malformed answer). */
    FAILED
  }

  /** A lookup without a value. Its message names the lookup and the outcome, never the key. */
  static final class Failure extends Exception {
    private static final long serialVersionUID = 1L;
    private final Outcome outcome;
    private final String message;

    Failure(Outcome outcome, String message, @Nullable Throwable cause) {
      super(message, cause);
      this.outcome = outcome;
      this.message = message;
    }

    /** {@return the lookup and its outcome; never null} */
    @Override
    public String getMessage() {
      return message;
    }

    Outcome outcome() {
      return outcome;
    }

    /** {@return true when Clerk did not answer this lookup (back-off, busy, timed out)} */
    boolean noAnswer() {
      return outcome == Outcome.BACKING_OFF
          || outcome == Outcome.BUSY
          || outcome == Outcome.TIMED_OUT;
    }

    /** {@return a failure for a value that cannot be one Clerk issued} */
    static Failure refused(String what) {
      return new Failure(
          Outcome.REFUSED, what + ": not asked, the value cannot be one Clerk issued", null);
    }
  }

  private final String what;
  private final Clock clock;
  private final long timeoutNanos;
  private final System.Logger log;
  private final Semaphore slots = new Semaphore(MAX_IN_FLIGHT);
  private final Map<String, CompletableFuture<V>> inFlight = new ConcurrentHashMap<>();
  private final Cache<String, Throwable> answers;
  private final Object state = new Object();
  private long backoffUntilMillis = Long.MIN_VALUE;
  private boolean probing;
  private @Nullable String loggedCause;

  /**
   * @param what the lookup, for messages (e.g. {@code "handshake payload"})
   * @param clock the options' clock (back-off and remembered answers)
   * @param timeout the most a caller waits
   */
  BackendLookup(String what, Clock clock, Duration timeout, System.Logger log) {
    this.what = what;
    this.clock = clock;
    this.timeoutNanos = timeout.toNanos();
    this.log = log;
    this.answers =
        Caffeine.newBuilder()
            .maximumSize(MAX_ANSWERS)
            .expireAfterWrite(ANSWER_TTL)
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
            .executor(Runnable::run) // not the JDK-global common pool
            .build();
  }

  /**
   * {@return the value for {@code key}, from a call made at most once for all concurrent callers}
   *
   * @param key what is looked up (a nonce, or a hash of a token: it stays in memory a while)
   * @param call starts the one call
   * @throws Failure when there is no value; its cause is Clerk's answer or the transport failure
   */
  V get(String key, Function<String, CompletableFuture<V>> call) throws Failure {
    // The request's deadline (an earlier call of the same request took some of its time) or the
    // timeout.
    boolean cut = Deadline.cuts(timeoutNanos);
    long deadline = System.nanoTime() + Deadline.boundNanos(timeoutNanos);
    Throwable answered = answers.getIfPresent(key);
    if (answered != null) {
      throw new Failure(Outcome.ANSWERED, what + ": Clerk answered this one recently", answered);
    }
    CompletableFuture<V> shared = inFlight.get(key);
    if (shared != null) {
      return await(shared, deadline, cut);
    }
    boolean probe = admit();
    boolean slot;
    try {
      slot = slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      slot = false;
    }
    if (!slot) {
      endProbe(probe);
      throw new Failure(
          Outcome.BUSY,
          what + ": " + MAX_IN_FLIGHT + " lookups are already waiting for Clerk",
          null);
    }
    if (!probe) {
      try {
        // A back-off may have opened while this caller waited for its slot.
        probe = admit();
      } catch (Failure f) {
        slots.release();
        throw f;
      }
    }
    CompletableFuture<V> mine = new CompletableFuture<>();
    CompletableFuture<V> raced = inFlight.putIfAbsent(key, mine);
    if (raced != null) {
      slots.release();
      endProbe(probe);
      return await(raced, deadline, cut);
    }
    CompletableFuture<V> started;
    try {
      started = Objects.requireNonNull(call.apply(key), "call");
    } catch (RuntimeException e) {
      started = CompletableFuture.failedFuture(e);
    }
    // Bookkeeping only: callers wait on started itself, and this stage's own future has nothing
    // more.
    CompletableFuture<V> unused =
        started.whenComplete(
            (value, error) -> {
              try {
                if (error == null) {
                  recordSuccess();
                } else {
                  record(key, unwrap(error));
                }
              } finally {
                inFlight.remove(key, mine);
                slots.release();
                if (error == null) {
                  mine.complete(value);
                } else {
                  mine.completeExceptionally(unwrap(error));
                }
              }
            });
    return await(mine, deadline, cut);
  }

  /** {@return true when this caller makes the probe call after a back-off} */
  private boolean admit() throws Failure {
    synchronized (state) {
      if (backoffUntilMillis == Long.MIN_VALUE) {
        return false;
      }
      if (probing || clock.millis() < backoffUntilMillis) {
        throw new Failure(
            Outcome.BACKING_OFF,
            what
                + ": not asked, Clerk's Backend API is paused after a failure ("
                + loggedCause
                + ")",
            null);
      }
      probing = true;
      return true;
    }
  }

  private void endProbe(boolean probe) {
    if (probe) {
      synchronized (state) {
        probing = false;
      }
    }
  }

  private V await(CompletableFuture<V> call, long deadline, boolean cut) throws Failure {
    try {
      return call.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      // The call goes on (its own timeout ends it); this caller stops waiting.
      throw new Failure(
          Outcome.TIMED_OUT,
          what
              + ": no answer within "
              + (cut ? "the request's time left" : Duration.ofNanos(timeoutNanos)),
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure(Outcome.TIMED_OUT, what + ": interrupted while waiting for Clerk", e);
    } catch (ExecutionException e) {
      Throwable cause = unwrap(e);
      Outcome outcome =
          opensBackoff(cause)
                  || (cause instanceof RuntimeException && !(cause instanceof ClerkApiException))
              ? Outcome.FAILED
              : Outcome.ANSWERED;
      throw new Failure(outcome, what + ": " + describe(cause), cause);
    }
  }

  /** {@return whether this failure says Clerk is unwell or refuses this instance} */
  static boolean opensBackoff(Throwable cause) {
    if (cause instanceof ClerkApiException e) {
      int s = e.statusCode();
      return s == 401 || s == 403 || s == 429 || s >= 500;
    }
    return cause instanceof IOException;
  }

  private void record(String key, Throwable cause) {
    if (opensBackoff(cause)) {
      Duration asked = cause instanceof ClerkApiException e ? e.retryAfter().orElse(null) : null;
      openBackoff(
          describe(cause), asked, cause instanceof ClerkApiException e && e.statusCode() < 429);
    } else if (cause instanceof ClerkApiException) {
      answers.put(key, cause);
      recordSuccess(); // Clerk answered: it is up
    } else {
      endProbe(true); // a defect, not Clerk's state: the next caller may probe
    }
  }

  private void openBackoff(String cause, @Nullable Duration asked, boolean operatorsMistake) {
    Duration pause =
        asked == null || asked.compareTo(MIN_BACKOFF) < 0
            ? MIN_BACKOFF
            : asked.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : asked;
    boolean first;
    synchronized (state) {
      backoffUntilMillis = clock.millis() + pause.toMillis();
      probing = false;
      first = !cause.equals(loggedCause);
      loggedCause = cause;
    }
    if (first) {
      log.log(
          operatorsMistake ? Level.ERROR : Level.WARNING,
          "Clerk: {0} lookups failed ({1}); they pause for {2} (requests that need one are signed out"
              + " meanwhile), then one is tried again. Logged once per cause.",
          what,
          cause,
          pause);
    } else {
      log.log(Level.DEBUG, "Clerk: {0} lookups still failing ({1})", what, cause);
    }
  }

  private void recordSuccess() {
    boolean recovered;
    synchronized (state) {
      recovered = backoffUntilMillis != Long.MIN_VALUE;
      backoffUntilMillis = Long.MIN_VALUE;
      probing = false;
      loggedCause = null;
    }
    if (recovered) {
      log.log(Level.INFO, "Clerk: {0} lookups work again.", what);
    }
  }

  private static String describe(Throwable cause) {
    if (cause instanceof ClerkApiException e) {
      return "HTTP " + e.statusCode() + (e.code() == null ? "" : " " + e.code());
    }
    return cause.getClass().getSimpleName();
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  /** {@return calls running now (at most {@value #MAX_IN_FLIGHT})} */
  int inFlight() {
    return inFlight.size();
  }

  /** {@return remembered answers (at most {@value #MAX_ANSWERS})} */
  long rememberedAnswers() {
    answers.cleanUp();
    return answers.estimatedSize();
  }

  @Override
  public String toString() {
    return "BackendLookup{" + what + "}";
  }
}
