package dev.clerk.jakarta.core.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.clerk.jakarta.core.ClerkOptions;
import dev.clerk.jakarta.core.internal.ClerkHttpHeaders;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jose4j.json.JsonUtil;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;
import org.jspecify.annotations.Nullable;

/**
 * The Backend API's JWKS ({@code {apiUrl}/{apiVersion}/jwks}, Bearer secret key), cached for one
 * Clerk instance.
 *
 * <p>The cache is a Caffeine cache keyed by the instance's scope (API URL, API version and the
 * SHA-256 of the secret key; never by {@code kid} alone), so keys of one instance never serve
 * another. A key set is fresh for {@link ClerkOptions#jwksCacheTtl()}; after four fifths of that it
 * is refreshed in the background while the current set keeps serving. An unknown {@code kid}
 * causes one refetch (key rotation), at most once per {@link
 * ClerkOptions#jwksMinRefreshInterval()}. All fetches are single-flight: concurrent callers wait for
 * the one fetch in progress. When a refresh fails, the last good set keeps serving until it is
 * {@link ClerkOptions#jwksMaxStaleness()} old, and the failure is logged once per cause; after a
 * failure, fetches pause for the smaller of the refresh interval and 5 seconds so that an outage
 * does not turn every request into a slow timeout. A fetch is retried at most once (connection
 * failures, 429 and 5xx), bounded by {@link ClerkOptions#requestTimeout()} per attempt and a 64 KiB
 * response cap.
 *
 * <p>Thread-safe.
 */
final class RemoteJwksSource implements JwksSource {
  static final int MAX_RESPONSE_BYTES = 64 * 1024;
  static final Duration MAX_FAILURE_BACKOFF = Duration.ofSeconds(5);
  private static final Duration DEADLINE_MARGIN = Duration.ofMillis(500);

  static final String KID_MISMATCH_ACTION =
      "Go to your Dashboard and validate your secret and public keys are correct. "
          + TokenVerificationException.ACTION_CONTACT_SUPPORT
          + " if the issue persists.";

  private static final System.Logger LOG = System.getLogger(RemoteJwksSource.class.getName());

  /** The cache key: one Clerk instance. Its {@code toString} shows no secret. */
  record Scope(String apiUrl, String apiVersion, String secretKeySha256) {
    @Override
    public String toString() {
      return apiUrl + "/" + apiVersion + " (secret key sha256 " + secretKeySha256.substring(0, 8) + "…)";
    }
  }

  /** One fetched key set and when it was fetched (by the injected clock). */
  record KeySet(Map<String, PublicKey> keys, long fetchedAtMillis) {}

  private final Scope scope;
  private final URI jwksUri;
  private final String secretKey;
  private final HttpClient http;
  private final Clock clock;
  private final long ttlMillis;
  private final long refreshAheadMillis;
  private final long minRefreshIntervalMillis;
  private final long maxStalenessMillis;
  private final long failureBackoffMillis;
  private final Duration requestTimeout;
  private final long deadlineMillis;
  private final Executor backgroundExecutor;
  private final System.Logger log;
  private final java.util.concurrent.atomic.AtomicBoolean backgroundScheduled =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final Cache<Scope, KeySet> cache = Caffeine.newBuilder().maximumSize(1).build();
  private final AtomicReference<@Nullable CompletableFuture<KeySet>> inFlight = new AtomicReference<>();
  private final Object stateLock = new Object();
  private long lastUnknownKidFetchMillis = Long.MIN_VALUE;
  private long failureBackoffUntilMillis = Long.MIN_VALUE;
  private @Nullable TokenVerificationException lastFailure;
  private @Nullable String lastLoggedCause;

  RemoteJwksSource(ClerkOptions options, HttpClient http) {
    this(options, http, ForkJoinPool.commonPool());
  }

  RemoteJwksSource(ClerkOptions options, HttpClient http, Executor backgroundExecutor) {
    this(options, http, backgroundExecutor, LOG);
  }

