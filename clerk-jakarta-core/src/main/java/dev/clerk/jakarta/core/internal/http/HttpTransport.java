package dev.clerk.jakarta.core.internal.http;

import dev.clerk.jakarta.core.internal.ClerkHttpHeaders;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The one way this library calls Clerk over HTTP: the Backend API client ({@code BackendApi}) and
 * the JWKS fetch of the token layer both send through it. It owns what every call shares:
 *
 * <ul>
 *   <li>URL building: {@code {apiUrl}{path}?{query}}, with {@link #versioned} for {@code
 *       /{apiVersion}/…} paths;
 *   <li>the headers: {@code User-Agent: clerk-jakarta/<version>}, {@code Clerk-API-Version}, {@code
 *       Accept} and, with a credential, {@code Authorization: Bearer …} ({@link #request});
 *   <li>the response-body cap ({@link LimitedBody}): a larger body fails the call;
 *   <li>time: one attempt takes at most the request's timeout from connect to the last byte of the
 *       body (the {@link HttpClient}'s own timeout ends when the headers arrive: a body that then
 *       trickles in would hold the caller, often a request thread authenticating a user, for ever);
 *       with {@link Retries#onceWithinTimeout} the whole call does;
 *   <li>retries, by the {@link Retries} rule of the call.
 * </ul>
 *
 * <p>Failures are reported raw (the JDK's {@link IOException}s, {@link HttpTimeoutException} for a
 * timeout, {@link LimitedBody.TooLargeException}, {@link Refused}); each caller words them for its
 * own messages. A synchronous call waits on the calling thread; an asynchronous one needs the timer
 * of the owner's {@link ClerkExecutors}. Thread-safe.
 *
 * @since 0.1
 */
public final class HttpTransport {
  private final HttpClient http;
  private final String apiUrl;
  private final long maxBodyBytes;
  private final String owner;
  private final @Nullable ClerkExecutors executors;
  private final @Nullable Sleeper sleeper;
  private final Clock clock;
  private final System.Logger log;

  private HttpTransport(
      HttpClient http,
      String apiUrl,
      long maxBodyBytes,
      String owner,
      @Nullable ClerkExecutors executors,
      @Nullable Sleeper sleeper,
      Clock clock,
      System.Logger log) {
    this.http = Objects.requireNonNull(http, "http == null");
    this.apiUrl = trimTrailingSlashes(Objects.requireNonNull(apiUrl, "apiUrl == null"));
    this.maxBodyBytes = maxBodyBytes;
    this.owner = owner;
    this.executors = executors;
    this.sleeper = sleeper;
    this.clock = clock;
    this.log = log;
  }

  /**
   * {@return a transport for synchronous and asynchronous calls (the Backend API client)}
   *
   * @param http the HTTP client
   * @param apiUrl the base URL, e.g. {@code https://api.clerk.com}; trailing slashes are dropped
   * @param maxBodyBytes the cap on a response body
   * @param owner what is closed when {@code executors} is, for messages, e.g. {@code the Backend
   *     API client}
   * @param executors the owner's threads: their timer bounds asynchronous calls; once closed, calls
   *     fail
   * @param sleeper waits between retries
   * @param clock the clock of retry budgets and {@code Retry-After} dates
   * @param log where retries are logged (DEBUG)
   */
  public static HttpTransport of(
      HttpClient http,
      String apiUrl,
      long maxBodyBytes,
      String owner,
      ClerkExecutors executors,
      Sleeper sleeper,
      Clock clock,
      System.Logger log) {
    return new HttpTransport(
        http,
        apiUrl,
        maxBodyBytes,
        owner,
        Objects.requireNonNull(executors, "executors == null"),
        Objects.requireNonNull(sleeper, "sleeper == null"),
        Objects.requireNonNull(clock, "clock == null"),
        log);
  }

  /**
   * {@return a transport for synchronous calls only (the JWKS fetch)} Calls fail with {@link
   * Refused} once the worker that runs {@code http} belongs to a closed {@link ClerkExecutors}; a
   * retry delay blocks the calling thread.
   *
   * @param http the HTTP client
   * @param apiUrl the base URL; trailing slashes are dropped
   * @param maxBodyBytes the cap on a response body
   * @param owner what owns {@code http}'s threads, for messages, e.g. {@code the Clerk}
   * @param log where retries are logged (DEBUG)
   */
  public static HttpTransport synchronous(
      HttpClient http, String apiUrl, long maxBodyBytes, String owner, System.Logger log) {
    return new HttpTransport(http, apiUrl, maxBodyBytes, owner, null, null, Clock.systemUTC(), log);
  }

  /** A received answer, any status. */
  @SuppressWarnings("ArrayRecordComponent") // a received answer, passed on and never compared
  public record Answer(int status, HttpHeaders headers, byte[] body) {
    /** {@return the body as UTF-8 text} */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /**
   * The call was not sent: the owner is closed, or the {@link HttpClient} refused a new exchange
   * (its executor shut down). Never retried.
   */
  public static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    Refused(String message, @Nullable RuntimeException cause) {
      super(message, cause);
    }
  }

  /** {@return the HTTP client} */
  public HttpClient http() {
    return http;
  }

  /** {@return the base URL, without trailing slash} */
  public String apiUrl() {
    return apiUrl;
  }

  /** {@return whether new calls are refused because the owner's threads are closed} */
  boolean isClosed() {
    ClerkExecutors e = executors;
    return (e != null && e.isClosed())
        || ClerkExecutors.isClosedWorker(http.executor().orElse(null));
  }

  // ---- building -------------------------------------------------------------------------

  /**
   * {@return {@code /{apiVersion}{path}}, or {@code path} when the version is empty} Slashes around
   * the version are dropped.
   *
   * @param apiVersion e.g. {@code v1}
   * @param path starting with {@code /}, e.g. {@code /jwks}
   */
  public static String versioned(String apiVersion, String path) {
    String v = apiVersion;
    while (v.startsWith("/")) {
      v = v.substring(1);
    }
    v = trimTrailingSlashes(v);
    return v.isEmpty() ? path : "/" + v + path;
  }

  /**
   * {@return the URL of {@code path} under the base URL}
   *
   * @param path starting with {@code /}
   * @param query the encoded query without {@code ?}, or empty
   */
  public URI uri(String path, String query) {
    return URI.create(apiUrl + path + (query.isEmpty() ? "" : "?" + query));
  }

  /**
   * {@return a request with the headers every call to Clerk carries} The caller adds its own
   * headers and sets the method and body.
   *
   * @param uri the URL ({@link #uri})
   * @param timeout the time one attempt may take, connect to last byte
   * @param accept the {@code Accept} value
   * @param bearer the credential sent as {@code Authorization: Bearer}, or null for none
   */
  public HttpRequest.Builder request(
      URI uri, Duration timeout, String accept, @Nullable String bearer) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("User-Agent", ClerkHttpHeaders.USER_AGENT)
            .header(ClerkHttpHeaders.API_VERSION_HEADER, ClerkHttpHeaders.SUPPORTED_API_VERSION)
            .header("Accept", accept);
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return b;
  }

  // ---- sending --------------------------------------------------------------------------

  /**
   * Sends {@code request}, retrying by {@code retries}, and waits on the calling thread: at most
   * the request's timeout, or the time left of the thread's {@link Deadline} when that is shorter
   * (the call is then timed to it, and not sent at all once it has passed). On expiry the exchange
   * is cancelled.
   *
   * @param request the request ({@link #request}); its timeout bounds each attempt
   * @param retries the retry rule
   * @param what the call, for messages and logs (never a credential)
   * @return the last answer, any status
   * @throws IOException the last failure; {@link HttpTimeoutException} when the time ran out
   *     ({@link Deadline.Exceeded} when the thread's deadline left the call less than half of its
   *     own timeout, or none); {@link InterruptedIOException}, with the thread's interrupt flag
   *     set, when interrupted
   */
  public Answer send(HttpRequest request, Retries retries, String what) throws IOException {
    HttpRequest bounded = Deadline.timed(request, what);
    try {
      return sendBounded(bounded, retries, what);
    } catch (HttpTimeoutException e) {
      if (!Deadline.starved(request, bounded)
          || e instanceof Deadline.Exceeded
          || e instanceof HttpConnectTimeoutException) {
        throw e;
      }
      // The time that ran out was mostly the request's (earlier calls spent it), not the call's
      // own.
      Deadline.Exceeded x =
          new Deadline.Exceeded(what + ": no answer within the request's time left");
      x.initCause(e);
      throw x;
    }
  }

  private Answer sendBounded(HttpRequest request, Retries retries, String what) throws IOException {
    Attempts attempts = new Attempts(request, retries, clock);
    for (int attempt = 1; ; attempt++) {
      HttpRequest req = attempts.request(attempt);
      Answer a;
      try {
        HttpResponse<byte[]> r = await(exchange(req), req);
        a = new Answer(r.statusCode(), r.headers(), r.body());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw interrupted("interrupted during " + what, e);
      } catch (IOException e) {
        Duration d = retries.retries(e) ? attempts.nextDelay(attempt, null) : null;
        if (d == null) {
          throw e;
        }
        log.log(
            System.Logger.Level.DEBUG,
            () -> what + " failed (" + e.getClass().getSimpleName() + "), retrying in " + d);
        sleep(d, what);
        continue;
      }
      Duration d = retries.retries(a) ? attempts.nextDelay(attempt, a) : null;
      if (d == null) {
        return a;
      }
      log.log(
          System.Logger.Level.DEBUG, () -> what + " answered " + a.status() + ", retrying in " + d);
      sleep(d, what);
    }
  }

  /**
   * {@return {@link #send} without blocking} Completion and failures arrive on the owner's worker.
   *
   * @param request the request ({@link #request})
   * @param retries the retry rule
   * @param what the call, for logs
   * @throws IllegalStateException for a {@link #synchronous} transport
   */
  public CompletableFuture<Answer> sendAsync(HttpRequest request, Retries retries, String what) {
    if (executors == null || sleeper == null) {
      throw new IllegalStateException(
          "a synchronous transport has no timer for asynchronous calls");
    }
    return attemptAsync(new Attempts(request, retries, clock), what, 1);
  }

  // handle(...) yields the next step's future (the answer, or a retry), flattened by thenCompose(f
  // -> f).
  @SuppressWarnings("FutureReturnValueIgnored")
  private CompletableFuture<Answer> attemptAsync(Attempts attempts, String what, int attempt) {
    HttpRequest req = attempts.request(attempt);
    Sleeper s = Objects.requireNonNull(sleeper);
    CompletableFuture<HttpResponse<byte[]>> pending = exchange(req);
    // A refused call needs no timer (and a closed owner has none left).
    return (pending.isDone() ? pending : bounded(pending, req))
        .handle(
            (r, err) -> {
              if (err != null) {
                Throwable cause = unwrap(err);
                if (cause instanceof IOException io) {
                  Duration d =
                      attempts.retries.retries(io) ? attempts.nextDelay(attempt, null) : null;
                  if (d != null) {
                    log.log(
                        System.Logger.Level.DEBUG,
                        () ->
                            what
                                + " failed ("
                                + io.getClass().getSimpleName()
                                + "), retrying in "
                                + d);
                    return s.delay(d).thenCompose(v -> attemptAsync(attempts, what, attempt + 1));
                  }
                }
                return CompletableFuture.<Answer>failedFuture(cause);
              }
              Answer a = new Answer(r.statusCode(), r.headers(), r.body());
              Duration d = attempts.retries.retries(a) ? attempts.nextDelay(attempt, a) : null;
              if (d != null) {
                log.log(
                    System.Logger.Level.DEBUG,
                    () -> what + " answered " + a.status() + ", retrying in " + d);
                return s.delay(d).thenCompose(v -> attemptAsync(attempts, what, attempt + 1));
              }
              return CompletableFuture.completedFuture(a);
            })
        .thenCompose(f -> f);
  }

  private void sleep(Duration d, String what) throws InterruptedIOException {
    if (d.isZero()) {
      return;
    }
    try {
      Sleeper s = sleeper;
      if (s != null) {
        s.sleep(d);
      } else {
        TimeUnit.NANOSECONDS.sleep(d.toNanos());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted("interrupted while waiting to retry " + what, e);
    }
  }

  private static InterruptedIOException interrupted(String message, InterruptedException cause) {
    InterruptedIOException ie = new InterruptedIOException(message);
    ie.initCause(cause);
    return ie;
  }

  /** One exchange, unbounded; {@link #await} and {@link #bounded} bound it. */
  private CompletableFuture<HttpResponse<byte[]>> exchange(HttpRequest req) {
    if (isClosed()) {
      return CompletableFuture.failedFuture(new Refused(owner + " is closed", null));
    }
    try {
      return http.sendAsync(req, LimitedBody.handler(maxBodyBytes));
    } catch (RuntimeException e) {
      // An HttpClient whose executor has been shut down refuses new exchanges.
      return CompletableFuture.failedFuture(
          new Refused("the HTTP client refused the call: " + e, e));
    }
  }

  private static HttpTimeoutException timedOut(Duration limit) {
    return new HttpTimeoutException("response not complete within " + limit);
  }

  /**
   * The exchange, failed with {@link HttpTimeoutException} after the request's timeout (owner's
   * timer).
   */
  private CompletableFuture<HttpResponse<byte[]>> bounded(
      CompletableFuture<HttpResponse<byte[]>> pending, HttpRequest req) {
    Duration limit = req.timeout().orElse(null);
    if (limit == null) {
      return pending;
    }
    CompletableFuture<HttpResponse<byte[]>> bounded =
        Objects.requireNonNull(executors).within(pending, limit, () -> timedOut(limit));
    // Only to cancel the exchange: the caller gets bounded itself, this stage's future is not
    // needed.
    CompletableFuture<HttpResponse<byte[]>> unused =
        bounded.whenComplete(
            (r, e) -> {
              if (e != null) {
                pending.cancel(true);
              }
            });
    return bounded;
  }

  /**
   * Waits for {@link #exchange} on the calling thread at most the request's timeout, unwrapping its
   * failure.
   */
  private static HttpResponse<byte[]> await(
      CompletableFuture<HttpResponse<byte[]>> pending, HttpRequest req)
      throws IOException, InterruptedException {
    Duration limit = req.timeout().orElse(null);
    try {
      return limit == null ? pending.get() : pending.get(limit.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw timedOut(Objects.requireNonNull(limit));
    } catch (InterruptedException e) {
      pending.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = unwrap(e);
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(cause);
    }
  }

  /**
   * {@return the failure inside {@link CompletionException}s and {@link ExecutionException}s}
   *
   * @param t a failure
   */
  public static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private static String trimTrailingSlashes(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(0, end);
  }

  @Override
  public String toString() {
    return "HttpTransport{" + apiUrl + "}";
  }
}
