package dev.clerk.jakarta.testing;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A real Clerk for tests, in-process on loopback ({@code com.sun.net.httpserver}, no dependency but
 * jose4j): the Backend API's {@code GET /v1/jwks} (secret key checked) and {@linkplain
 * #backendApi() more}, the Frontend API a browser signs in through ({@link #frontend()}), RSA keys
 * with rotation, token minting ({@link #tokens()}, {@link #sessionToken()}), request recording and
 * fault injection. Tests and extensions add endpoints with {@link #route}. Needs no test framework;
 * with JUnit 5, {@link dev.clerk.jakarta.testing.junit.FakeClerkTest} starts and injects it.
 *
 * <pre>
 * try (FakeClerk fake = FakeClerk.start()) {
 *   Clerk clerk = Clerk.create(ClerkOptions.fromMap(fake.settings().initParams()));
 *   FakeCredential alice = fake.tokens().session("user_alice", "org_1", "org:admin");
 *   // send "Authorization: " + alice.authorizationHeader() to the code under test
 *   fake.failAlways("/v1/jwks", Fault.status(503)); // and see how it copes
 * }
 * </pre>
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class FakeClerk implements AutoCloseable {
  private final FakeServer server;
  private final FakeInstance instance;
  private volatile Clock clock;
  private final FakeKeyRing keys = new FakeKeyRing();
  private final FakeBackendApi backendApi;
  private final FakeWebhooks webhooks;
  private final FakeFrontendApi frontend;
  private final FakeTokens tokens = new FakeTokens(this);
  private final FakeClerkSettings settings;

  private FakeClerk(Builder b) throws IOException {
    this.instance = FakeInstance.of(b.secretKey, b.frontendApi, b.production);
    this.clock = b.clock;
    this.server = new FakeServer(b.port);
    route("GET", "/v1/jwks", this::jwks);
    this.backendApi = new FakeBackendApi(this);
    this.webhooks = new FakeWebhooks(this::clock, "ins_fake" + FakeInstance.random(12));
    this.frontend = FakeFrontendApi.create(this);
    this.settings = new FakeClerkSettings(this);
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

  // ---- identity --------------------------------------------------------------------------

  /** {@return the Backend API base URL, e.g. {@code http://127.0.0.1:54321}} */
  public String apiUrl() {
    return server.apiUrl();
  }

  /** {@return the port} */
  public int port() {
    return server.port();
  }

  /** {@return the secret key this instance accepts} */
  public String secretKey() {
    return instance.secretKey();
  }

  /** {@return the Frontend API host encoded in the publishable key} */
  public String frontendApi() {
    return instance.frontendApi();
  }

  /** {@return whether this is a production instance ({@code pk_live_})} */
  public boolean isProduction() {
    return instance.production();
  }

  /** {@return the publishable key of {@link #frontendApi()}} */
  public String publishableKey() {
    return instance.publishableKey();
  }

  /** {@return the issuer of minted tokens: {@code https://<frontendApi>}} */
  public String issuer() {
    return instance.issuer();
  }

  /**
   * {@return the dev browser token ({@code __clerk_db_jwt}) of this development instance, or null
   * for a production one}
   */
  public @Nullable String devBrowserToken() {
    return instance.production() ? null : frontend.devBrowserToken();
  }

  /**
   * {@return the settings that point an application at this instance, under each of their names}
   */
  public FakeClerkSettings settings() {
    return settings;
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
    return keys.signingKey();
  }

  /** {@return the keys the JWKS publishes} */
  public List<FakeKey> publishedKeys() {
    return keys.publishedKeys();
  }

  /**
   * Adds a new key, publishes it and signs new tokens with it; the old keys stay published until
   * {@link #unpublish}.
   *
   * @return the new key
   */
  public FakeKey rotateKey() {
    return keys.rotate();
  }

  /**
   * Stops publishing a key (tokens signed with it then fail with an unknown kid).
   *
   * @param key the key
   */
  public void unpublish(FakeKey key) {
    keys.unpublish(key);
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
    return new TokenBuilder(keys.signingKey(), clock.instant(), issuer(), devBrowserToken());
  }

  /** {@return the shortest ways to session tokens and machine tokens of this instance} */
  public FakeTokens tokens() {
    return tokens;
  }

  /** {@return the Frontend API routes a browser signs in, refreshes and signs out through} */
  public FakeFrontendApi frontend() {
    return frontend;
  }

  /** {@return the JWKS JSON as served} */
  public String jwksJson() {
    return keys.jwksJson();
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
    if (auth != null && auth.equals("Bearer " + instance.secretKey())) {
      return null;
    }
    return FakeResponse.clerkError(
        401, "clerk_key_invalid", "The provided Clerk Secret Key is invalid.");
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
   * {@return a handshake token as the Frontend API puts it in {@code __clerk_handshake}: a JWT
   * signed with {@link #signingKey()} whose {@code handshake} claim lists the directives} Customise
   * it (category header, foreign key) with {@code sessionToken().claim("handshake", directives)}.
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
  public Map<String, Object> registerOAuthToken(
      String token, String subject, String clientId, String... scopes) {
    return backendApi.registerOAuthToken(token, subject, clientId, scopes);
  }

  /** {@return the webhooks this instance signs and delivers} */
  public FakeWebhooks webhooks() {
    return webhooks;
  }

  /**
   * {@return the signing secret ({@code whsec_…}) of {@link #webhooks()}, for the endpoint under
   * test}
   */
  public String webhookSigningSecret() {
    return webhooks.signingSecret();
  }

  // ---- routes, recording, faults --------------------------------------------------------

  /**
   * Adds an endpoint; a later route for the same method and path wins.
   *
   * @param method HTTP method, or {@code *}
   * @param pathRegex a regular expression the whole raw path must match, e.g. {@code
   *     /v1/users/[^/]+}
   * @param handler the handler
   */
  public void route(String method, String pathRegex, FakeHandler handler) {
    server.route(method, pathRegex, handler);
  }

  /** {@return every request received, in order} */
  public List<RecordedRequest> requests() {
    return server.requests();
  }

  /**
   * {@return the requests to one path}
   *
   * @param path the raw path, e.g. {@code /v1/jwks}
   */
  public List<RecordedRequest> requests(String path) {
    return server.requests(path);
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
    server.clearRequests();
  }

  /**
   * Answers the next request to {@code path} with {@code fault} (once per call; queued in order).
   *
   * @param path the raw path, e.g. {@code /v1/jwks}
   * @param fault the fault
   */
  public void enqueueFault(String path, Fault fault) {
    server.enqueueFault(path, fault);
  }

  /**
   * Answers every request to {@code path} with {@code fault} until {@link #clearFaults()}.
   *
   * @param path the raw path
   * @param fault the fault
   */
  public void failAlways(String path, Fault fault) {
    server.failAlways(path, fault);
  }

  /** Removes all faults. */
  public void clearFaults() {
    server.clearFaults();
  }

  /** Stops the server at once. */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "FakeClerk{" + apiUrl() + ", " + instance.frontendApi() + "}";
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
        throw new IllegalStateException(
            "FakeClerk could not bind port " + port + ": " + e.getMessage(), e);
      }
    }
  }
}
