package dev.clerk.jakarta.core.backend;

import dev.clerk.jakarta.core.internal.Checks;
import dev.clerk.jakarta.core.internal.ClerkHttpHeaders;
import dev.clerk.jakarta.core.internal.Telemetry;
import dev.clerk.jakarta.core.internal.http.ClerkExecutors;
import dev.clerk.jakarta.core.internal.http.HttpTransport;
import dev.clerk.jakarta.core.internal.http.Sleeper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.DoubleSupplier;

/**
 * A client for Clerk's Backend API ({@code https://api.clerk.com/v1}, Bearer secret key) on {@code
 * java.net.http} and Jakarta JSON-B/JSON-P: a focused set of typed resources plus {@link #request a
 * raw call} for everything else.
 *
 * <pre>
 * BackendApi api = clerk.backendApi();                      // shares Clerk's HttpClient
 * User user = api.users().get("user_123");
 * for (User u : api.users().iterate(ListParams.first(100).withFilter("email_address", "a&#64;example.com"))) {
 *   // pages of 100 are fetched lazily
 * }
 * BackendApi standalone = BackendApi.builder().secretKey(System.getenv("CLERK_SECRET_KEY")).build();
 * </pre>
 *
 * <p>Every request carries {@code Authorization: Bearer <secret key>}, {@code Clerk-API-Version:
 * }{@value #CLERK_API_VERSION}, {@code User-Agent: clerk-jakarta/<version>} and, with a body,
 * {@code Content-Type: application/json}.
 *
 * <p>Errors: a non-2xx answer is an unchecked {@link ClerkApiException} (status, Clerk's errors,
 * trace id); a transport failure (connect, timeout, broken connection) is the {@link
 * java.io.IOException} the methods declare; a 2xx body that is not the documented JSON is a {@link
 * MalformedResponseException} (an {@code IOException}). No message contains the secret key.
 *
 * <p>Retries follow the {@link RetryPolicy} (only safe calls, bounded by attempts and time); change
 * them for the whole client in the builder, or for some calls with {@link #withRetryPolicy} and
 * {@link #withTimeout}, which return a view sharing this client's connections.
 *
 * <p>Time bounds: one attempt takes at most {@link #timeout()} from connect to the last byte of the
 * body (also when the body trickles in); retries add attempts only within {@link
 * RetryPolicy#maxTotalTime()}. A synchronous call waits on the calling thread; an asynchronous one
 * uses this client's own timer.
 *
 * <p>Lifecycle: a client built without {@link Builder#httpClient} creates its {@link HttpClient}
 * (running on at most {@value ClerkExecutors#WORKERS} daemon threads {@code clerk-jakarta-*} of its
 * own); every client has one timer thread, created on first asynchronous use. {@link #close()}
 * stops them; in a web application call it when the application stops (a {@code
 * ServletContextListener}), so that no thread outlives it. {@code Clerk.backendApi()} is closed by
 * {@code Clerk.close()}. A caller's {@link HttpClient} (or {@link Builder#executor executor}) is
 * never closed.
 *
 * <p>Thread-safe; build one per application (or use {@code Clerk.backendApi()}) and share it: it
 * holds one JSON-B instance for its whole life, and its connections belong to the {@link
 * HttpClient}.
 *
 * @since 0.1
 */
public final class BackendApi implements AutoCloseable {
  /** Default base URL. */
  public static final String DEFAULT_API_URL = "https://api.clerk.com";

  /** Default version path segment. */
  public static final String DEFAULT_API_VERSION = "v1";

  /**
   * The {@code Clerk-API-Version} header sent with every request (Clerk's {@code
   * SUPPORTED_BAPI_VERSION}).
   */
  public static final String CLERK_API_VERSION = ClerkHttpHeaders.SUPPORTED_API_VERSION;

  /** Default time for one request (connect to last byte), per attempt. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

  /** Default connect timeout of the {@link HttpClient} a builder creates. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  private final ApiTransport transport;
  private final CallOptions options;
  private final Calls calls;
  private final BackendApiResources resources;

  private BackendApi(ApiTransport transport, CallOptions options) {
    this.transport = transport;
    this.options = options;
    this.calls = new Calls(transport, options);
    this.resources = new BackendApiResources(calls);
  }

  /** {@return a builder} */
  public static Builder builder() {
    return new Builder();
  }

  // ---- views ----------------------------------------------------------------------------

  /**
   * {@return a view of this client that retries with {@code policy}} It shares connections and JSON
   * machinery with this one; use {@link RetryPolicy#none()} to switch retries off.
   *
   * @param policy the policy
   */
  public BackendApi withRetryPolicy(RetryPolicy policy) {
    return new BackendApi(
        transport,
        new CallOptions(options.timeout(), Objects.requireNonNull(policy, "policy == null")));
  }

  /**
   * {@return a view of this client whose requests time out after {@code timeout} (per attempt)}
   *
   * @param timeout positive
   */
  public BackendApi withTimeout(Duration timeout) {
    return new BackendApi(
        transport, new CallOptions(Checks.positive(timeout, "timeout"), options.retry()));
  }

