package dev.clerk.jakarta.core.authn;

import dev.clerk.jakarta.core.auth.MachineAuth;
import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.backend.ApiKey;
import dev.clerk.jakarta.core.backend.BackendApi;
import dev.clerk.jakarta.core.backend.ClerkApiException;
import dev.clerk.jakarta.core.backend.HandshakePayload;
import dev.clerk.jakarta.core.backend.M2MToken;
import dev.clerk.jakarta.core.backend.OAuthAccessToken;
import dev.clerk.jakarta.core.backend.RefreshSessionRequest;
import dev.clerk.jakarta.core.backend.RetryPolicy;
import dev.clerk.jakarta.core.backend.SessionCookies;
import dev.clerk.jakarta.core.token.SessionClaims;
import dev.clerk.jakarta.core.token.SessionTokenVerifier;
import dev.clerk.jakarta.core.token.TokenVerificationException;
import dev.clerk.jakarta.core.token.UnverifiedJwt;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * {@link AuthServices} over a session-token verifier (its key source and rules) and a Backend API
 * client. Thread-safe; the client is looked up at call time (the façade builds it on first use), so
 * the services can be created before it exists.
 *
 * <p>The Backend API calls a client's request causes (handshake payload, opaque machine tokens,
 * session refresh) are made without retries and through a {@link BackendLookup} each (single
 * flight, at most a few at once, a back-off after failures, no caller waiting longer than {@code
 * http-timeout-ms}); a nonce or machine token that cannot be one Clerk issued ({@link Plausible})
 * is refused without a call.
 *
 * @since 0.1
 */
public final class ClerkAuthServices implements AuthServices {
  private static final System.Logger LOG = System.getLogger(BackendLookup.class.getName());

  private final AuthnConfig options;
  private final SessionTokenVerifier verifier;
  private final Supplier<BackendApi> backendApi;
  private final BackendLookup<HandshakePayload> handshakes;
  private final BackendLookup<ApiKey> apiKeys;
  private final BackendLookup<M2MToken> m2mTokens;
  private final BackendLookup<OAuthAccessToken> oauthTokens;
  private final BackendLookup<SessionCookies> refreshes;

  /**
   * Creates the services.
   *
   * @param options the request flow's settings (clock, request timeout, machine secret key)
   * @param verifier verifies session, handshake and machine JWTs
   * @param backendApi gives the Backend API client when a call is made
   */
  public ClerkAuthServices(
      AuthnConfig options, SessionTokenVerifier verifier, Supplier<BackendApi> backendApi) {
    this.options = java.util.Objects.requireNonNull(options, "options == null");
    this.verifier = java.util.Objects.requireNonNull(verifier, "verifier == null");
    this.backendApi = java.util.Objects.requireNonNull(backendApi, "backendApi == null");
    Duration timeout = options.requestTimeout();
    this.handshakes = new BackendLookup<>("handshake payload", options.clock(), timeout, LOG);
    this.apiKeys = new BackendLookup<>("API key verification", options.clock(), timeout, LOG);
    this.m2mTokens = new BackendLookup<>("M2M token verification", options.clock(), timeout, LOG);
    this.oauthTokens =
        new BackendLookup<>("OAuth token verification", options.clock(), timeout, LOG);
    this.refreshes = new BackendLookup<>("session refresh", options.clock(), timeout, LOG);
  }

  /** The Backend API client without retries: a client's request never causes more than one call. */
  private BackendApi api() {
    return backendApi.get().withRetryPolicy(RetryPolicy.none());
  }

  @Override
  public SessionClaims verifySessionToken(String token) throws TokenVerificationException {
    return verifier.verify(token);
  }

  @Override
  public SessionClaims verifySessionToken(String token, UnverifiedJwt decoded)
      throws TokenVerificationException {
    return verifier.verify(decoded);
  }

  @Override
  public UnverifiedJwt decode(String token) throws TokenVerificationException {
    return verifier.decode(token);
  }

  @Override
  public SessionClaims verifySessionToken(String token, Duration clockSkew)
      throws TokenVerificationException {
    return verifier.withClockSkew(clockSkew).verify(token);
  }

  @Override
  public Map<String, Object> verifyHandshakeToken(String token) throws TokenVerificationException {
    return verifier.verifySignature(token);
  }

  @Override
  public SessionClaims verifyMachineJwt(String token, @Nullable Set<String> allowedTypes)
      throws TokenVerificationException {
    return verifier.verifyMachineJwt(token, allowedTypes);
  }

  @Override
  public List<String> handshakePayload(String nonce) throws Exception {
    if (!Plausible.nonce(nonce)) {
      throw BackendLookup.Failure.refused("handshake payload");
    }
    return handshakes.get(nonce, n -> api().clients().handshakePayloadAsync(n)).directives();
  }