  RemoteJwksSource(ClerkOptions options, HttpClient http, Executor backgroundExecutor, System.Logger log) {
    String secret = options.secretKey();
    if (secret == null) {
      throw new IllegalArgumentException(
          "A remote JWKS needs the secret key (CLERK_SECRET_KEY, init-param secret-key)");
    }
    this.secretKey = secret;
    this.http = http;
    this.clock = options.clock();
    this.scope = new Scope(options.apiUrl(), options.apiVersion(), sha256(secret));
    this.jwksUri = jwksUri(options.apiUrl(), options.apiVersion());
    this.ttlMillis = options.jwksCacheTtl().toMillis();
    this.refreshAheadMillis = ttlMillis - ttlMillis / 5;
    this.minRefreshIntervalMillis = options.jwksMinRefreshInterval().toMillis();
    this.maxStalenessMillis = Math.max(options.jwksMaxStaleness().toMillis(), ttlMillis);
    this.failureBackoffMillis = Math.min(minRefreshIntervalMillis, MAX_FAILURE_BACKOFF.toMillis());
    this.requestTimeout = options.requestTimeout();
    this.deadlineMillis =
        options.connectTimeout().plus(options.requestTimeout()).plus(DEADLINE_MARGIN).toMillis();
    this.backgroundExecutor = Objects.requireNonNull(backgroundExecutor, "backgroundExecutor == null");
    this.log = Objects.requireNonNull(log, "log == null");
  }

