package dev.clerk.jakarta.core.authn;

import dev.clerk.jakarta.core.auth.AcceptedTokens;
import dev.clerk.jakarta.core.auth.SignedOutAuth;
import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.events.EventPublisher;
import dev.clerk.jakarta.core.internal.http.Deadline;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.OutageReporter;
import dev.clerk.jakarta.core.request.RequestState;
import java.lang.System.Logger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Clerk's {@code authenticateRequest} (spec §3, §5): decides signed-in / signed-out / handshake for
 * one request. Built once per {@code Clerk}; thread-safe and container-free.
 *
 * <p>Never throws for a request: anything unexpected (a Clerk outage, a bug) becomes a signed-out
 * state with reason {@code unexpected-error} (or the verification reason), logged once per cause.
 * Configuration errors are reported by the constructor.
 *
 * @since 0.1
 */
public final class RequestAuthenticator {
  /** The one logger of the request flow (every seam logs here, so one logger name covers it). */
  static final Logger LOGGER = System.getLogger(RequestAuthenticator.class.getName());

  static final String SIGN_IN_URL_ORIGIN_MESSAGE =
      "The signInUrl needs to be on a different origin than your satellite application.";

  private final AuthnConfig options;
  private final FlowLog log;
  private final HeaderTokens headerTokens;
  private final CookieTree cookieTree;
  private final AuthenticateContext.Decoder decoder;

  /**
   * Creates the authenticator.
   *
   * @param options the settings (validated by the façade's options)
   * @param services verification and Backend API calls
   * @param outages the Clerk instance's reporter of what goes wrong
   * @throws IllegalArgumentException {@code Invalid pattern "<p>": <error>} for a bad organization
   *     sync pattern
   */
  public RequestAuthenticator(AuthnConfig options, AuthServices services, OutageReporter outages) {
    this(options, services, outages, EventPublisher.none());
  }

  /**
   * Creates the authenticator whose handshakes and session refreshes are reported to {@code
   * events}.
   *
   * @param options the settings (validated by the façade's options)
   * @param services verification and Backend API calls
   * @param outages the Clerk instance's reporter of what goes wrong
   * @param events the Clerk instance's event publisher
   * @throws IllegalArgumentException {@code Invalid pattern "<p>": <error>} for a bad organization
   *     sync pattern
   */
  public RequestAuthenticator(
      AuthnConfig options, AuthServices services, OutageReporter outages, EventPublisher events) {
    this.options = Objects.requireNonNull(options, "options == null");
    Objects.requireNonNull(services, "services == null");
    this.decoder = services::decode;
    this.log = new FlowLog(outages, events);
    OrganizationMatcher organizations =
        new OrganizationMatcher(options.organizationPatterns(), options.personalAccountPatterns());
    HandshakeResponder handshakes = new HandshakeResponder(options, log, organizations);
    SessionTokens sessions = new SessionTokens(options, services, log, handshakes);
    this.headerTokens = new HeaderTokens(services, log, sessions);
    this.cookieTree =
        new CookieTree(
            options,
            services,
            log,
            new HandshakeResolver(services, log),
            handshakes,
            sessions,
            new MultiDomainRedirects(options));
  }

  /**
   * Decides the request.
   *
   * @param request the request
   * @return the state; never null, never throws for anything a client sends or Clerk answers
   */
  public RequestState authenticate(ClerkRequest request) {
    return authenticate(request, options.acceptedTokens());
  }

  /**
   * Decides the request with another {@code acceptsToken} than the options' (a per-resource
   * setting), sharing this instance's caches.
   *
   * @param request the request
   * @param accepts the accepted token types
   * @return the state; never null, never throws for anything a client sends or Clerk answers
   */
  public RequestState authenticate(ClerkRequest request, AcceptedTokens accepts) {
    Objects.requireNonNull(request, "request == null");
    Objects.requireNonNull(accepts, "accepts == null");
    try {
      // One deadline for every call to Clerk this request waits on (issue 10).
      RequestState state =
          Deadline.within(
              options.requestTimeout(),
              () ->
                  run(
                      new AuthenticateContext(request, options, options.clock().instant(), decoder),
                      accepts));
      if (state.isSignedIn()) {
        log.recovered();
      }
      return state;
    } catch (RuntimeException e) {
      log.unexpected("authenticating a request", e);
      TokenType single = accepts.single();
      return RequestState.signedOut(
          AuthReason.UNEXPECTED_ERROR,
          "",
          SignedOutAuth.of(single == null ? TokenType.SESSION_TOKEN : single),
          List.of());
    }
  }

  private RequestState run(AuthenticateContext ctx, AcceptedTokens accepts) {
    String header = ctx.tokenInHeader;
    if (accepts.kind() == AcceptedTokens.Kind.LIST) {
      TokenType presented =
          header == null
              ? TokenType.SESSION_TOKEN
              : Peek.machineTokenType(header).orElse(TokenType.SESSION_TOKEN);
      if (!accepts.accepts(presented)) {
        return RequestState.signedOut(
            AuthReason.TOKEN_TYPE_MISMATCH, "", SignedOutAuth.of(null), List.of());
      }
    }
    TokenType single = accepts.single();
    if (single != TokenType.M2M_TOKEN) {
      RequestState bad = checkSatelliteOrigin(ctx);
      if (bad != null) {
        return bad;
      }
    }
    if (header != null) {
      if (single == null) {
        return headerTokens.anyFromHeader(ctx, header);
      }
      if (single == TokenType.SESSION_TOKEN) {
        return headerTokens.sessionFromHeader(ctx, header);
      }
      return headerTokens.machineFromHeader(header, single);
    }
    if (single != null && single.isMachine()) {
      return RequestState.signedOut(
          AuthReason.NO_TOKEN_IN_HEADER, "", SignedOutAuth.of(single), List.of());
    }
    return cookieTree.fromCookies(ctx);
  }

  /**
   * Clerk throws when a satellite's sign-in URL has the request's origin; we refuse the request.
   */
  private @Nullable RequestState checkSatelliteOrigin(AuthenticateContext ctx) {
    String signIn = options.signInUrl();
    String origin = ctx.request.header("origin");
    if (!options.satellite() || signIn == null || origin == null) {
      return null;
    }
    try {
      if (AuthenticateContext.origin(new URI(signIn))
          .equals(AuthenticateContext.origin(new URI(origin)))) {
        log.operator("sign-in-url-origin", "Clerk: " + SIGN_IN_URL_ORIGIN_MESSAGE);
        return RequestState.signedOut(AuthReason.UNEXPECTED_ERROR, SIGN_IN_URL_ORIGIN_MESSAGE);
      }
    } catch (URISyntaxException e) {
      return null;
    }
    return null;
  }
}