  /** {@return the retry policy of this client or view} */
  public RetryPolicy retryPolicy() {
    return options.retry();
  }

  /** {@return the per-attempt request timeout of this client or view} */
  public Duration timeout() {
    return options.timeout();
  }

  /** {@return the base URL, e.g. {@code https://api.clerk.com}} */
  public String apiUrl() {
    return transport.apiUrl;
  }

  /** {@return the version path segment, e.g. {@code v1}} */
  public String apiVersion() {
    return transport.apiVersion;
  }

  /** {@return the HTTP client used for every call} */
  public HttpClient httpClient() {
    return transport.http();
  }

  // ---- resources ------------------------------------------------------------------------

  /** {@return clients and the handshake payload} */
  public Clients clients() {
    return resources.clients;
  }

  /** {@return sessions} */
  public Sessions sessions() {
    return resources.sessions;
  }

  /** {@return API key verification} */
  public ApiKeys apiKeys() {
    return resources.apiKeys;
  }

  /** {@return M2M token verification} */
  public M2MTokens m2mTokens() {
    return resources.m2mTokens;
  }

  /** {@return OAuth access token verification} */
  public OAuthAccessTokens oauthAccessTokens() {
    return resources.oauthAccessTokens;
  }

  /** {@return users} */
  public Users users() {
    return resources.users;
  }

  /** {@return organizations} */
  public Organizations organizations() {
    return resources.organizations;
  }

  /** {@return organization memberships} */
  public OrganizationMemberships organizationMemberships() {
    return resources.organizationMemberships;
  }

  /** {@return invitations} */
  public Invitations invitations() {
    return resources.invitations;
  }

  /** {@return the sign-up allowlist} */
  public AllowlistIdentifiers allowlistIdentifiers() {
    return resources.allowlistIdentifiers;
  }

  /** {@return the blocklist} */
  public BlocklistIdentifiers blocklistIdentifiers() {
    return resources.blocklistIdentifiers;
  }

  /**
   * {@return the instance's JSON Web Key Set as served: {@code GET /v1/jwks}} For your own
   * verification needs; {@code Clerk.verifyToken} has its own cache.
   *
   * @throws IOException on a transport failure
   * @throws ClerkApiException when Clerk answers non-2xx
   */
  public String jwks() throws IOException {
    return calls.text(calls.v("GET", "/jwks"));
  }

  /** {@return {@link #jwks()} without blocking} */
  public CompletableFuture<String> jwksAsync() {
    return calls.sendAsync(calls.v("GET", "/jwks")).thenApply(HttpTransport.Answer::text);
  }

  /**
   * {@return the HTML of Clerk's public interstitial page: {@code GET /v1/public/interstitial}}
   * Sent without {@code Authorization} (the endpoint is public). Clerk reads {@code
   * publishable_key} (or {@code frontend_api}), {@code proxy_url}, {@code domain}, {@code
   * sign_in_url}, {@code is_satellite}, {@code use_domain_for_script} and {@code clerk_js_version}.
   *
   * @param queryParams the query parameters, in iteration order
   * @throws IOException on a transport failure
   * @throws ClerkApiException when Clerk answers non-2xx
   */
  public String publicInterstitial(Map<String, String> queryParams) throws IOException {
    Objects.requireNonNull(queryParams, "queryParams == null");
    Call c = calls.v("GET", "/public/interstitial").unauthenticated().accept("text/html");
    queryParams.forEach(c::query);
    return calls.text(c);
  }

  /**
   * Stops the threads this client owns and, on Java 21 or later, the {@link HttpClient} it created
   * (see the class description; on Java 17 that client's selector thread ends once it is
   * unreachable). Idempotent; views made with {@code with*} share the resources of the client they
   * come from, so closing one closes them all. Calls made afterwards fail with an {@link
   * IOException}.
   */
  @Override
  public void close() {
    transport.executors.close();
  }

  /**
   * Starts a raw call to any Backend API endpoint (see {@link RawRequest}).
   *
   * @param method e.g. {@code GET}
   * @param path relative to {@code {apiUrl}/{apiVersion}}, e.g. {@code /users/user_1/totp}
   * @return the request to complete and send
   */
  public RawRequest request(String method, String path) {
    return new RawRequest(calls, method, path);
  }

  @Override
  public String toString() {
    return "BackendApi{"
        + transport.apiUrl
        + "/"
        + transport.apiVersion
        + ", timeout="
        + options.timeout()
        + ", "
        + options.retry()
        + "}";
  }

  /**
   * Builds a {@link BackendApi}. Each setter may be called once. Not thread-safe.
   *
   * @since 0.1
   */
  public static final class Builder {
    private final BackendApiSettings settings = new BackendApiSettings();

    private Builder() {}

