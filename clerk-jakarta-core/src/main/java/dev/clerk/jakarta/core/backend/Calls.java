package dev.clerk.jakarta.core.backend;

import dev.clerk.jakarta.core.internal.Telemetry;
import dev.clerk.jakarta.core.internal.http.HttpTransport;
import dev.clerk.jakarta.core.internal.http.HttpTransport.Answer;
import dev.clerk.jakarta.core.internal.json.JsonValues;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * Runs {@link Call}s for the resources and maps answers to models: non-2xx to {@link
 * ClerkApiException}, an unexpected 2xx body to {@link MalformedResponseException}. Thread-safe.
 */
final class Calls {
  final ApiTransport transport;
  final CallOptions options;

  Calls(ApiTransport transport, CallOptions options) {
    this.transport = transport;
    this.options = options;
  }

  /** {@code /{apiVersion}} + path. */
  Call v(String method, String path) {
    return Call.of(method, HttpTransport.versioned(transport.apiVersion, path));
  }

  /** Sends {@code c}, its retries included, reported to the telemetry as one call. */
  Answer send(Call c) throws IOException {
    Telemetry.Span span = transport.telemetry.backendCall(c.method, c.template);
    if (span == null) {
      return transport.requireSuccess(c, transport.send(c, options));
    }
    Answer r;
    try {
      r = transport.send(c, options);
    } catch (IOException | RuntimeException e) {
      span.failed(e);
      throw e;
    }
    span.done(r.status());
    return transport.requireSuccess(c, r);
  }

  /**
   * Sends {@code c} without waiting, reported to the telemetry when it completes, on the completing
   * thread, before the caller's next stage runs.
   */
  CompletableFuture<Answer> sendAsync(Call c) {
    Telemetry.Span span = transport.telemetry.backendCall(c.method, c.template);
    CompletableFuture<Answer> sent = transport.sendAsync(c, options);
    if (span != null) {
      sent =
          sent.whenComplete(
              (r, e) -> {
                if (e != null) {
                  span.failed(
                      e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
                } else {
                  span.done(r.status());
                }
              });
    }
    return sent.thenApply(r -> transport.requireSuccess(c, r));
  }

  <T> T object(Call c, Function<JsonObject, T> mapper) throws IOException {
    return mapObject(c, send(c), mapper);
  }

  <T> CompletableFuture<T> objectAsync(Call c, Function<JsonObject, T> mapper) {
    return sendAsync(c)
        .thenApply(
            r -> {
              try {
                return mapObject(c, r, mapper);
              } catch (MalformedResponseException e) {
                throw new CompletionException(e);
              }
            });
  }

  private <T> T mapObject(Call c, Answer r, Function<JsonObject, T> mapper)
      throws MalformedResponseException {
    JsonObject o = transport.object(c, r);
    try {
      return mapper.apply(o);
    } catch (RuntimeException e) {
      throw transport.malformed(c, r, "does not have the documented shape", e);
    }
  }

  <T> List<T> list(Call c, Function<JsonObject, T> mapper) throws IOException {
    Answer r = send(c);
    JsonValue v = transport.parseSuccess(c, r);
    return mapItems(c, r, transport.items(c, v, r), mapper);
  }

  <T> Page<T> page(Call c, Function<JsonObject, T> mapper) throws IOException {
    Answer r = send(c);
    JsonValue v = transport.parseSuccess(c, r);
    List<T> data = mapItems(c, r, transport.items(c, v, r), mapper);
    long total = data.size();
    if (v instanceof JsonObject o) {
      try {
        Long t = JsonValues.longValue(o, "total_count");
        if (t != null) {
          total = t;
        }
      } catch (RuntimeException e) {
        throw transport.malformed(c, r, "has a malformed total_count", e);
      }
    }
    return new Page<>(data, total);
  }

  private <T> List<T> mapItems(Call c, Answer r, JsonArray a, Function<JsonObject, T> mapper)
      throws MalformedResponseException {
    List<T> out = new ArrayList<>(a.size());
    try {
      for (JsonValue item : a) {
        if (!(item instanceof JsonObject o)) {
          throw new JsonValues.MalformedJsonException("a list item is not an object");
        }
        out.add(mapper.apply(o));
      }
    } catch (RuntimeException e) {
      throw transport.malformed(c, r, "does not have the documented shape", e);
    }
    return List.copyOf(out);
  }

  String text(Call c) throws IOException {
    return send(c).text();
  }
}