  @Override
  public List<String> refreshSession(
      String sessionId,
      String expiredToken,
      String refreshToken,
      String requestOrigin,
      Map<String, List<String>> requestHeaders,
      boolean suffixedCookies)
      throws RefreshException {
    // All of the client's inputs are in the key: only the same browser's concurrent requests share
    // a call.
    String key =
        Plausible.hash(
            sessionId, expiredToken, refreshToken, requestOrigin, String.valueOf(suffixedCookies));
    RefreshSessionRequest body =
        new RefreshSessionRequest(expiredToken, refreshToken, requestOrigin, requestHeaders);
    try {
      return refreshes
          .get(key, k -> api().sessions().refreshAsync(sessionId, body, suffixedCookies))
          .cookies();
    } catch (BackendLookup.Failure f) {
      if (!(f.getCause() instanceof ClerkApiException e)) {
        throw new RefreshException(
            RefreshException.UNEXPECTED_BAPI_ERROR,
            f.noAnswer() ? f.getMessage() : "Unexpected Server/BAPI error",
            f);
      }
      if (e.errors().isEmpty()) {
        throw new RefreshException(
            RefreshException.UNEXPECTED_BAPI_ERROR, "Unexpected Server/BAPI error", e);
      }
      String code = e.errors().get(0).code();
      if ("unexpected_error".equals(code)) {
        throw new RefreshException(RefreshException.FETCH_ERROR, "Fetch unexpected error", e);
      }
      throw new RefreshException(code, code, e);
    }
  }

  @Override
  public MachineAuth verifyOpaqueMachineToken(TokenType type, String token)
      throws MachineTokenException {
    if (!Plausible.machineToken(type, token)) {
      // Clerk would answer 404: refused without asking.
      throw new MachineTokenException(
          MachineTokenException.TOKEN_INVALID, notFound(type), null, null);
    }
    String key = Plausible.hash(token);
    try {
      return switch (type) {
        case API_KEY ->
            fromApiKey(apiKeys.get(key, k -> api().apiKeys().verifyAsync(token)), token);
        case M2M_TOKEN ->
            fromM2m(
                m2mTokens.get(
                    key, k -> api().m2mTokens().verifyAsync(token, options.machineSecretKey())),
                token);
        case OAUTH_TOKEN ->
            fromOauth(
                oauthTokens.get(key, k -> api().oauthAccessTokens().verifyAsync(token)), token);
        case SESSION_TOKEN -> throw new IllegalArgumentException("not a machine token type");
      };
    } catch (BackendLookup.Failure f) {
      if (!(f.getCause() instanceof ClerkApiException e)) {
        String message = f.noAnswer() ? f.getMessage() : "Unexpected error";
        throw new MachineTokenException(MachineTokenException.UNEXPECTED_ERROR, message, null, f);
      }
      int status = e.statusCode();
      if (status == 401) {
        String message = e.errors().isEmpty() ? "Invalid secret key" : e.errors().get(0).message();
        throw new MachineTokenException(
            MachineTokenException.SECRET_KEY_INVALID, message, status, e);
      }
      if (status == 404) {
        throw new MachineTokenException(
            MachineTokenException.TOKEN_INVALID, notFound(type), status, e);
      }
      throw new MachineTokenException(
          MachineTokenException.UNEXPECTED_ERROR, "Unexpected error", status, e);
    }
  }

  /** {@return the calls running now and the answers remembered, per lookup (bounded; for tests)} */
  Map<String, Long> lookupSizes() {
    Map<String, Long> sizes = new java.util.LinkedHashMap<>();
    for (BackendLookup<?> l : List.of(handshakes, apiKeys, m2mTokens, oauthTokens, refreshes)) {
      sizes.put(l + ".inFlight", (long) l.inFlight());
      sizes.put(l + ".answers", l.rememberedAnswers());
    }
    return sizes;
  }

  private static String notFound(TokenType type) {
    return switch (type) {
      case API_KEY -> "API key not found";
      case OAUTH_TOKEN -> "OAuth token not found";
      default -> "Machine token not found";
    };
  }

  private static MachineAuth fromApiKey(ApiKey key, String token) {
    return new MachineAuth(
        TokenType.API_KEY,
        key.id(),
        key.subject(),
        key.scopes(),
        key.name(),
        key.claims(),
        null,
        token);
  }

  private static MachineAuth fromM2m(M2MToken m2m, String token) {
    return new MachineAuth(
        TokenType.M2M_TOKEN,
        m2m.id(),
        m2m.subject(),
        m2m.scopes(),
        null,
        m2m.claims(),
        null,
        token);
  }

  private static MachineAuth fromOauth(OAuthAccessToken oat, String token) {
    return new MachineAuth(
        TokenType.OAUTH_TOKEN,
        oat.id(),
        oat.subject(),
        oat.scopes(),
        null,
        null,
        oat.clientId(),
        token);
  }
}
