package dev.clerk.jakarta.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@link FakeClerk}'s HTTP side: the loopback server ({@code com.sun.net.httpserver}), its routes,
 * the request log and the faults. Thread-safe.
 */
final class FakeServer {
  private static final System.Logger LOG = System.getLogger(FakeClerk.class.getName());

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Route> routes = new CopyOnWriteArrayList<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final Map<String, ConcurrentLinkedDeque<Fault>> queuedFaults = new ConcurrentHashMap<>();
  private final Map<String, Fault> persistentFaults = new ConcurrentHashMap<>();

  private record Route(String method, Pattern path, FakeHandler handler) {}

  /** Binds {@code port} on loopback (0: a free one); serves nothing until {@link #start}. */
  FakeServer(int port) throws IOException {
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-clerk");
              t.setDaemon(true);
              return t;
            });
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
  }

  void start() {
    server.start();
  }

  /** See {@link FakeClerk#apiUrl()}. */
  String apiUrl() {
    return "http://"
        + server.getAddress().getAddress().getHostAddress()
        + ":"
        + server.getAddress().getPort();
  }

  int port() {
    return server.getAddress().getPort();
  }

  /** See {@link FakeClerk#route}. */
  void route(String method, String pathRegex, FakeHandler handler) {
    routes.add(0, new Route(method.toUpperCase(Locale.ROOT), Pattern.compile(pathRegex), handler));
  }

  List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  List<RecordedRequest> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  void clearRequests() {
    requests.clear();
  }

  void enqueueFault(String path, Fault fault) {
    queuedFaults.computeIfAbsent(path, k -> new ConcurrentLinkedDeque<>()).add(fault);
  }

  void failAlways(String path, Fault fault) {
    persistentFaults.put(path, fault);
  }

  void clearFaults() {
    queuedFaults.clear();
    persistentFaults.clear();
  }

  private void dispatch(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
      String path = ex.getRequestURI().getRawPath();
      Map<String, List<String>> headers = new LinkedHashMap<>();
      ex.getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      byte[] bodyBytes;
      try (InputStream in = ex.getRequestBody()) {
        bodyBytes = in.readAllBytes();
      }
      RecordedRequest req =
          new RecordedRequest(
              method,
              path,
              ex.getRequestURI().getRawQuery(),
              Map.copyOf(headers),
              new String(bodyBytes, StandardCharsets.UTF_8));
      requests.add(req);

      Fault fault = null;
      ConcurrentLinkedDeque<Fault> queue = queuedFaults.get(path);
      if (queue != null) {
        fault = queue.poll();
      }
      if (fault == null) {
        fault = persistentFaults.get(path);
      }
      if (fault != null) {
        switch (fault.kind) {
          case DELAY -> sleep(fault.delay);
          case DISCONNECT -> {
            // Close without a status line: the client sees a broken connection.
            ex.getHttpContext().getServer();
            ex.getResponseBody().close();
            return;
          }
          case RESPONSE, GARBAGE -> {
            send(ex, Objects.requireNonNull(fault.response));
            return;
          }
          case TRUNCATE -> {
            // Answered below, cut short.
          }
        }
      }

      FakeResponse response = null;
      boolean pathKnown = false;
      for (Route r : routes) {
        if (r.path().matcher(path).matches()) {
          pathKnown = true;
          if (r.method().equals("*") || r.method().equals(method)) {
            try {
              response = r.handler().handle(req);
            } catch (Exception e) {
              LOG.log(
                  System.Logger.Level.WARNING,
                  "FakeClerk handler failed for " + method + " " + path,
                  e);
              response =
                  FakeResponse.clerkError(500, "internal_clerk_error", "Handler failed: " + e);
            }
            break;
          }
        }
      }
      if (response == null) {
        response =
            pathKnown
                ? FakeResponse.clerkError(405, "method_not_allowed", "Method not allowed")
                : FakeResponse.clerkError(404, "resource_not_found", "Not found");
      }
      if (fault != null && fault.kind == Fault.Kind.TRUNCATE) {
        sendTruncated(ex, response);
        return;
      }
      send(ex, response);
    }
  }

  private static void sleep(java.time.Duration d) {
    try {
      TimeUnit.MILLISECONDS.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Sends the headers announcing the whole body and half of it, then fails the exchange: the JDK
   * server drops the connection of a handler that throws.
   */
  private static void sendTruncated(HttpExchange ex, FakeResponse r) throws IOException {
    for (Map.Entry<String, String> h : r.headers()) {
      ex.getResponseHeaders().add(h.getKey(), h.getValue());
    }
    byte[] body = r.body();
    ex.sendResponseHeaders(r.status(), Math.max(2, body.length));
    OutputStream out = ex.getResponseBody();
    out.write(body, 0, body.length / 2);
    out.flush();
    throw new IOException("FakeClerk: answer truncated on purpose");
  }

  private static void send(HttpExchange ex, FakeResponse r) throws IOException {
    for (Map.Entry<String, String> h : r.headers()) {
      ex.getResponseHeaders().add(h.getKey(), h.getValue());
    }
    byte[] body = r.body();
    ex.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** Stops the server at once. */
  void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
