package dev.clerk.jakarta.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A real Clerk for tests, in-process on loopback ({@code com.sun.net.httpserver}, no dependency but
 * jose4j): the Backend API's {@code GET /v1/jwks} (secret key checked), RSA keys with rotation,
 * session-token minting, request recording and fault injection. Tests and extensions add endpoints
 * with {@link #route}.
 *
 * <pre>
 * try (FakeClerk clerk = FakeClerk.start()) {
 *   String token = clerk.sessionToken().subject("user_123").sign();
 *   // configure the code under test with clerk.apiUrl(), clerk.secretKey(), clerk.publishableKey()
 * }
 * </pre>
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class FakeClerk implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(FakeClerk.class.getName());

  private final HttpServer server;
  private final ExecutorService executor;
  private final String secretKey;
  private final String frontendApi;
  private final boolean production;
  private volatile Clock clock;
  private final List<FakeKey> keys = new CopyOnWriteArrayList<>();
  private volatile FakeKey signingKey;
  private final List<Route> routes = new CopyOnWriteArrayList<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private final Map<String, ConcurrentLinkedDeque<Fault>> queuedFaults = new ConcurrentHashMap<>();
  private final Map<String, Fault> persistentFaults = new ConcurrentHashMap<>();
  private final AtomicInteger keyCounter = new AtomicInteger();
  private final FakeBackendApi backendApi;

  private record Route(String method, Pattern path, FakeHandler handler) {}

  private FakeClerk(Builder b) throws IOException {
    this.secretKey = b.secretKey != null ? b.secretKey : (b.production ? "sk_live_" : "sk_test_") + random(24);
    this.production = b.production;
    this.frontendApi =
        b.frontendApi != null
            ? b.frontendApi
            : (b.production ? "clerk.fake-" + random(4).toLowerCase(Locale.ROOT) + ".test"
                : "fake-clerk-" + (10 + new SecureRandom().nextInt(89)) + ".clerk.accounts.dev");
    this.clock = b.clock;
    FakeKey first = FakeKey.generate(nextKid());
    keys.add(first);
    this.signingKey = first;
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-clerk");
              t.setDaemon(true);
              return t;
            });
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 0);
    server.setExecutor(executor);
    server.createContext("/", this::dispatch);
    route("GET", "/v1/jwks", this::jwks);
    this.backendApi = new FakeBackendApi(this);
    server.start();
  }

  /** {@return a development FakeClerk on a free loopback port} */
  public static FakeClerk start() {
    return builder().start();
  }

  /** {@return a builder} */
  public static Builder builder() {
    return new Builder();
  }

  private String nextKid() {
    return "ins_fake" + keyCounter.incrementAndGet() + random(6);
  }

  private static String random(int bytes) {
    byte[] b = new byte[bytes];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b).substring(0, bytes);
  }

  // ---- identity --------------------------------------------------------------------------

  /** {@return the Backend API base URL, e.g. {@code http://127.0.0.1:54321}} */
  public String apiUrl() {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
  }

  /** {@return the port} */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@return the secret key this instance accepts} */
  public String secretKey() {
    return secretKey;
  }

  /** {@return the Frontend API host encoded in the publishable key} */
  public String frontendApi() {
    return frontendApi;
  }

  /** {@return whether this is a production instance ({@code pk_live_})} */
  public boolean isProduction() {
    return production;
  }

  /** {@return the publishable key of {@link #frontendApi()}} */
  public String publishableKey() {
    return (production ? "pk_live_" : "pk_test_")
        + Base64.getEncoder().withoutPadding()
            .encodeToString((frontendApi + "$").getBytes(StandardCharsets.ISO_8859_1));
  }

  /** {@return the issuer of minted tokens: {@code https://<frontendApi>}} */
  public String issuer() {
    return "https://" + frontendApi;
  }

  /** {@return the clock used for minting} */
  public Clock clock() {
    return clock;
  }

  /**
   * Changes the clock used for minting.
   *
   * @param clock the clock
   */
  public void setClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
  }

  // ---- keys and tokens ------------------------------------------------------------------

  /** {@return the key new tokens are signed with} */
  public FakeKey signingKey() {
    return signingKey;
  }

  /** {@return the keys the JWKS publishes} */
  public List<FakeKey> publishedKeys() {
    return List.copyOf(keys);
  }

  /**
   * Adds a new key, publishes it and signs new tokens with it; the old keys stay published until
   * {@link #unpublish}.
   *
   * @return the new key
   */
  public FakeKey rotateKey() {
    FakeKey k = FakeKey.generate(nextKid());
    keys.add(k);
    signingKey = k;
    return k;
  }

  /**
   * Stops publishing a key (tokens signed with it then fail with an unknown kid).
   *
   * @param key the key
   */
  public void unpublish(FakeKey key) {
    keys.remove(key);
  }

  /**
   * {@return a key that is not published, for signatures Clerk would not recognise}
   *
   * @param kid its kid (use the signing key's kid for a "wrong key, right kid" token)
   */
  public FakeKey foreignKey(String kid) {
    return FakeKey.generate(kid);
  }

  /** {@return a builder for a session token signed with {@link #signingKey()}} */
  public TokenBuilder sessionToken() {
    return new TokenBuilder(signingKey, clock.instant(), issuer());
  }

  /** {@return the JWKS JSON as served} */
  public String jwksJson() {
    List<Object> list = new ArrayList<>();
    for (FakeKey k : keys) {
      list.add(k.jwk());
    }
    return Json.write(Map.of("keys", list));
  }

  private FakeResponse jwks(RecordedRequest req) {
    FakeResponse denied = checkSecretKey(req);
    return denied != null ? denied : FakeResponse.json(200, jwksJson());
  }

  /**
   * {@return null when the request carries {@code Authorization: Bearer <secret key>}, else Clerk's
   * 401 {@code clerk_key_invalid} error} For route handlers.
   *
   * @param req the request
   */
  public @Nullable FakeResponse checkSecretKey(RecordedRequest req) {
    String auth = req.header("Authorization");
    if (auth != null && auth.equals("Bearer " + secretKey)) {
      return null;
    }
    return FakeResponse.clerkError(401, "clerk_key_invalid", "The provided Clerk Secret Key is invalid.");
  }

  // ---- Backend API state (see FakeBackendApi) ------------------------------------------

  /** {@return the in-memory Backend API: handshake payloads, refresh tokens, machine tokens, …} */
  public FakeBackendApi backendApi() {
    return backendApi;
  }

  /**
   * Shortcut for {@link FakeBackendApi#putHandshakePayload}.
   *
   * @param nonce the nonce
   * @param directives {@code Set-Cookie} values
   */
  public void putHandshakePayload(String nonce, String... directives) {
    backendApi.putHandshakePayload(nonce, directives);
  }

  /**
   * {@return a handshake token as the Frontend API puts it in {@code __clerk_handshake}: a JWT signed
   * with {@link #signingKey()} whose {@code handshake} claim lists the directives} Customise it
   * (category header, foreign key) with {@code sessionToken().claim("handshake", directives)}.
   *
   * @param directives {@code Set-Cookie} values, e.g. {@code "__session=<jwt>; Path=/"}
   */
  public String handshakeToken(String... directives) {
    return sessionToken().claim("handshake", List.of(directives)).sign();
  }

  /**
   * Shortcut for {@link FakeBackendApi#registerRefreshToken}.
   *
   * @param refreshToken the refresh token
   * @param sessionId the session id
   * @param userId the user id
   */
  public void registerRefreshToken(String refreshToken, String sessionId, String userId) {
    backendApi.registerRefreshToken(refreshToken, sessionId, userId);
  }

  /**
   * Shortcut for {@link FakeBackendApi#registerApiKey}.
   *
   * @param secret the {@code ak_…} secret
   * @param subject {@code user_…} or {@code org_…}
   * @param scopes scopes
   * @return the served JSON object
   */
  public Map<String, Object> registerApiKey(String secret, String subject, String... scopes) {
    return backendApi.registerApiKey(secret, subject, scopes);
  }

  /**
   * Shortcut for {@link FakeBackendApi#registerM2mToken}.
   *
   * @param token the {@code mt_…} token
   * @param subject {@code mch_…}
   * @param scopes scopes
   * @return the served JSON object
   */
  public Map<String, Object> registerM2mToken(String token, String subject, String... scopes) {
    return backendApi.registerM2mToken(token, subject, scopes);
  }

  /**
   * Shortcut for {@link FakeBackendApi#registerOAuthToken}.
   *
   * @param token the {@code oat_…} token
   * @param subject {@code user_…}
   * @param clientId the client id
   * @param scopes scopes
   * @return the served JSON object
   */
  public Map<String, Object> registerOAuthToken(String token, String subject, String clientId, String... scopes) {
    return backendApi.registerOAuthToken(token, subject, clientId, scopes);
  }

  // ---- routes, recording, faults --------------------------------------------------------

  /**
   * Adds an endpoint; a later route for the same method and path wins.
   *
   * @param method HTTP method, or {@code *}
   * @param pathRegex a regular expression the whole raw path must match, e.g. {@code /v1/users/[^/]+}
   * @param handler the handler
   */
  public void route(String method, String pathRegex, FakeHandler handler) {
    routes.add(0, new Route(method.toUpperCase(Locale.ROOT), Pattern.compile(pathRegex), handler));
  }

  /** {@return every request received, in order} */
  public List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /**
   * {@return the requests to one path}
   *
   * @param path the raw path, e.g. {@code /v1/jwks}
   */
  public List<RecordedRequest> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  /**
   * {@return how many requests one path received}
   *
   * @param path the raw path
   */
  public int requestCount(String path) {
    return requests(path).size();
  }

  /** {@return how many JWKS fetches arrived} */
  public int jwksRequestCount() {
    return requestCount("/v1/jwks");
  }

  /** Forgets the recorded requests. */
  public void clearRequests() {
    requests.clear();
  }

  /**
   * Answers the next request to {@code path} with {@code fault} (once per call; queued in order).
   *
   * @param path the raw path, e.g. {@code /v1/jwks}
   * @param fault the fault
   */
  public void enqueueFault(String path, Fault fault) {
    queuedFaults.computeIfAbsent(path, k -> new ConcurrentLinkedDeque<>()).add(fault);
  }

  /**
   * Answers every request to {@code path} with {@code fault} until {@link #clearFaults()}.
   *
   * @param path the raw path
   * @param fault the fault
   */
  public void failAlways(String path, Fault fault) {
    persistentFaults.put(path, fault);
  }

  /** Removes all faults. */
  public void clearFaults() {
    queuedFaults.clear();
    persistentFaults.clear();
  }

  private void dispatch(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
      String path = ex.getRequestURI().getRawPath();
      Map<String, List<String>> headers = new LinkedHashMap<>();
      ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
      byte[] bodyBytes;
      try (InputStream in = ex.getRequestBody()) {
        bodyBytes = in.readAllBytes();
      }
      RecordedRequest req =
          new RecordedRequest(
              method, path, ex.getRequestURI().getRawQuery(), Map.copyOf(headers),
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
              LOG.log(System.Logger.Level.WARNING, "FakeClerk handler failed for " + method + " " + path, e);
              response = FakeResponse.clerkError(500, "internal_clerk_error", "Handler failed: " + e);
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

  /** Stops the server at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  @Override
  public String toString() {
    return "FakeClerk{" + apiUrl() + ", " + frontendApi + "}";
  }

  /** Builds a {@link FakeClerk}. Not thread-safe. */
  public static final class Builder {
    private boolean production;
    private @Nullable String frontendApi;
    private @Nullable String secretKey;
    private int port;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /**
     * Makes it a production instance ({@code pk_live_}, {@code sk_live_}).
     *
     * @return this builder
     */
    public Builder production() {
      this.production = true;
      return this;
    }

    /**
     * Sets the Frontend API host encoded in the publishable key.
     *
     * @param host e.g. {@code clerk.example.com}
     * @return this builder
     */
    public Builder frontendApi(String host) {
      this.frontendApi = Objects.requireNonNull(host, "host == null");
      return this;
    }

    /**
     * Sets the secret key it accepts.
     *
     * @param secretKey e.g. {@code sk_test_abc}
     * @return this builder
     */
    public Builder secretKey(String secretKey) {
      this.secretKey = Objects.requireNonNull(secretKey, "secretKey == null");
      return this;
    }

    /**
     * Sets the port (default 0: a free one).
     *
     * @param port the port
     * @return this builder
     */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * Sets the clock used for minting.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Starts the server.
     *
     * @return the running FakeClerk
     * @throws IllegalStateException when the port cannot be bound
     */
    public FakeClerk start() {
      try {
        return new FakeClerk(this);
      } catch (IOException e) {
        throw new IllegalStateException("FakeClerk could not bind port " + port + ": " + e.getMessage(), e);
      }
    }
  }
}