    /**
     * Sets the secret key ({@code sk_test_…}/{@code sk_live_…}) sent as Bearer. Optional: without
     * it only calls with their own credential work ({@link M2MTokens#verify} with a machine secret
     * key); the others throw {@link IllegalStateException}.
     *
     * @param secretKey the key
     * @return this builder
     * @throws IllegalArgumentException when blank or holding whitespace (the message never shows
     *     it)
     */
    public Builder secretKey(String secretKey) {
      Objects.requireNonNull(secretKey, "secretKey == null");
      BackendApiSettings.once(settings.secretKey, "secretKey");
      settings.secretKey = Checks.secretKey(secretKey);
      return this;
    }

    /**
     * Sets the base URL (default {@value BackendApi#DEFAULT_API_URL}); trailing slashes are
     * dropped.
     *
     * @param apiUrl an absolute http(s) URL without query or fragment
     * @return this builder
     */
    public Builder apiUrl(String apiUrl) {
      Objects.requireNonNull(apiUrl, "apiUrl == null");
      BackendApiSettings.once(settings.apiUrl, "apiUrl");
      settings.apiUrl = Checks.apiBaseUrl(apiUrl, "api url");
      return this;
    }

    /**
     * Sets the version path segment (default {@value BackendApi#DEFAULT_API_VERSION}).
     *
     * @param apiVersion e.g. {@code v1}
     * @return this builder
     */
    public Builder apiVersion(String apiVersion) {
      Objects.requireNonNull(apiVersion, "apiVersion == null");
      BackendApiSettings.once(settings.apiVersion, "apiVersion");
      String v = Checks.apiVersion(apiVersion);
      settings.apiVersion = v;
      return this;
    }

    /**
     * Sets the time one attempt may take, connect to last byte (default {@link #DEFAULT_TIMEOUT}, 3
     * s, as {@code http-timeout-ms}).
     *
     * @param timeout positive
     * @return this builder
     */
    public Builder timeout(Duration timeout) {
      BackendApiSettings.once(settings.timeout, "timeout");
      settings.timeout = Checks.positive(timeout, "timeout");
      return this;
    }

    /**
     * Sets the connect timeout of the client this builder creates (default {@link
     * #DEFAULT_CONNECT_TIMEOUT}, 2 s); not allowed with {@link #httpClient}, whose own setting
     * applies.
     *
     * @param connectTimeout positive
     * @return this builder
     */
    public Builder connectTimeout(Duration connectTimeout) {
      BackendApiSettings.once(settings.connectTimeout, "connectTimeout");
      settings.connectTimeout = Checks.positive(connectTimeout, "connectTimeout");
      return this;
    }

    /**
     * Uses a caller's {@link HttpClient} (e.g. {@code Clerk.httpClient()}, shared with the JWKS
     * source) instead of creating one.
     *
     * @param httpClient the client
     * @return this builder
     */
    public Builder httpClient(HttpClient httpClient) {
      Objects.requireNonNull(httpClient, "httpClient == null");
      BackendApiSettings.once(settings.httpClient, "httpClient");
      settings.httpClient = httpClient;
      return this;
    }

    /**
     * Sets the executor of the client this builder creates (async callbacks run on it); not allowed
     * with {@link #httpClient}.
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder executor(Executor executor) {
      Objects.requireNonNull(executor, "executor == null");
      BackendApiSettings.once(settings.executor, "executor");
      settings.executor = executor;
      return this;
    }

    /**
     * Sets the retry policy (default {@link RetryPolicy#defaults()}; {@link RetryPolicy#none()} to
     * switch retries off).
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder retryPolicy(RetryPolicy policy) {
      Objects.requireNonNull(policy, "policy == null");
      BackendApiSettings.once(settings.retryPolicy, "retryPolicy");
      settings.retryPolicy = policy;
      return this;
    }

    /**
     * Reports each call to {@code telemetry}: a {@code Clerk} passes its event publisher. Not API:
     * {@code Telemetry} is not exported, so no other module can call this.
     *
     * @param telemetry where each call's method, path template, status and time go
     * @return this builder
     */
    @SuppressWarnings("exports")
    public Builder telemetry(Telemetry telemetry) {
      settings.telemetry = Objects.requireNonNull(telemetry, "telemetry == null");
      return this;
    }

    /** For tests: how to wait between retries. */
    Builder sleeper(Sleeper sleeper) {
      settings.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
      return this;
    }

    /** For tests: the clock of the retry budget and of {@code Retry-After} dates. */
    Builder clock(Clock clock) {
      settings.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** For tests: the response body cap (default 16 MiB). */
    Builder maxBodyBytes(long maxBodyBytes) {
      settings.maxBodyBytes = maxBodyBytes;
      return this;
    }

    /** For tests: the jitter source, uniform in [0, 1). */
    Builder random(DoubleSupplier random) {
      settings.random = Objects.requireNonNull(random, "random == null");
      return this;
    }

    /**
     * {@return the client}
     *
     * @throws IllegalStateException when {@link #connectTimeout} or {@link #executor} is combined
     *     with {@link #httpClient}
     * @throws jakarta.json.JsonException or {@link jakarta.json.bind.JsonbException} when no JSON-P
     *     / JSON-B provider is on the class path
     */
    public BackendApi build() {
      return new BackendApi(settings.transport(), settings.callOptions());
    }
  }
}
