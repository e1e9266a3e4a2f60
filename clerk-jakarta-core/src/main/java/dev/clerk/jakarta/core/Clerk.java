package dev.clerk.jakarta.core;

import dev.clerk.jakarta.core.auth.AcceptsToken;
import dev.clerk.jakarta.core.backend.BackendApi;
import dev.clerk.jakarta.core.internal.request.ClerkAuthServices;
import dev.clerk.jakarta.core.internal.request.RequestAuthenticator;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.token.JwksSource;
import dev.clerk.jakarta.core.token.SessionClaims;
import dev.clerk.jakarta.core.token.SessionTokenVerifier;
import dev.clerk.jakarta.core.token.TokenVerificationException;
import dev.clerk.jakarta.core.webhooks.Webhooks;
import java.net.http.HttpClient;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The entry point: one per Clerk instance per application. Holds the options, one shared {@link
 * HttpClient}, the JWKS cache and the Backend API client.
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
 * @since 0.1
 */
public final class Clerk {
  /** {@code ServletContext} attribute under which adapters share one instance per application. */
  public static final String CONTEXT_ATTRIBUTE = "dev.clerk.jakarta.Clerk";

  private final ClerkOptions options;
  private final HttpClient httpClient;
  private final JwksSource jwksSource;
  private final SessionTokenVerifier sessionTokenVerifier;
  private volatile @Nullable BackendApi backendApi;
  private volatile @Nullable Webhooks webhooks;
  private final RequestAuthenticator authenticator;

  private Clerk(ClerkOptions options, @Nullable HttpClient httpClient) {
    this.options = options;
    this.httpClient =
        httpClient != null
            ? httpClient
            : HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    this.jwksSource = JwksSource.forOptions(options, this.httpClient);
    this.sessionTokenVerifier = SessionTokenVerifier.create(options, jwksSource);
    this.authenticator = new RequestAuthenticator(options, new ClerkAuthServices(this));
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
    return new Clerk(Objects.requireNonNull(options, "options == null"), null);
  }

  /** {@return the options} */
  public ClerkOptions options() {
    return options;
  }

  /**
   * Verifies a session token as Clerk's {@code verifyToken}: with the PEM key when {@code
   * CLERK_JWT_KEY} is set, else with the Backend API's JWKS (cached for this instance), checking the
   * authorized parties, audience and clock skew of the options.
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
   * <p>Never throws for anything a client sends or Clerk answers: a Clerk outage is a signed-out state
   * with its reason ({@code unexpected-error} or the verification reason), logged once per cause.
   *
   * @param request the request
   * @return the decision
   */
  public RequestState authenticateRequest(ClerkRequest request) {
    return authenticator.authenticate(request);
  }

  /**
   * Like {@link #authenticateRequest(ClerkRequest)}, with a per-call {@code acceptsToken} instead of
   * the options' (e.g. one resource that accepts API keys), sharing this instance's JWKS cache and
   * Backend API client. Check a setting once at start-up with {@code
   * options().toBuilder().acceptsToken(accepts).build()}: it fails, naming the missing key, where
   * these options cannot serve it (e.g. {@code m2m_token} without a secret key).
   *
   * @param request the request
   * @param accepts the accepted token types for this request
   * @return the decision
   */
  public RequestState authenticateRequest(ClerkRequest request, AcceptsToken accepts) {
    return authenticator.authenticate(request, accepts);
  }

  /**
   * {@return the Backend API client} Built on first use from {@link #options()} (secret key, API
   * URL and version, request timeout) and {@link #httpClient()}, then shared.
   */
  public BackendApi backendApi() {
    BackendApi api = backendApi;
    if (api == null) {
      synchronized (this) {
        api = backendApi;
        if (api == null) {
          BackendApi.Builder b =
              BackendApi.builder()
                  .apiUrl(options.apiUrl())
                  .apiVersion(options.apiVersion())
                  .timeout(options.requestTimeout())
                  .httpClient(httpClient);
          String secretKey = options.secretKey();
          if (secretKey != null) {
            b.secretKey(secretKey);
          }
          api = b.build();
          backendApi = api;
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
      w = Webhooks.builder().secrets(options.webhookSigningSecrets()).clock(options.clock()).build();
      webhooks = w;
    }
    return w;
  }

  /** {@return the HTTP client shared by the JWKS source and the Backend API client} */
  public HttpClient httpClient() {
    return httpClient;
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
     *
     * @param httpClient the client
     * @return this builder
     */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient == null");
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
      return new Clerk(o, httpClient);
    }
  }
}
