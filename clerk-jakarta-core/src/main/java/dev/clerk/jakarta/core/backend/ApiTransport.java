package dev.clerk.jakarta.core.backend;

import dev.clerk.jakarta.core.internal.ClerkHttpHeaders;
import dev.clerk.jakarta.core.internal.Telemetry;
import dev.clerk.jakarta.core.internal.http.ClerkExecutors;
import dev.clerk.jakarta.core.internal.http.LimitedBody;
import dev.clerk.jakarta.core.internal.http.RetryAfter;
import dev.clerk.jakarta.core.internal.http.Sleeper;
import dev.clerk.jakarta.core.internal.json.JsonValues;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.StringReader;
import java.net.ConnectException;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Sends Backend API calls: headers, timeouts, retries, error mapping, JSON parsing. One per
 * {@link BackendApi} family (views made with {@code with*} share it). Thread-safe.
 */
final class ApiTransport {
  private static final System.Logger LOG = System.getLogger(BackendApi.class.getName());
  /** Cap on a response body; Clerk's largest pages are far below it. */
  static final long MAX_BODY_BYTES = 16L * 1024 * 1024;

  final HttpClient http;
  final long maxBodyBytes;
  final String apiUrl;
  final String apiVersion;
  private final @Nullable String secretKey;
  final String userAgent;
  private final Sleeper sleeper;
  final ClerkExecutors executors;
  private final Clock clock;
  private final DoubleSupplier random;
  final JsonProvider json;
  final Jsonb jsonb;
  final Telemetry telemetry;

  ApiTransport(
      HttpClient http,
      long maxBodyBytes,
      String apiUrl,
      String apiVersion,
      @Nullable String secretKey,
      String userAgent,
      Sleeper sleeper,
      ClerkExecutors executors,
      Clock clock,
      DoubleSupplier random,
      JsonProvider json,
      Jsonb jsonb, Telemetry telemetry) {
    this.http = http;
    this.maxBodyBytes = maxBodyBytes;
    this.apiUrl = apiUrl;
    this.apiVersion = apiVersion;
    this.secretKey = secretKey;
    this.userAgent = userAgent;
    this.sleeper = sleeper;
    this.executors = executors;
    this.clock = clock;
    this.random = random;
    this.json = json;
    this.jsonb = jsonb;
    this.telemetry = telemetry;
  }

