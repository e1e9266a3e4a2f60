package dev.clerk.jakarta.core.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.clerk.jakarta.core.internal.Telemetry;
import dev.clerk.jakarta.core.internal.http.Deadline;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The Backend API's JWKS ({@code {apiUrl}/{apiVersion}/jwks}, Bearer secret key), cached for one
 * Clerk instance.
 *
 * <p>The cache is a Caffeine cache keyed by the instance's scope (API URL, API version and the
 * SHA-256 of the secret key; never by {@code kid} alone), so keys of one instance never serve
 * another. A key set is fresh for {@link RemoteJwksConfig#cacheTtl()}; after four fifths of that it
 * is refreshed on the refresh executor (a Clerk's own worker thread; the calling thread when none
 * was given) while the current set keeps serving. An unknown {@code kid} causes one refetch (key
 * rotation), at most once per {@link RemoteJwksConfig#minRefreshInterval()}. All fetches are
 * single-flight: concurrent callers wait for the one fetch in progress. When a refresh fails, the
 * last good set keeps serving until it is {@link RemoteJwksConfig#maxStaleness()} old, and the
 * failure is logged once per cause; after a failure, fetches pause for the smaller of the refresh
 * interval and 5 seconds so that an outage does not turn every request into a slow timeout. A
 * fetch, its one retry included (a dropped connection or a 5xx; never a 429 nor a timeout), ends
 * within {@link RemoteJwksConfig#requestTimeout()} and reads at most 64 KiB ({@link JwksFetcher}).
 * While a request is authenticated, the fetch it makes and its wait for another caller's fetch end
 * within the time left of the request's {@link Deadline}; a fetch cut short so is not counted as a
 * failure.
 *
 * <p>Thread-safe.
 */
final class RemoteJwksSource implements JwksSource {
  static final int MAX_RESPONSE_BYTES = JwksFetcher.MAX_RESPONSE_BYTES;
  static final Duration MAX_FAILURE_BACKOFF = Duration.ofSeconds(5);

  static final String KID_MISMATCH_ACTION =
      "Go to your Dashboard and validate your secret and public keys are correct. "
          + TokenVerificationException.ACTION_CONTACT_SUPPORT
          + " if the issue persists.";

  static final System.Logger LOG = System.getLogger(RemoteJwksSource.class.getName());

  /** The cache key: one Clerk instance. Its {@code toString} shows no secret. */
  record Scope(String apiUrl, String apiVersion, String secretKeySha256) {
    @Override
    public String toString() {
      return apiUrl
          + "/"
          + apiVersion
          + " (secret key sha256 "
          + secretKeySha256.substring(0, 8)
          + "…)";
    }
  }

  /** One fetched key set and when it was fetched (by the injected clock). */
  record KeySet(Map<String, PublicKey> keys, long fetchedAtMillis) {}

  private final Scope scope;
  private final URI jwksUri;
  private final JwksFetcher fetcher;
  private final Clock clock;
  private final long ttlMillis;
  private final long refreshAheadMillis;
  private final long minRefreshIntervalMillis;
  private final long maxStalenessMillis;
  private final long failureBackoffMillis;
  private final Executor backgroundExecutor;
  private final System.Logger log;
  private final Telemetry telemetry;
  private final java.util.concurrent.atomic.AtomicBoolean backgroundScheduled =
      new java.util.concurrent.atomic.AtomicBoolean();
  // Maintenance on the calling thread: Caffeine's default executor is the JDK-global common pool.
  private final Cache<Scope, KeySet> cache =
      Caffeine.newBuilder().maximumSize(1).executor(Runnable::run).build();
  private final AtomicReference<@Nullable CompletableFuture<KeySet>> inFlight =
      new AtomicReference<>();
  private final Object stateLock = new Object();
  private long lastUnknownKidFetchMillis = Long.MIN_VALUE;
  private long failureBackoffUntilMillis = Long.MIN_VALUE;
  private @Nullable TokenVerificationException lastFailure;
  private @Nullable String lastLoggedCause;

  RemoteJwksSource(RemoteJwksConfig options, HttpClient http, Executor backgroundExecutor) {
    this(options, http, backgroundExecutor, LOG);
  }

  RemoteJwksSource(
      RemoteJwksConfig options, HttpClient http, Executor backgroundExecutor, System.Logger log) {
    this(options, http, backgroundExecutor, log, Telemetry.OFF);
  }

  RemoteJwksSource(
      RemoteJwksConfig options,
      HttpClient http,
      Executor backgroundExecutor,
      System.Logger log,
      Telemetry telemetry) {
    String secret = options.secretKey();
    this.clock = options.clock();
    this.scope = new Scope(options.apiUrl(), options.apiVersion(), sha256(secret));
    this.fetcher =
        new JwksFetcher(
            options.apiUrl(), options.apiVersion(), secret, http, options.requestTimeout(), clock);
    this.jwksUri = fetcher.jwksUri();
    this.ttlMillis = options.cacheTtl().toMillis();
    this.refreshAheadMillis = ttlMillis - ttlMillis / 5;
    this.minRefreshIntervalMillis = options.minRefreshInterval().toMillis();
    this.maxStalenessMillis = Math.max(options.maxStaleness().toMillis(), ttlMillis);
    this.failureBackoffMillis = Math.min(minRefreshIntervalMillis, MAX_FAILURE_BACKOFF.toMillis());
    this.backgroundExecutor =
        Objects.requireNonNull(backgroundExecutor, "backgroundExecutor == null");
    this.log = Objects.requireNonNull(log, "log == null");
    this.telemetry = Objects.requireNonNull(telemetry, "telemetry == null");
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  /** {@return the cache key of this instance} */
  Scope scope() {
    return scope;
  }

  /** {@return the JWKS URL} */
  URI jwksUri() {
    return jwksUri;
  }

  @Override
  public PublicKey key(@Nullable String kid) throws TokenVerificationException {
    long now = clock.millis();
    KeySet set = cache.getIfPresent(scope);
    if (set != null) {
      long age = now - set.fetchedAtMillis();
      if (age < ttlMillis) {
        if (age >= refreshAheadMillis) {
          refreshInBackground(set, now);
        }
        return lookup(set, kid, now, false);
      }
      if (age < maxStalenessMillis) {
        if (isBackingOff(now)) {
          return lookup(set, kid, now, true);
        }
        KeySet fetched;
        try {
          fetched = fetch(set);
        } catch (TokenVerificationException e) {
          // Stale-on-error: the last good set keeps serving (failure recorded and logged in fetch).
          return lookup(set, kid, now, true);
        }
        return lookup(fetched, kid, now, true);
      }
    }
    synchronized (stateLock) {
      if (now < failureBackoffUntilMillis && lastFailure != null) {
        throw copy(lastFailure);
      }
    }
    KeySet fetched = fetch(set);
    return lookup(fetched, kid, now, true);
  }

  private PublicKey lookup(KeySet set, @Nullable String kid, long now, boolean noRefetch)
      throws TokenVerificationException {
    PublicKey key = kid == null ? null : set.keys().get(kid);
    if (key != null) {
      return key;
    }
    if (kid == null || noRefetch || !mayRefetchForUnknownKid(now)) {
      throw kidMismatch(kid);
    }
    KeySet fetched = fetch(set);
    key = fetched.keys().get(kid);
    if (key == null) {
      throw kidMismatch(kid);
    }
    return key;
  }

  private boolean mayRefetchForUnknownKid(long now) {
    synchronized (stateLock) {
      if (lastUnknownKidFetchMillis != Long.MIN_VALUE
          && now - lastUnknownKidFetchMillis < minRefreshIntervalMillis) {
        return false;
      }
      if (now < failureBackoffUntilMillis) {
        return false;
      }
      lastUnknownKidFetchMillis = now;
      return true;
    }
  }

  private boolean isBackingOff(long now) {
    synchronized (stateLock) {
      return now < failureBackoffUntilMillis;
    }
  }

  private void refreshInBackground(KeySet seen, long now) {
    if (inFlight.get() != null
        || isBackingOff(now)
        || !backgroundScheduled.compareAndSet(false, true)) {
      return;
    }
    Runnable refresh =
        () -> {
          try {
            fetch(seen);
          } catch (TokenVerificationException | RuntimeException e) {
            // Recorded and logged once per cause by fetch; the current set keeps serving.
            log.log(System.Logger.Level.DEBUG, "background JWKS refresh failed", e);
          } finally {
            backgroundScheduled.set(false);
          }
        };
    try {
      backgroundExecutor.execute(refresh);
    } catch (RuntimeException e) {
      // A saturated or shut-down executor: the next request after the TTL refreshes inline.
      backgroundScheduled.set(false);
      log.log(System.Logger.Level.DEBUG, "cannot schedule a background JWKS refresh", e);
    }
  }

  static TokenVerificationException kidMismatch(@Nullable String kid) {
    return new TokenVerificationException(
        TokenVerificationReason.JWK_KID_MISMATCH,
        "Unable to find a signing key in JWKS that matches the kid='"
            + (kid == null ? "undefined" : printable(kid))
            + "' of the provided session token. Please make sure that the __session cookie or the HTTP"
            + " authorization header contain a Clerk-generated session JWT.",
        KID_MISMATCH_ACTION);
  }

  /** The kid comes from an untrusted token: keep it short and free of control characters. */
  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length() && sb.length() < 128; i++) {
      char c = s.charAt(i);
      sb.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    if (sb.length() < s.length()) {
      // ASCII: a non-Latin-1 mark would make adapters drop the whole x-clerk-auth-message header.
      sb.append("...");
    }
    return sb.toString();
  }

  /**
   * Fetches the key set once for all concurrent callers.
   *
   * @param seen the set the caller looked at (null when none): if another caller has stored a
   *     different one meanwhile, that one is used instead of fetching again
   */
  private KeySet fetch(@Nullable KeySet seen) throws TokenVerificationException {
    CompletableFuture<KeySet> mine = new CompletableFuture<>();
    CompletableFuture<KeySet> running = inFlight.compareAndExchange(null, mine);
    if (running != null) {
      return await(running);
    }
    try {
      KeySet current = cache.getIfPresent(scope);
      if (current != null
          && !current.equals(seen)
          && (seen == null || current.fetchedAtMillis() >= seen.fetchedAtMillis())) {
        mine.complete(current);
        return current;
      }
      KeySet loaded;
      Telemetry.Span span = telemetry.jwksFetch();
      try {
        loaded = fetcher.load();
      } catch (TokenVerificationException e) {
        if (span != null) {
          span.failed(e);
        }
        if (Deadline.Exceeded.in(e)) {
          // The request that fetched ran out of time (e.g. after a handshake payload call): not an
          // outage, so no back-off and no warning; the next request fetches again.
          log.log(System.Logger.Level.DEBUG, "JWKS fetch cut short by the request's deadline", e);
        } else {
          recordFailure(e);
        }
        throw e;
      }
      if (span != null) {
        span.done(loaded.keys().size());
      }
      cache.put(scope, loaded);
      recordSuccess();
      mine.complete(loaded);
      return loaded;
    } catch (TokenVerificationException | RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      inFlight.compareAndSet(mine, null);
    }
  }

  /** Waits for another caller's fetch, at most the time left of this thread's {@link Deadline}. */
  private KeySet await(CompletableFuture<KeySet> running) throws TokenVerificationException {
    try {
      // Without a deadline: the fetch in progress ends within its own timeout.
      return running.get(Deadline.boundNanos(Long.MAX_VALUE), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      Deadline.Exceeded x =
          new Deadline.Exceeded(
              "the JWKS fetch in progress did not end within the request's time left");
      x.initCause(e);
      throw JwksFetcher.failedToLoad(
          "Error loading Clerk JWKS from " + jwksUri + ": " + JwksFetcher.NO_TIME_LEFT + ".", x);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TokenVerificationException(
          TokenVerificationReason.JWK_REMOTE_FAILED_TO_LOAD,
          "Interrupted while waiting for the Clerk JWKS.",
          TokenVerificationException.ACTION_CONTACT_SUPPORT,
          e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TokenVerificationException t) {
        throw copy(t);
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("JWKS fetch failed", e.getCause());
    }
  }

  /** A new exception per caller: exceptions are mutable (stack traces, suppressed). */
  private static TokenVerificationException copy(TokenVerificationException t) {
    return new TokenVerificationException(t.reason(), t.clerkMessage(), t.action(), t);
  }

  private void recordFailure(TokenVerificationException e) {
    String cause = e.reason().value() + ": " + e.clerkMessage();
    boolean shouldLog;
    synchronized (stateLock) {
      lastFailure = e;
      failureBackoffUntilMillis = clock.millis() + failureBackoffMillis;
      shouldLog = !cause.equals(lastLoggedCause);
      lastLoggedCause = cause;
    }
    if (shouldLog) {
      log.log(
          System.Logger.Level.WARNING,
          "Loading the Clerk JWKS for {0} failed ({1}). Keys fetched earlier keep serving for up to {2}"
              + " after their fetch. Further failures with the same cause are not logged.",
          scope,
          cause,
          Duration.ofMillis(maxStalenessMillis));
    }
  }

  private void recordSuccess() {
    boolean recovered;
    synchronized (stateLock) {
      recovered = lastLoggedCause != null;
      lastFailure = null;
      lastLoggedCause = null;
      failureBackoffUntilMillis = Long.MIN_VALUE;
    }
    if (recovered) {
      log.log(System.Logger.Level.INFO, "Loading the Clerk JWKS for {0} works again.", scope);
    }
  }

  @Override
  public String toString() {
    return "JwksSource.remote(" + scope + ")";
  }
}
