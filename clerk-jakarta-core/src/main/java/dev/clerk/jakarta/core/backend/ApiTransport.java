package dev.clerk.jakarta.core.backend;

import dev.clerk.jakarta.core.internal.Telemetry;
import dev.clerk.jakarta.core.internal.http.ClerkExecutors;
import dev.clerk.jakarta.core.internal.http.HttpTransport;
import dev.clerk.jakarta.core.internal.http.HttpTransport.Answer;
import dev.clerk.jakarta.core.internal.http.LimitedBody;
import dev.clerk.jakarta.core.internal.http.Retries;
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
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * Sends Backend API calls through the one {@link HttpTransport} (URL, headers, body cap, time
 * bounds, retries): chooses the credential and the {@link RetryPolicy}, words transport failures
 * for this client's messages, maps error answers and parses JSON. One per {@link BackendApi} family
 * (views made with {@code with*} share it). Thread-safe.
 */
final class ApiTransport {
  private static final System.Logger LOG = System.getLogger(BackendApi.class.getName());

  /** Cap on a response body; Clerk's largest pages are far below it. */
  static final long MAX_BODY_BYTES = 16L * 1024 * 1024;

  final HttpTransport transport;
  final String apiUrl;
  final String apiVersion;
  private final @Nullable String secretKey;
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
      Sleeper sleeper,
      ClerkExecutors executors,
      Clock clock,
      DoubleSupplier random,
      JsonProvider json,
      Jsonb jsonb,
      Telemetry telemetry) {
    this.transport =
        HttpTransport.of(
            http, apiUrl, maxBodyBytes, "the Backend API client", executors, sleeper, clock, LOG);
    this.apiUrl = transport.apiUrl();
    this.apiVersion = apiVersion;
    this.secretKey = secretKey;
    this.executors = executors;
    this.clock = clock;
    this.random = random;
    this.json = json;
    this.jsonb = jsonb;
    this.telemetry = telemetry;
  }

  /** {@return the HTTP client of every call} */
  HttpClient http() {
    return transport.http();
  }

  // ---- building -------------------------------------------------------------------------

  HttpRequest build(Call c, CallOptions o) {
    String bearer = null;
    if (c.authenticated) {
      bearer = c.bearer != null ? c.bearer : secretKey;
      if (bearer == null) {
        throw new IllegalStateException(
            "no Clerk secret key is configured (set CLERK_SECRET_KEY or BackendApi.Builder.secretKey) for "
                + c.describe());
      }
    }
    HttpRequest.Builder b =
        transport.request(
            transport.uri(c.path, c.query.toString()),
            c.timeout != null ? c.timeout : o.timeout(),
            c.accept,
            bearer);
    c.headers.forEach(b::header);
    if (c.body != null) {
      b.header("Content-Type", "application/json");
      b.method(
          c.method, HttpRequest.BodyPublishers.ofString(toJson(c.body), StandardCharsets.UTF_8));
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

  /**
   * The call's {@link RetryPolicy} as the transport's rule; none for a call that is not idempotent.
   */
  private Retries retries(Call c, CallOptions o) {
    RetryPolicy p = c.retry != null ? c.retry : o.retry();
    if (!c.idempotent || p.maxAttempts() == 1) {
      return Retries.none();
    }
    return Retries.backoff(p.maxAttempts(), n -> p.backoff(n, random), p.maxTotalTime());
  }

  Answer send(Call c, CallOptions o) throws IOException {
    HttpRequest req = build(c, o);
    try {
      return transport.send(req, retries(c, o), c.describe());
    } catch (IOException e) {
      if (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
        throw e; // "interrupted during …", the thread's flag set
      }
      throw contextualize(e, c, req);
    }
  }

  CompletableFuture<Answer> sendAsync(Call c, CallOptions o) {
    HttpRequest req;
    try {
      req = build(c, o);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return transport
        .sendAsync(req, retries(c, o), c.describe())
        .exceptionallyCompose(
            err -> {
              Throwable cause = HttpTransport.unwrap(err);
              return CompletableFuture.failedFuture(
                  cause instanceof IOException io ? contextualize(io, c, req) : cause);
            });
  }

  /** Adds which call failed to a transport failure, keeping its type where callers test it. */
  private IOException contextualize(IOException e, Call c, HttpRequest req) {
    String what = "Clerk Backend API " + c.describe();
    IOException out;
    LimitedBody.TooLargeException tooLarge = LimitedBody.TooLargeException.find(e);
    if (tooLarge != null) {
      return new MalformedResponseException(
          what
              + " answered HTTP "
              + tooLarge.statusCode()
              + " with a body larger than "
              + tooLarge.maxBytes()
              + " bytes",
          tooLarge.statusCode(),
          e);
    }
    if (e instanceof HttpConnectTimeoutException) {
      out = new HttpConnectTimeoutException(what + ": connect timed out");
    } else if (e instanceof HttpTimeoutException) {
      out =
          new HttpTimeoutException(
              what
                  + ": no answer within "
                  + req.timeout().map(Duration::toString).orElse("the timeout"));
    } else if (e instanceof ConnectException) {
      out =
          new ConnectException(
              what
                  + ": cannot connect to "
                  + apiUrl
                  + ": "
                  + redact(String.valueOf(e.getMessage())));
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
  Answer requireSuccess(Call c, Answer r) {
    if (r.status() >= 200 && r.status() < 300) {
      return r;
    }
    throw apiException(c, r);
  }

  ClerkApiException apiException(Call c, Answer r) {
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
        new StringBuilder("Clerk Backend API ")
            .append(c.describe())
            .append(" answered HTTP ")
            .append(r.status());
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
        RetryAfter.parse(r.headers().firstValue("Retry-After").orElse(null), clock.instant())
            .orElse(null);
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
  JsonValue parseSuccess(Call c, Answer r) throws MalformedResponseException {
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

  MalformedResponseException malformed(Call c, Answer r, String what, @Nullable Throwable cause) {
    return new MalformedResponseException(
        "Clerk Backend API "
            + c.describe()
            + " answered HTTP "
            + r.status()
            + " with a body that "
            + what
            + (cause != null && cause.getMessage() != null
                ? ": " + redact(cause.getMessage())
                : ""),
        r.status(),
        cause);
  }

  JsonObject object(Call c, Answer r) throws MalformedResponseException {
    JsonValue v = parseSuccess(c, r);
    if (v instanceof JsonObject o) {
      return o;
    }
    throw malformed(
        c,
        r,
        "is JSON " + v.getValueType().name().toLowerCase(java.util.Locale.ROOT) + ", not an object",
        null);
  }

  /** The items of a list answer: either a bare array or Clerk's {@code {"data":[…]}} page. */
  JsonArray items(Call c, JsonValue v, Answer r) throws MalformedResponseException {
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