  /** A received answer (any status). */
  record Response(int status, HttpHeaders headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  // ---- building -------------------------------------------------------------------------

  HttpRequest build(Call c, CallOptions o) {
    String q = c.query.toString();
    URI uri = URI.create(apiUrl + c.path + (q.isEmpty() ? "" : "?" + q));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(c.timeout != null ? c.timeout : o.timeout())
            .header("User-Agent", userAgent)
            .header(ClerkHttpHeaders.API_VERSION_HEADER, BackendApi.CLERK_API_VERSION)
            .header("Accept", c.accept);
    if (c.authenticated) {
      String bearer = c.bearer != null ? c.bearer : secretKey;
      if (bearer == null) {
        throw new IllegalStateException(
            "no Clerk secret key is configured (set CLERK_SECRET_KEY or BackendApi.Builder.secretKey) for "
                + c.describe());
      }
      b.header("Authorization", "Bearer " + bearer);
    }
    c.headers.forEach(b::header);
    if (c.body != null) {
      b.header("Content-Type", "application/json");
      b.method(c.method, HttpRequest.BodyPublishers.ofString(toJson(c.body), StandardCharsets.UTF_8));
    } else {
      b.method(c.method, HttpRequest.BodyPublishers.noBody());
    }
    return b.build();
  }

  String toJson(Object body) {
    if (body instanceof String s) {
      return s;
    }
    if (body instanceof JsonValue v) {
      return v.toString();
    }
    return jsonb.toJson(body);
  }

  // ---- sending --------------------------------------------------------------------------

  private RetryPolicy policy(Call c, CallOptions o) {
    RetryPolicy p = c.retry != null ? c.retry : o.retry();
    return c.idempotent ? p : RetryPolicy.none();
  }

  private static boolean retryableStatus(int s) {
    return s == 429 || s == 502 || s == 503 || s == 504;
  }

  /** Whether a transport failure may be retried: anything but a timeout after connecting. */
  private static boolean retryableFailure(IOException e) {
    if (LimitedBody.TooLargeException.find(e) != null) {
      return false;
    }
    if (e instanceof HttpConnectTimeoutException) {
      return true;
    }
    return !(e instanceof HttpTimeoutException) && !(e instanceof InterruptedIOException);
  }

  /** The delay before the next attempt, or null when no retry fits the budget. */
  private @Nullable Duration nextDelay(
      RetryPolicy p, int attempt, Instant deadline, @Nullable Response r) {
    if (attempt >= p.maxAttempts()) {
      return null;
    }
    Duration d = null;
    if (r != null) {
      d = RetryAfter.parse(r.headers().firstValue("Retry-After").orElse(null), clock.instant()).orElse(null);
    }
    if (d == null) {
      d = p.backoff(attempt, random);
    }
    if (clock.instant().plus(d).isAfter(deadline)) {
      return null;
    }
    return d;
  }

  Response send(Call c, CallOptions o) throws IOException {
    HttpRequest req = build(c, o);
    RetryPolicy p = policy(c, o);
    Instant deadline = clock.instant().plus(p.maxTotalTime());
    for (int attempt = 1; ; attempt++) {
      Response r;
      try {
        HttpResponse<byte[]> hr = await(exchange(req), req);
        r = new Response(hr.statusCode(), hr.headers(), hr.body());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException ie = new InterruptedIOException("interrupted during " + c.describe());
        ie.initCause(e);
        throw ie;
      } catch (IOException e) {
        Duration d = retryableFailure(e) ? nextDelay(p, attempt, deadline, null) : null;
        if (d == null) {
          throw contextualize(e, c, req);
        }
        LOG.log(System.Logger.Level.DEBUG, () -> c.describe() + " failed (" + e.getClass().getSimpleName() + "), retrying in " + d);
        sleep(d, c);
        continue;
      }
      if (retryableStatus(r.status())) {
        Duration d = nextDelay(p, attempt, deadline, r);
        if (d != null) {
          LOG.log(System.Logger.Level.DEBUG, () -> c.describe() + " answered " + r.status() + ", retrying in " + d);
          sleep(d, c);
          continue;
        }
      }
      return r;
    }
  }

  private void sleep(Duration d, Call c) throws InterruptedIOException {
    try {
      sleeper.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException ie = new InterruptedIOException("interrupted while waiting to retry " + c.describe());
      ie.initCause(e);
      throw ie;
    }
  }

  CompletableFuture<Response> sendAsync(Call c, CallOptions o) {
    HttpRequest req;
    try {
      req = build(c, o);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    RetryPolicy p = policy(c, o);
    Instant deadline = clock.instant().plus(p.maxTotalTime());
    return attemptAsync(c, req, p, deadline, 1);
  }

  private CompletableFuture<Response> attemptAsync(
      Call c, HttpRequest req, RetryPolicy p, Instant deadline, int attempt) {
    return bounded(exchange(req), req)
        .handle(
            (hr, err) -> {
              if (err != null) {
                Throwable cause = unwrap(err);
                if (cause instanceof IOException io) {
                  Duration d = retryableFailure(io) ? nextDelay(p, attempt, deadline, null) : null;
                  if (d != null) {
                    return sleeper.delay(d).thenCompose(v -> attemptAsync(c, req, p, deadline, attempt + 1));
                  }
                  return CompletableFuture.<Response>failedFuture(contextualize(io, c, req));
                }
                return CompletableFuture.<Response>failedFuture(cause);
              }
              Response r = new Response(hr.statusCode(), hr.headers(), hr.body());
              if (retryableStatus(r.status())) {
                Duration d = nextDelay(p, attempt, deadline, r);
                if (d != null) {
                  return sleeper.delay(d).thenCompose(v -> attemptAsync(c, req, p, deadline, attempt + 1));
                }
              }
              return CompletableFuture.completedFuture(r);
            })
        .thenCompose(f -> f);
  }

  /** One exchange, unbounded; {@link #await} and {@link #bounded} bound it. */
  private CompletableFuture<HttpResponse<byte[]>> exchange(HttpRequest req) {
    if (executors.isClosed()) {
      return CompletableFuture.failedFuture(new IOException("the Backend API client is closed"));
    }
    try {
      return http.sendAsync(req, LimitedBody.handler(maxBodyBytes));
    } catch (RuntimeException e) {
      // An HttpClient whose executor has been shut down refuses new exchanges.
      return CompletableFuture.failedFuture(new IOException("the HTTP client refused the call: " + e, e));
    }
  }

  /**
   * The time one exchange may take, connect to last byte: the request timeout. {@link HttpClient}'s
   * own timeout ends when the response headers arrive; a body that then trickles in would hold the
   * caller (often a request thread authenticating a user) for ever, so the whole exchange is bounded
   * by the same duration.
   */
  private static @Nullable Duration limit(HttpRequest req) {
    return req.timeout().orElse(null);
  }

  private static HttpTimeoutException timedOut(Duration limit) {
    return new HttpTimeoutException("response not complete within " + limit);
  }

  /** The exchange, failed with {@link HttpTimeoutException} after {@link #limit} (timer of this client). */
  private CompletableFuture<HttpResponse<byte[]>> bounded(CompletableFuture<HttpResponse<byte[]>> pending, HttpRequest req) {
    Duration limit = limit(req);
    if (limit == null) {
      return pending;
    }
    CompletableFuture<HttpResponse<byte[]>> bounded = executors.within(pending, limit, () -> timedOut(limit));
    bounded.whenComplete((r, e) -> {
      if (e != null) {
        pending.cancel(true);
      }
    });
    return bounded;
  }

  /** Waits for {@link #exchange} on the calling thread at most {@link #limit}, unwrapping its failure. */
  private static HttpResponse<byte[]> await(CompletableFuture<HttpResponse<byte[]>> pending, HttpRequest req)
      throws IOException, InterruptedException {
    Duration limit = limit(req);
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

  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  /** Adds which call failed to a transport failure, keeping its type where callers test it. */
  private IOException contextualize(IOException e, Call c, HttpRequest req) {
    String what = "Clerk Backend API " + c.describe();
    IOException out;
    LimitedBody.TooLargeException tooLarge = LimitedBody.TooLargeException.find(e);
    if (tooLarge != null) {
      return new MalformedResponseException(
          what + " answered HTTP " + tooLarge.statusCode() + " with a body larger than " + tooLarge.maxBytes() + " bytes",
          tooLarge.statusCode(), e);
    }
    if (e instanceof HttpConnectTimeoutException) {
      out = new HttpConnectTimeoutException(what + ": connect timed out");
    } else if (e instanceof HttpTimeoutException) {
      out = new HttpTimeoutException(
          what + ": no answer within " + req.timeout().map(Duration::toString).orElse("the timeout"));
    } else if (e instanceof ConnectException) {
      out = new ConnectException(what + ": cannot connect to " + apiUrl + ": " + redact(String.valueOf(e.getMessage())));
    } else if (e instanceof MalformedResponseException) {
      return e;
    } else {
      out = new IOException(what + " failed: " + redact(e.toString()));
    }
    out.initCause(e);
    return out;
  }

  String redact(String s) {
    String k = secretKey;
    return k == null || k.isEmpty() ? s : s.replace(k, "[redacted]");
  }

  // ---- decoding -------------------------------------------------------------------------

  /** The answer if 2xx, else Clerk's error as a {@link ClerkApiException}. */
  Response requireSuccess(Call c, Response r) {
    if (r.status() >= 200 && r.status() < 300) {
      return r;
    }
    throw apiException(c, r);
  }

  ClerkApiException apiException(Call c, Response r) {
    List<ClerkError> errors = new ArrayList<>();
    String trace = r.headers().firstValue("x-clerk-trace-id").orElse(null);
    boolean parsed = false;
    try {
      JsonValue v = parse(r.text());
      if (v instanceof JsonObject o) {
        parsed = true;
        for (JsonValue e : JsonValues.array(o, "errors")) {
          if (e instanceof JsonObject eo) {
            String code = JsonValues.string(eo, "code");
            String message = JsonValues.string(eo, "message");
            errors.add(
                new ClerkError(
                    code != null ? code : "unknown",
                    redact(message != null ? message : ""),
                    longMessage(eo),
                    JsonValues.map(eo, "meta")));
          }
        }
        String bodyTrace = JsonValues.string(o, "clerk_trace_id");
        if (bodyTrace != null) {
          trace = bodyTrace;
        }
      }
    } catch (RuntimeException e) {
      // Not Clerk's JSON (a proxy's HTML page, say): keep the status, report no errors.
      parsed = false;
    }
    StringBuilder msg =
        new StringBuilder("Clerk Backend API ").append(c.describe()).append(" answered HTTP ").append(r.status());
    if (!errors.isEmpty()) {
      ClerkError first = errors.get(0);
      msg.append(": ").append(first.code());
      if (!first.message().isEmpty()) {
        msg.append(" (").append(first.message()).append(')');
      }
    } else if (!parsed) {
      msg.append(" with a body that is not Clerk's error JSON");
    }
    if (trace != null) {
      msg.append(" [clerk_trace_id ").append(trace).append(']');
    }
    Duration retryAfter =
        RetryAfter.parse(r.headers().firstValue("Retry-After").orElse(null), clock.instant()).orElse(null);
    return new ClerkApiException(redact(msg.toString()), r.status(), errors, trace, retryAfter);
  }

  private @Nullable String longMessage(JsonObject eo) {
    String lm = JsonValues.string(eo, "long_message");
    return lm == null ? null : redact(lm);
  }

  JsonValue parse(String text) {
    try (JsonReader reader = json.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }

  /** Parses a 2xx body as JSON, or fails with {@link MalformedResponseException}. */
  JsonValue parseSuccess(Call c, Response r) throws MalformedResponseException {
    if (r.body().length == 0) {
      throw malformed(c, r, "is empty", null);
    }
    try {
      return parse(r.text());
    } catch (RuntimeException e) {
      // JsonParsingException for bad syntax; providers differ on other shapes of garbage.
      throw malformed(c, r, "is not JSON", e);
    }
  }

  MalformedResponseException malformed(Call c, Response r, String what, @Nullable Throwable cause) {
    return new MalformedResponseException(
        "Clerk Backend API " + c.describe() + " answered HTTP " + r.status() + " with a body that " + what
            + (cause != null && cause.getMessage() != null ? ": " + redact(cause.getMessage()) : ""),
        r.status(),
        cause);
  }

  JsonObject object(Call c, Response r) throws MalformedResponseException {
    JsonValue v = parseSuccess(c, r);
    if (v instanceof JsonObject o) {
      return o;
    }
    throw malformed(c, r, "is JSON " + v.getValueType().name().toLowerCase(java.util.Locale.ROOT) + ", not an object", null);
  }

  /** The items of a list answer: either a bare array or Clerk's {@code {"data":[…]}} page. */
  JsonArray items(Call c, JsonValue v, Response r) throws MalformedResponseException {
    if (v instanceof JsonArray a) {
      return a;
    }
    if (v instanceof JsonObject o && o.get("data") instanceof JsonArray a) {
      return a;
    }
    throw malformed(c, r, "is neither a JSON array nor a page with \"data\"", null);
  }

  @Override
  public String toString() {
    return "ApiTransport{" + apiUrl + "/" + apiVersion + "}";
  }

  static Map<String, Object> mapOf(@Nullable Object... kv) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      if (kv[i + 1] != null) {
        m.put(String.valueOf(kv[i]), java.util.Objects.requireNonNull(kv[i + 1]));
      }
    }
    return m;
  }
}
