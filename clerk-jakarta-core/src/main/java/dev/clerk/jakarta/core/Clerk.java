package dev.clerk.jakarta.core;

import dev.clerk.jakarta.core.auth.AcceptedTokens;
import dev.clerk.jakarta.core.authn.AuthnConfig;
import dev.clerk.jakarta.core.authn.ClerkAuthServices;
import dev.clerk.jakarta.core.authn.RequestAuthenticator;
import dev.clerk.jakarta.core.backend.BackendApi;
import dev.clerk.jakarta.core.events.ClerkEvents;
import dev.clerk.jakarta.core.events.EventPublisher;
import dev.clerk.jakarta.core.internal.http.ClerkExecutors;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.OutageReporter;
import dev.clerk.jakarta.core.request.Refusals;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.token.JwksSource;
import dev.clerk.jakarta.core.token.SessionClaims;
import dev.clerk.jakarta.core.token.SessionTokenVerifier;
import dev.clerk.jakarta.core.token.TokenVerificationException;
import dev.clerk.jakarta.core.webhooks.Webhooks;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The entry point: one per Clerk instance per application. Holds the options, one shared {@link
 * HttpClient}, the JWKS cache and the Backend API client, and owns the threads they run on.
 *
 * <pre>
 * Clerk clerk = Clerk.builder()
 *     .secretKey(System.getenv("CLERK_SECRET_KEY"))
 *     .publishableKey(System.getenv("CLERK_PUBLISHABLE_KEY"))
 *     .build();
 * RequestState state = clerk.authenticateRequest(request);
 * </pre>
 *
 * <p>Thread-safe; build it once and share it (adapters share it through the {@code ServletContext}
 * attribute {@link #CONTEXT_ATTRIBUTE}).
 *
 * <h2>Lifecycle</h2>
 *
 * <p>A Clerk owns its threads: at most {@value ClerkExecutors#WORKERS} daemon worker threads {@code
 * clerk-jakarta-<n>-worker-*} (the executor of its {@link HttpClient} and of background JWKS
 * refreshes) and, once asynchronous Backend API calls need it, one timer thread; all are started on
 * demand and end after {@link ClerkExecutors#KEEP_ALIVE} idle. No work runs on a JDK-global pool.
 * {@link #close()} stops them, so that nothing outlives a web application that is stopped or
 * redeployed: the servlet filter and the JAX-RS feature close the Clerk they created themselves
 * when the application stops; close a Clerk you built yourself (e.g. in {@code
 * ServletContextListener.contextDestroyed}).
 *
 * <p>The JDK 17 {@link HttpClient} cannot be closed: after {@code close()} its selector thread
 * ({@code HttpClient-<n>-SelectorManager}) ends by itself once the client is unreachable and a
 * garbage collection has run (it checks every few seconds). It is created with the platform class
 * loader as its context class loader, so it neither pins the web application's class loader through
 * it nor is reported by Tomcat as a thread the application failed to stop; its executor (this
 * Clerk's workers) is shut down. On Java 21 or later {@code close()} also shuts the client down
 * ({@code HttpClient.shutdownNow()}, called reflectively), which ends that thread at once. An
 * {@link HttpClient} given to {@link Builder#httpClient} is never closed. {@code close()} also
 * removes this Clerk's JVM-wide JFR registration (see {@link ClerkEvents}).
 *
 * @since 0.1
 */
public final class Clerk implements AutoCloseable {
  /** {@code ServletContext} attribute under which adapters share one instance per application. */
  public static final String CONTEXT_ATTRIBUTE = "dev.clerk.jakarta.Clerk";

  private static final System.Logger LOG = System.getLogger(Clerk.class.getName());

  private final ClerkOptions options;
  private final ClerkExecutors executors;
  private volatile boolean closed;
  private final HttpClient httpClient;
  private final JwksSource jwksSource;
  private final SessionTokenVerifier sessionTokenVerifier;
  private volatile @Nullable BackendApi backendApi;
  private volatile @Nullable Webhooks webhooks;
  private final RequestAuthenticator authenticator;
  private final OutageReporter outages = new OutageReporter();
  private final EventPublisher events;
  private final Refusals refusals;

  private Clerk(
      ClerkOptions options, @Nullable HttpClient httpClient, List<ClerkEvents> listeners) {
    this.options = options;
    this.events = EventPublisher.start(listeners, outages);
    ClerkExecutors created = null;
    try {
      created = ClerkExecutors.create();
      this.executors = created;
      this.httpClient =
          httpClient != null ? httpClient : created.newHttpClient(options.connectTimeout(), null);
      this.jwksSource =
          ClerkWiring.jwksSource(options, this.httpClient, executors.worker(), events);
      this.sessionTokenVerifier =
          ClerkWiring.sessionTokenVerifier(options, jwksSource, executors.worker());
      this.refusals =
          Refusals.of(options.signInUrl(), options.forwardedHeaders() == ForwardedHeaders.TRUST);
      AuthnConfig authn = ClerkWiring.authnConfig(options);
      this.authenticator =
          new RequestAuthenticator(
              authn,
              new ClerkAuthServices(authn, sessionTokenVerifier, this::backendApi),
              outages,
              events);
    } catch (RuntimeException | Error e) {
      ClerkWiring.closeAfterFailure(e, created, events);
      throw e;
    }
  }

  /** {@return a builder with the settings of {@link ClerkOptions.Builder}} */
  public static Builder builder() {
    return new Builder(ClerkOptions.builder());
  }

  /**
   * {@return a Clerk configured from {@code CLERK_*} environment variables, then system properties}
   *
   * @throws IllegalArgumentException naming the setting when one is invalid or missing
   */
  public static Clerk fromEnvironment() {
    return create(ClerkOptions.fromEnvironment());
  }

  /**
   * {@return a Clerk with these options and its own {@link HttpClient}}
   *
   * @param options the options
   */
  public static Clerk create(ClerkOptions options) {
    return new Clerk(Objects.requireNonNull(options, "options == null"), null, List.of());
  }

  /** {@return the options} */
  public ClerkOptions options() {
    return options;
  }

  /**
   * Verifies a session token as Clerk's {@code verifyToken}: with the PEM key when {@code
   * CLERK_JWT_KEY} is set, else with the Backend API's JWKS (cached for this instance), checking
   * the authorized parties, audience and clock skew of the options. A token verified before by this
   * instance comes from its verified-token cache ({@link ClerkOptions#tokenCacheSize()}), its time
   * claims checked again; see {@link SessionTokenVerifier} for the trade-off.
   *
   * @param token the compact JWT (without {@code Bearer })
   * @return its claims
   * @throws TokenVerificationException with Clerk's reason; the message never contains the token
   */
  public SessionClaims verifyToken(String token) throws TokenVerificationException {
    return sessionTokenVerifier.verify(token);
  }

  /** {@return the key source of this instance: PEM, the cached remote JWKS, or unresolvable} */
  public JwksSource jwksSource() {
    return jwksSource;
  }

  /** {@return the session-token verifier of this instance (the options' rules and key source)} */
  public SessionTokenVerifier sessionTokenVerifier() {
    return sessionTokenVerifier;
  }

  /**
   * Decides signed-in / signed-out / handshake for a request, exactly as Clerk's {@code
   * authenticateRequest}: {@code Authorization} header or cookies, development browser, satellites,
   * handshake redirect and resolution, session refresh, organization sync and machine tokens.
   *
   * <p>Never throws for anything a client sends or Clerk answers: a Clerk outage is a signed-out
   * state with its reason ({@code unexpected-error} or the verification reason), logged once per
   * cause.
   *
   * <p>The calls to Clerk a request may cause (the JWKS, a handshake payload, an opaque machine
   * token's verification, a session refresh) are never retried on the client's behalf, and none
   * keeps the calling thread longer than {@link ClerkOptions#requestTimeout()}; the Backend API
   * ones are refused for values Clerk cannot have issued, shared by concurrent requests with the
   * same value, and paused after failures (README, "Outbound calls").
   *
   * <p>Each decision, and each call to Clerk it caused, is reported to the {@link ClerkEvents}
   * listeners and as JFR events; with neither, no clock is read for it.
   *
   * @param request the request
   * @return the decision
   */
  public RequestState authenticateRequest(ClerkRequest request) {
    EventPublisher.Timing t =
        events.requestStarted(); // null, without a clock read, when nothing observes
    return events.requestEnded(t, authenticator.authenticate(request));
  }

  /**
   * Like {@link #authenticateRequest(ClerkRequest)}, with a per-call {@code acceptsToken} instead
   * of the options' (e.g. one resource that accepts API keys), sharing this instance's JWKS cache
   * and Backend API client. Check a setting once at start-up with {@code
   * options().toBuilder().acceptsToken(accepts).build()}: it fails, naming the missing key, where
   * these options cannot serve it (e.g. {@code m2m_token} without a secret key).
   *
   * @param request the request
   * @param accepts the accepted token types for this request
   * @return the decision
   */
  public RequestState authenticateRequest(ClerkRequest request, AcceptedTokens accepts) {
    EventPublisher.Timing t = events.requestStarted();
    return events.requestEnded(t, authenticator.authenticate(request, accepts));
  }

  /**
   * {@return the Backend API client} Built on first use from {@link #options()} (secret key, API
   * URL and version, request timeout) and {@link #httpClient()}, then shared; closed by {@link
   * #close()} (do not close it yourself).
   */
  public BackendApi backendApi() {
    BackendApi api = backendApi;
    if (api == null) {
      synchronized (this) {
        api = backendApi;
        if (api == null) {
          api = ClerkWiring.backendApi(options, httpClient, events);
          backendApi = api;
          if (closed) {
            api.close(); // built after close(): usable only to fail with IOException
          }
        }
      }
    }
    return api;
  }

  /**
   * {@return the webhook verifier of this instance} Built on first use from the options' {@link
   * ClerkOptions#webhookSigningSecrets() webhook signing secrets} (setting {@code
   * CLERK_WEBHOOK_SIGNING_SECRET}) and clock, then shared.
   *
   * @throws IllegalStateException naming the setting when no webhook signing secret is configured
   */
  public Webhooks webhooks() {
    Webhooks w = webhooks;
    if (w == null) {
      if (options.webhookSigningSecrets().isEmpty()) {
        throw new IllegalStateException(Webhooks.missingSecretMessage());
      }
      // Racing first calls build equal instances; either one may stay.
      w =
          Webhooks.builder()
              .secrets(options.webhookSigningSecrets())
              .clock(options.clock())
              .build();
      webhooks = w;
    }
    return w;
  }

  /**
   * {@return this instance's reporter of what goes wrong while requests are authenticated} Core and
   * the adapters that use this instance report through it, so that a cause is logged once per
   * instance, whichever of them meets it.
   */
  public OutageReporter outages() {
    return outages;
  }

  /**
   * {@return the answers to refused requests, with this instance's sign-in URL and
   * forwarded-headers setting} The servlet filter and the JAX-RS feature both send these, so a
   * refusal looks the same from either.
   */
  public Refusals refusals() {
    return refusals;
  }

  /** {@return the HTTP client shared by the JWKS source and the Backend API client} */
  public HttpClient httpClient() {
    return httpClient;
  }

  /**
   * Stops the threads this Clerk owns and the Backend API client it built, and, on Java 21 or
   * later, the {@link HttpClient} it created (see "Lifecycle" above). Idempotent: only the first
   * call does anything, and it waits up to {@link ClerkExecutors#CLOSE_WAIT} for the threads to
   * end.
   *
   * <p>Afterwards nothing is fetched any more: requests whose keys are cached still verify; those
   * that need a call to Clerk are signed out (a JWKS fetch fails with {@code
   * jwk-remote-failed-to-load}, a Backend API call fails with an {@link java.io.IOException}).
   */
  @Override
  public void close() {
    BackendApi api;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      api = backendApi;
    }
    if (api != null) {
      api.close();
    }
    executors.close();
    events.close();
    LOG.log(System.Logger.Level.DEBUG, "Clerk: closed {0}", executors.name());
  }

  /** {@return whether {@link #close()} was called} */
  public boolean isClosed() {
    return closed;
  }

  @Override
  public String toString() {
    return "Clerk{" + options + "}";
  }

  /** Builds a {@link Clerk}. Not thread-safe. */
  public static final class Builder {
    private final ClerkOptions.Builder options;
    private @Nullable ClerkOptions built;
    private @Nullable HttpClient httpClient;
    private final List<ClerkEvents> listeners = new ArrayList<>();

    private Builder(ClerkOptions.Builder options) {
      this.options = options;
    }

    /**
     * Uses options built elsewhere instead of this builder's setters.
     *
     * @param options the options
     * @return this builder
     */
    public Builder options(ClerkOptions options) {
      this.built = Objects.requireNonNull(options, "options == null");
      return this;
    }

    /**
     * Sets the secret key. See {@link ClerkOptions.Builder#secretKey}.
     *
     * @param secretKey the key
     * @return this builder
     */
    public Builder secretKey(String secretKey) {
      options.secretKey(secretKey);
      return this;
    }

    /**
     * Sets the publishable key. See {@link ClerkOptions.Builder#publishableKey}.
     *
     * @param publishableKey the key
     * @return this builder
     */
    public Builder publishableKey(String publishableKey) {
      options.publishableKey(publishableKey);
      return this;
    }

    /**
     * Sets the PEM key. See {@link ClerkOptions.Builder#jwtKey}.
     *
     * @param pem the key
     * @return this builder
     */
    public Builder jwtKey(String pem) {
      options.jwtKey(pem);
      return this;
    }

    /**
     * Sets the authorized parties. See {@link ClerkOptions.Builder#authorizedParties}.
     *
     * @param parties origins
     * @return this builder
     */
    public Builder authorizedParties(String... parties) {
      options.authorizedParties(java.util.List.of(parties));
      return this;
    }

    /**
     * Sets the Backend API URL. See {@link ClerkOptions.Builder#apiUrl}.
     *
     * @param apiUrl the URL
     * @return this builder
     */
    public Builder apiUrl(String apiUrl) {
      options.apiUrl(apiUrl);
      return this;
    }

    /**
     * Changes any other option.
     *
     * @param change receives the options builder
     * @return this builder
     */
    public Builder configure(java.util.function.Consumer<ClerkOptions.Builder> change) {
      change.accept(options);
      return this;
    }

    /**
     * Uses a caller-supplied HTTP client (its connect timeout and executor) for all calls to Clerk.
     * {@link Clerk#close()} never closes it: its lifecycle is the caller's.
     *
     * @param httpClient the client
     * @return this builder
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient == null");
      return this;
    }

    /**
     * Adds a listener of requests, JWKS fetches, handshakes, refreshes and Backend API calls; call
     * it once per listener (they are called in this order, before any found by {@link
     * java.util.ServiceLoader}). See {@link ClerkEvents} for threads, order and failures.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder events(ClerkEvents listener) {
      listeners.add(Objects.requireNonNull(listener, "listener == null"));
      return this;
    }

    /**
     * Builds the instance.
     *
     * @return the instance
     * @throws IllegalArgumentException naming the setting when the options are invalid
     */
    public Clerk build() {
      ClerkOptions o = built != null ? built : options.build();
      return new Clerk(o, httpClient, listeners);
    }
  }
}