  private static URI jwksUri(String apiUrl, String apiVersion) {
    StringBuilder sb = new StringBuilder(apiUrl);
    while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '/') {
      sb.setLength(sb.length() - 1);
    }
    String version = apiVersion;
    while (version.startsWith("/")) {
      version = version.substring(1);
    }
    while (version.endsWith("/")) {
      version = version.substring(0, version.length() - 1);
    }
    if (!version.isEmpty()) {
      sb.append('/').append(version);
    }
    sb.append("/jwks");
    return URI.create(sb.toString());
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
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
    if (inFlight.get() != null || isBackingOff(now) || !backgroundScheduled.compareAndSet(false, true)) {
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
      if (current != null && current != seen && (seen == null || current.fetchedAtMillis() >= seen.fetchedAtMillis())) {
        mine.complete(current);
        return current;
      }
      KeySet loaded;
      try {
        loaded = load();
      } catch (TokenVerificationException e) {
        recordFailure(e);
        throw e;
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

  private static KeySet await(CompletableFuture<KeySet> running) throws TokenVerificationException {
    try {
      return running.get();
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

  /** One fetch with at most one retry (connection failure, 429, 5xx). */
  private KeySet load() throws TokenVerificationException {
    try {
      return loadOnce();
    } catch (Retryable first) {
      log.log(System.Logger.Level.DEBUG, "retrying the JWKS fetch once: {0}", first.failure.clerkMessage());
      try {
        return loadOnce();
      } catch (Retryable second) {
        throw second.failure;
      }
    }
  }

  /** Marks a failure worth one retry. */
  private static final class Retryable extends Exception {
    private static final long serialVersionUID = 1L;
    final transient TokenVerificationException failure;

    Retryable(TokenVerificationException failure) {
      super(failure.getMessage(), null, false, false);
      this.failure = failure;
    }
  }

  private KeySet loadOnce() throws TokenVerificationException, Retryable {
    HttpRequest request =
        HttpRequest.newBuilder(jwksUri)
            .timeout(requestTimeout)
            .header("Authorization", "Bearer " + secretKey)
            .header(ClerkHttpHeaders.API_VERSION_HEADER, ClerkHttpHeaders.SUPPORTED_API_VERSION)
            .header("User-Agent", ClerkHttpHeaders.USER_AGENT)
            .header("Accept", "application/json")
            .GET()
            .build();
    int status;
    byte[] body;
    CompletableFuture<HttpResponse<byte[]>> pending =
        http.sendAsync(request, info -> new CappedBody(MAX_RESPONSE_BYTES + 1));
    try {
      // The request timeout bounds the wait for the response headers; this deadline also bounds
      // a body that trickles in, so that no request thread waits longer than both timeouts.
      HttpResponse<byte[]> response = pending.get(deadlineMillis, TimeUnit.MILLISECONDS);
      status = response.statusCode();
      body = response.body();
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new Retryable(
          failedToLoad("Error loading Clerk JWKS from " + jwksUri + ": HttpTimeoutException.", e));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new Retryable(
          failedToLoad(
              "Error loading Clerk JWKS from " + jwksUri + ": " + cause.getClass().getSimpleName() + ".",
              cause));
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw failedToLoad("Interrupted while loading Clerk JWKS from " + jwksUri + ".", e);
    }
    if (status < 200 || status > 299) {
      String invalidKey = clerkKeyInvalidMessage(body);
      if (invalidKey != null) {
        throw new TokenVerificationException(
            TokenVerificationReason.SECRET_KEY_INVALID,
            invalidKey,
            TokenVerificationException.ACTION_CONTACT_SUPPORT);
      }
      TokenVerificationException e =
          failedToLoad("Error loading Clerk JWKS from " + jwksUri + " with code=" + status, null);
      if (status == 429 || status >= 500) {
        throw new Retryable(e);
      }
      throw e;
    }
    if (body.length > MAX_RESPONSE_BYTES) {
      throw failedToLoad(
          "Error loading Clerk JWKS from " + jwksUri + ": the response is larger than "
              + MAX_RESPONSE_BYTES + " bytes.", null);
    }
    return parse(new String(body, StandardCharsets.UTF_8));
  }

  private KeySet parse(String json) throws TokenVerificationException {
    Map<String, Object> document;
    try {
      document = JsonUtil.parseJson(json);
    } catch (JoseException | RuntimeException e) {
      document = null;
    }
    if (document == null) {
      throw failedToLoad(
          "Error loading Clerk JWKS from " + jwksUri + ": the response is not a JSON Web Key Set.", null);
    }
    // As Clerk's SDK: a JSON object without a non-empty "keys" array (e.g. {}) has no signing keys.
    if (!(document.get("keys") instanceof List<?> rawKeys) || rawKeys.isEmpty()) {
      throw failedToLoad(
          "The JWKS endpoint did not contain any signing keys. Contact support@clerk.com.", null);
    }
    Map<String, PublicKey> keys = new LinkedHashMap<>();
    try {
      for (JsonWebKey jwk : new JsonWebKeySet(json).getJsonWebKeys()) {
        String use = jwk.getUse();
        if (jwk instanceof RsaJsonWebKey rsa
            && jwk.getKeyId() != null
            && (use == null || use.equals("sig"))) {
          keys.putIfAbsent(jwk.getKeyId(), rsa.getRsaPublicKey());
        }
      }
    } catch (JoseException | RuntimeException e) {
      throw failedToLoad(
          "Error loading Clerk JWKS from " + jwksUri + ": the response is not a JSON Web Key Set.", null);
    }
    return new KeySet(Map.copyOf(keys), clock.millis());
  }

  private static @Nullable String clerkKeyInvalidMessage(byte[] body) {
    if (body.length > MAX_RESPONSE_BYTES) {
      return null;
    }
    try {
      Map<String, Object> json = JsonUtil.parseJson(new String(body, StandardCharsets.UTF_8));
      if (json != null && json.get("errors") instanceof List<?> errors) {
        for (Object o : errors) {
          if (o instanceof Map<?, ?> error && "clerk_key_invalid".equals(error.get("code"))) {
            return error.get("message") instanceof String m ? m : "The secret key is invalid.";
          }
        }
      }
    } catch (JoseException | RuntimeException e) {
      // Not Clerk's error JSON: reported as a load failure with the status code.
      return null;
    }
    return null;
  }

  private static TokenVerificationException failedToLoad(String message, @Nullable Throwable cause) {
    return new TokenVerificationException(
        TokenVerificationReason.JWK_REMOTE_FAILED_TO_LOAD,
        message,
        TokenVerificationException.ACTION_CONTACT_SUPPORT,
        cause);
  }

  /** Collects a response body up to {@code limit} bytes, then stops reading. */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int limit;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.@Nullable Subscription subscription;

    CappedBody(int limit) {
      this.limit = limit;
    }

    @Override
    public synchronized void onSubscribe(Flow.Subscription s) {
      this.subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public synchronized void onNext(List<ByteBuffer> buffers) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : buffers) {
        int n = Math.min(b.remaining(), limit - out.size());
        byte[] chunk = new byte[n];
        b.get(chunk);
        out.write(chunk, 0, n);
        if (out.size() >= limit) {
          if (subscription != null) {
            subscription.cancel();
          }
          result.complete(out.toByteArray());
          return;
        }
      }
    }

    @Override
    public synchronized void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public synchronized void onComplete() {
      result.complete(out.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }
  }

  @Override
  public String toString() {
    return "JwksSource.remote(" + scope + ")";
  }
}
