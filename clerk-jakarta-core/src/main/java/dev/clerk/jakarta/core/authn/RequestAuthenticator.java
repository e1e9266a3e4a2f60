package dev.clerk.jakarta.core.authn;

import dev.clerk.jakarta.core.auth.AcceptedTokens;
import dev.clerk.jakarta.core.auth.MachineAuth;
import dev.clerk.jakarta.core.auth.SessionAuth;
import dev.clerk.jakarta.core.auth.SignedOutAuth;
import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.token.UnverifiedJwt;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.AuthStatus;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.request.ResponseHeader;
import dev.clerk.jakarta.core.token.SessionClaims;
import dev.clerk.jakarta.core.token.TokenVerificationException;
import dev.clerk.jakarta.core.token.TokenVerificationReason;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
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
  private static final Logger LOGGER = System.getLogger(RequestAuthenticator.class.getName());

  static final Duration DEV_HANDSHAKE_CLOCK_SKEW = Duration.ofDays(1);
  static final String AZP_WARNING =
      "Clerk: Session token from cookie is missing the azp claim. In a future version of Clerk, this"
          + " token will be considered invalid. Please contact Clerk support if you see this warning.";
  static final String CROSS_ORIGIN_MESSAGE = "Cross-origin request from satellite domain requires handshake";
  static final String SATELLITE_LOOP_MESSAGE =
      "Clerk: Satellite-domain authentication resulted in an infinite redirect loop. This usually"
          + " means that the configured primary or satellite domain does not match the domain the"
          + " application is served from (for example on preview deployments). Check the domain,"
          + " is-satellite and sign-in-url settings.";
  static final String REFRESH_LOOP_MESSAGE =
      "Clerk: Refreshing the session token resulted in an infinite redirect loop. This usually means"
          + " that your Clerk instance keys do not match - make sure to copy the correct publishable"
          + " and secret keys from the Clerk dashboard.";
  static final String ORG_LOOP_MESSAGE =
      "Clerk: Organization activation handshake loop detected. This is likely due to an invalid"
          + " organization ID or slug. Skipping organization activation.";
  static final String DEV_HANDSHAKE_SIGNATURE_MESSAGE =
      "Clerk: Handshake token verification failed due to an invalid signature. If you have switched"
          + " Clerk keys locally, clear your cookies and try again.";
  static final String SIGN_IN_URL_ORIGIN_MESSAGE =
      "The signInUrl needs to be on a different origin than your satellite application.";
  /** Not passed on to a session refresh with {@code forwarded-headers=ignore}: the client chose them. */
  private static final Set<String> FORWARDED_HEADERS =
      Set.of("forwarded", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "cloudfront-forwarded-proto");
  private static final Set<TokenVerificationReason> SKEW_REASONS =
      Set.of(
          TokenVerificationReason.TOKEN_EXPIRED,
          TokenVerificationReason.TOKEN_NOT_ACTIVE_YET,
          TokenVerificationReason.TOKEN_IAT_IN_THE_FUTURE);

  private final AuthnConfig options;
  private final AuthServices services;
  private final OrganizationMatcher organizationMatcher;
  private final MultiDomainRedirects multiDomain;
  private final LogOnce logOnce = new LogOnce(LOGGER);
  private final AtomicBoolean azpWarned = new AtomicBoolean();

  /**
   * Creates the authenticator.
   *
   * @param options the settings (validated by the façade's options)
   * @param services verification and Backend API calls
   * @throws IllegalArgumentException {@code Invalid pattern "<p>": <error>} for a bad organization
   *     sync pattern
   */
  public RequestAuthenticator(AuthnConfig options, AuthServices services) {
    this.options = Objects.requireNonNull(options, "options == null");
    this.services = Objects.requireNonNull(services, "services == null");
    this.organizationMatcher =
        new OrganizationMatcher(options.organizationPatterns(), options.personalAccountPatterns());
    this.multiDomain = new MultiDomainRedirects(options);
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
      return run(new AuthenticateContext(request, options, options.clock().instant()), accepts);
    } catch (RuntimeException e) {
      logOnce.log(
          Level.ERROR,
          "unexpected:" + e.getClass().getName(),
          "Clerk: unexpected error while authenticating a request (" + e.getClass().getName() + ")");
      LOGGER.log(Level.DEBUG, "Clerk: unexpected error", e);
      TokenType single = accepts.single();
      return RequestState.signedOut(
          AuthReason.UNEXPECTED_ERROR, "", SignedOutAuth.of(single == null ? TokenType.SESSION_TOKEN : single), List.of());
    }
  }

  private RequestState run(AuthenticateContext ctx, AcceptedTokens accepts) {
    String header = ctx.tokenInHeader;
    if (accepts.kind() == AcceptedTokens.Kind.LIST) {
      TokenType presented =
          header == null ? TokenType.SESSION_TOKEN : Peek.machineTokenType(header).orElse(TokenType.SESSION_TOKEN);
      if (!accepts.accepts(presented)) {
        return RequestState.signedOut(AuthReason.TOKEN_TYPE_MISMATCH, "", SignedOutAuth.of(null), List.of());
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
        return anyFromHeader(ctx, header);
      }
      if (single == TokenType.SESSION_TOKEN) {
        return sessionFromHeader(ctx, header);
      }
      return machineFromHeader(header, single);
    }
    if (single != null && single.isMachine()) {
      return RequestState.signedOut(AuthReason.NO_TOKEN_IN_HEADER, "", SignedOutAuth.of(single), List.of());
    }
    return fromCookies(ctx);
  }

  /** Clerk throws when a satellite's sign-in URL has the request's origin; we refuse the request. */
  private @Nullable RequestState checkSatelliteOrigin(AuthenticateContext ctx) {
    String signIn = options.signInUrl();
    String origin = ctx.request.header("origin");
    if (!options.satellite() || signIn == null || origin == null) {
      return null;
    }
    try {
      if (AuthenticateContext.origin(new URI(signIn)).equals(AuthenticateContext.origin(new URI(origin)))) {
        logOnce.log(Level.WARNING, "sign-in-url-origin", "Clerk: " + SIGN_IN_URL_ORIGIN_MESSAGE);
        return RequestState.signedOut(AuthReason.UNEXPECTED_ERROR, SIGN_IN_URL_ORIGIN_MESSAGE);
      }
    } catch (URISyntaxException e) {
      return null;
    }
    return null;
  }

  // ---------------------------------------------------------------- header: session (§3.2)

  private RequestState sessionFromHeader(AuthenticateContext ctx, String token) {
    UnverifiedJwt jwt = Peek.decodeOrNull(token);
    if (jwt != null && (Peek.isMachineJwt(token, jwt) || Peek.isNonSessionCategory(jwt))) {
      return RequestState.signedOut(AuthReason.TOKEN_TYPE_MISMATCH, "");
    }
    return verifySession(ctx, token, "header");
  }

  private RequestState verifySession(AuthenticateContext ctx, String token, String carrier) {
    try {
      return signedInSession(services.verifySessionToken(token), token, List.of());
    } catch (TokenVerificationException e) {
      return handleSessionTokenError(ctx, e, carrier);
    }
  }

  private static RequestState signedInSession(SessionClaims claims, String token, List<ResponseHeader> headers) {
    if ("pending".equals(claims.sessionStatus())) {
      // toAuth({treatPendingAsSignedOut: true}): the state is signed-in, the auth is signed out.
      return RequestState.signedIn(new SignedOutAuth(TokenType.SESSION_TOKEN, "pending"), headers);
    }
    return RequestState.signedIn(SessionAuth.from(claims, token), headers);
  }

  // ---------------------------------------------------------------- header: machine (§5.3)

  private RequestState machineFromHeader(String token, TokenType accepted) {
    Optional<TokenType> parsed = Peek.machineTokenType(token);
    if (parsed.isEmpty() || parsed.get() != accepted) {
      return RequestState.signedOut(AuthReason.TOKEN_TYPE_MISMATCH, "", SignedOutAuth.of(accepted), List.of());
    }
    return verifyMachine(token, accepted);
  }

  private RequestState anyFromHeader(AuthenticateContext ctx, String token) {
    Optional<TokenType> parsed = Peek.machineTokenType(token);
    if (parsed.isEmpty()) {
      return verifySession(ctx, token, "header");
    }
    return verifyMachine(token, parsed.get());
  }

  private RequestState verifyMachine(String token, TokenType type) {
    try {
      MachineAuth auth =
          Peek.isJwtShape(token) ? verifyMachineJwt(token) : services.verifyOpaqueMachineToken(type, token);
      return RequestState.signedIn(auth, List.of());
    } catch (MachineTokenException e) {
      if (!e.code().equals(MachineTokenException.TOKEN_INVALID)
          && !e.code().equals(MachineTokenException.TOKEN_VERIFICATION_FAILED)) {
        logOnce.log(Level.WARNING, "machine:" + e.code() + ":" + e.status(), "Clerk: machine token not verified: " + e.fullMessage());
      } else {
        LOGGER.log(Level.DEBUG, "Clerk: machine token rejected: {0}", e.code());
      }
      return RequestState.signedOut(AuthReason.of(e.code()), e.fullMessage(), SignedOutAuth.of(type), List.of());
    }
  }

  private MachineAuth verifyMachineJwt(String token) throws MachineTokenException {
    UnverifiedJwt jwt;
    try {
      jwt = UnverifiedJwt.decode(token);
    } catch (TokenVerificationException e) {
      throw new MachineTokenException(MachineTokenException.TOKEN_VERIFICATION_FAILED, e.clerkMessage(), null, null);
    }
    try {
      if (Peek.isM2MJwt(jwt)) {
        Object cat = jwt.header().get("cat");
        if (cat != null && !Peek.CATEGORY_M2M.equals(cat)) {
          throw new MachineTokenException(MachineTokenException.TOKEN_INVALID, "Invalid M2M JWT category.", null, null);
        }
        SessionClaims claims = services.verifyMachineJwt(token, null);
        return MachineTokens.m2mFromJwt(claims, token);
      }
      if (Peek.isOAuthJwt(jwt)) {
        SessionClaims claims = services.verifyMachineJwt(token, Peek.OAUTH_JWT_TYPES);
        return MachineTokens.oauthFromJwt(claims, token);
      }
    } catch (TokenVerificationException e) {
      throw new MachineTokenException(MachineTokenException.TOKEN_VERIFICATION_FAILED, e.clerkMessage(), null, null);
    }
    String typ = jwt.typ();
    throw new MachineTokenException(
        MachineTokenException.TOKEN_VERIFICATION_FAILED,
        "Invalid JWT type: " + (typ == null ? "missing" : typ)
            + ". Expected one of: at+jwt, application/at+jwt for OAuth, or sub starting with 'mch_' for M2M",
        null,
        null);
  }

  // ---------------------------------------------------------------- cookies (§3.3)

  private RequestState fromCookies(AuthenticateContext ctx) {
    // C1
    if (ctx.handshakeNonce != null || ctx.handshakeToken != null) {
      try {
        return resolveHandshake(ctx);
      } catch (TokenVerificationException e) {
        if (ctx.isDevelopment()) {
          // Clerk throws here (HTTP 500). We answer signed out with the verification reason and Clerk's
          // development message, once at WARNING: a client must cause neither a 500 nor an ERROR line.
          String message =
              e.reason() == TokenVerificationReason.TOKEN_INVALID_SIGNATURE
                  ? DEV_HANDSHAKE_SIGNATURE_MESSAGE
                  : "Clerk: Handshake token verification failed: " + e.fullMessage("handshake") + ".";
          logOnce.log(Level.WARNING, "handshake-dev:" + e.reason(), message);
          return RequestState.signedOut(AuthReason.of(e.reason().value()), message);
        }
        logOnce.log(
            Level.WARNING,
            "handshake:" + e.reason(),
            "Clerk: unable to resolve handshake: " + e.fullMessage("handshake"));
      } catch (HandshakeFailure e) {
        // Keyed by the cause, not the message: messages carry dates ("JWT is expired. ... Current
        // date: ..."), so a replayed handshake token would otherwise log at WARNING on every request
        // and fill the bounded log-once set, hiding later outages.
        logOnce.log(Level.WARNING, "handshake-failure:" + e.key(), "Clerk: unable to resolve handshake: " + e.getMessage());
      }
    }
    String dest = ctx.secFetchDest();
    boolean get = "GET".equals(ctx.method());
    boolean satellite = options.satellite();
    // C2
    boolean mdSyncEligible = satellite && "document".equals(dest) && get;
    String synced = ctx.request.queryParam("__clerk_synced").orElse(null);
    boolean needsSync = "false".equals(synced);
    boolean syncCompleted = "true".equals(synced);
    boolean hasSessionToken = ctx.sessionTokenInCookie != null;
    boolean hasActiveClient = ctx.clientUat != 0;
    boolean hasCookies = hasSessionToken || hasActiveClient;
    boolean skip = !options.satelliteAutoSync() && !hasCookies && !needsSync;
    if (mdSyncEligible && !syncCompleted) {
      if (skip) {
        return RequestState.signedOut(AuthReason.SESSION_TOKEN_AND_UAT_MISSING, ""); // C3, C5
      }
      if (!hasCookies || needsSync) {
        if (ctx.isProduction()) {
          return maybeHandshake(ctx, AuthReason.SATELLITE_COOKIE_NEEDS_SYNCING, "", null); // C4
        }
        String signIn = Objects.requireNonNull(options.signInUrl(), "signInUrl");
        String location = MultiDomainRedirects.satelliteNeedsSyncingLocation(signIn, ctx);
        return maybeHandshake(
            ctx, AuthReason.SATELLITE_COOKIE_NEEDS_SYNCING, "", List.of(HandshakeService.location(location))); // C6
      }
    }
    // C7, only to an allowed origin; any other __clerk_redirect_url is treated as absent.
    if (ctx.isDevelopment() && !satellite) {
      Optional<String> back = ctx.request.queryParam("__clerk_redirect_url");
      if (back.isPresent()) {
        String location = multiDomain.primaryRespondsLocation(ctx, back.get());
        if (location != null) {
          return maybeHandshake(
              ctx, AuthReason.PRIMARY_RESPONDS_TO_SYNCING, "", List.of(HandshakeService.location(location)));
        }
      }
    }
    if (ctx.isDevelopment()) {
      if (ctx.request.queryParam(AuthenticateContext.DEV_BROWSER).isPresent()) {
        return maybeHandshake(ctx, AuthReason.DEV_BROWSER_SYNC, "", null); // C8
      }
      if (ctx.devBrowserToken == null) {
        return maybeHandshake(ctx, AuthReason.DEV_BROWSER_MISSING, "", null); // C9
      }
    }
    if (!hasActiveClient && !hasSessionToken) {
      return RequestState.signedOut(AuthReason.SESSION_TOKEN_AND_UAT_MISSING, ""); // C10
    }
    if (!hasActiveClient) {
      return maybeHandshake(ctx, AuthReason.SESSION_TOKEN_WITHOUT_CLIENT_UAT, "", null); // C11
    }
    if (!hasSessionToken) {
      return maybeHandshake(ctx, AuthReason.CLIENT_UAT_WITHOUT_SESSION_TOKEN, "", null); // C12
    }
    String token = Objects.requireNonNull(ctx.sessionTokenInCookie);
    UnverifiedJwt jwt;
    try {
      jwt = UnverifiedJwt.decode(token);
    } catch (TokenVerificationException e) {
      return handleSessionTokenError(ctx, e, "cookie"); // C13
    }
    if (Peek.isMachineJwt(token, jwt) || Peek.isNonSessionCategory(jwt)) {
      return RequestState.signedOut(AuthReason.TOKEN_TYPE_MISMATCH, ""); // C14
    }
    Double iat = Peek.number(jwt, "iat");
    if (iat != null && iat < ctx.clientUat) {
      return maybeHandshake(ctx, AuthReason.SESSION_TOKEN_IAT_BEFORE_CLIENT_UAT, "", null); // C15
    }
    SessionClaims claims;
    try {
      claims = services.verifySessionToken(token);
    } catch (TokenVerificationException e) {
      return handleSessionTokenError(ctx, e, "cookie"); // C16
    }
    if (claims.authorizedParty() == null && azpWarned.compareAndSet(false, true)) {
      LOGGER.log(Level.WARNING, AZP_WARNING); // C17
    }
    RequestState signedIn = signedInSession(claims, token, List.of());
    // C18
    if (!satellite && get && "document".equals(dest) && isCrossOriginReferrer(ctx)
        && !isKnownClerkReferrer(ctx) && ctx.redirectCount == 0) {
      return maybeHandshake(ctx, AuthReason.PRIMARY_DOMAIN_CROSS_ORIGIN_SYNC, CROSS_ORIGIN_MESSAGE, null);
    }
    // C19
    if (signedIn.auth() instanceof SessionAuth session) {
      RequestState org = maybeOrganizationHandshake(ctx, session);
      if (org != null) {
        return org;
      }
    }
    return signedIn; // C20
  }

  private @Nullable RequestState maybeOrganizationHandshake(AuthenticateContext ctx, SessionAuth auth) {
    OrganizationMatcher.Target target = organizationTarget(ctx);
    if (target == null) {
      return null;
    }
    boolean mustActivate = false;
    if (target instanceof OrganizationMatcher.Organization org) {
      if (org.organizationSlug() != null && !org.organizationSlug().equals(auth.orgSlug())) {
        mustActivate = true;
      }
      if (org.organizationId() != null && !org.organizationId().equals(auth.orgId())) {
        mustActivate = true;
      }
    } else if (auth.orgId() != null) {
      mustActivate = true;
    }
    if (!mustActivate) {
      return null;
    }
    if (ctx.redirectCount >= HandshakeService.MAX_REDIRECTS) {
      logOnce.log(Level.WARNING, "org-loop", ORG_LOOP_MESSAGE);
      return null;
    }
    RequestState state = maybeHandshake(ctx, AuthReason.ACTIVE_ORGANIZATION_MISMATCH, "", null);
    return state.status() == AuthStatus.HANDSHAKE ? state : null;
  }

  private OrganizationMatcher.@Nullable Target organizationTarget(AuthenticateContext ctx) {
    if (organizationMatcher.isEmpty()) {
      return null;
    }
    String path = ctx.clerkUrl.getRawPath();
    return organizationMatcher.findTarget(path == null || path.isEmpty() ? "/" : path);
  }

  // ---------------------------------------------------------------- C18 helpers

  private static boolean isCrossOriginReferrer(AuthenticateContext ctx) {
    String referrer = ctx.request.header("referer");
    if (referrer == null || referrer.isEmpty()) {
      return false;
    }
    URI ref = parseHttpUrl(referrer);
    if (ref == null) {
      return false;
    }
    return !AuthenticateContext.origin(ref).equals(ctx.origin());
  }

  private static boolean isKnownClerkReferrer(AuthenticateContext ctx) {
    URI ref = parseHttpUrl(Objects.requireNonNull(ctx.request.header("referer")));
    if (ref == null) {
      return false;
    }
    String host = ref.getHost().toLowerCase(Locale.ROOT);
    String fapi = ctx.frontendApi;
    String fapiHost = fapi;
    if (fapi.startsWith("http")) {
      URI f = parseHttpUrl(fapi);
      fapiHost = f == null ? fapi : f.getHost();
    }
    if (host.equalsIgnoreCase(fapiHost)) {
      return true;
    }
    if (!ctx.isProduction() && (isLegacyDevAccountPortal(host) || isCurrentDevAccountPortal(host))) {
      return true;
    }
    String accounts = buildAccountsBaseUrl(fapi);
    return !accounts.isEmpty() && AuthenticateContext.origin(ref).equals(accounts);
  }

  static boolean isLegacyDevAccountPortal(String host) {
    for (String suffix : new String[] {".lcl.dev", ".lclstage.dev", ".lclclerk.com"}) {
      if (host.startsWith("accounts.") && host.endsWith(suffix)) {
        return true;
      }
    }
    return false;
  }

  static boolean isCurrentDevAccountPortal(String host) {
    for (String suffix : new String[] {".accounts.dev", ".accountsstage.dev", ".accounts.lclclerk.com"}) {
      if (host.endsWith(suffix) && !host.endsWith(".clerk" + suffix)) {
        return true;
      }
    }
    return false;
  }

  /** Clerk's {@code buildAccountsBaseUrl}. */
  static String buildAccountsBaseUrl(String frontendApi) {
    if (frontendApi.isEmpty()) {
      return "";
    }
    String host = frontendApi;
    if (host.startsWith("clerk.accountsstage.")) {
      host = host.substring("clerk.".length());
    } else if (host.startsWith("clerk.accounts.")) {
      host = "accounts." + host.substring("clerk.accounts.".length());
    } else if (host.startsWith("clerk.")) {
      host = "accounts." + host.substring("clerk.".length());
    }
    return "https://" + host;
  }

  private static @Nullable URI parseHttpUrl(String value) {
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null || uri.getHost() == null) {
        return null;
      }
      return uri;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  // ---------------------------------------------------------------- handshake (§3.5)

  private RequestState maybeHandshake(
      AuthenticateContext ctx, AuthReason reason, String message, @Nullable List<ResponseHeader> custom) {
    if (!HandshakeService.isEligible(ctx)) {
      return RequestState.signedOut(reason, message);
    }
    List<ResponseHeader> headers = new ArrayList<>();
    boolean interstitial = custom == null && options.interstitialHandshake();
    if (custom != null) {
      headers.addAll(custom);
    } else if (!interstitial) {
      headers.add(HandshakeService.location(HandshakeService.redirectUrl(ctx, reason.value(), organizationTarget(ctx))));
    }
    if (interstitial || headers.stream().anyMatch(h -> h.is("Location"))) {
      headers.add(new ResponseHeader("Cache-Control", HandshakeService.NO_STORE));
    }
    if (HandshakeService.checkAndTrackRedirectLoop(ctx, headers)) {
      String loop =
          reason.equals(AuthReason.SATELLITE_COOKIE_NEEDS_SYNCING) ? SATELLITE_LOOP_MESSAGE : REFRESH_LOOP_MESSAGE;
      logOnce.log(Level.WARNING, "loop:" + reason.value(), loop);
      return RequestState.signedOut(reason, message);
    }
    RequestState.Reply reply =
        interstitial
            ? new RequestState.Reply(
                401,
                Interstitial.CONTENT_TYPE,
                Interstitial.page(
                    Objects.requireNonNull(options.publishableKey()),
                    ctx.frontendApi,
                    ctx.proxyUrl,
                    options.domain(),
                    options.satellite(),
                    options.signInUrl()))
            : RequestState.Reply.redirect();
    return RequestState.handshake(reason, message, headers, reply);
  }

  // ---------------------------------------------------------------- handshake resolution (§3.4)

  /** A handshake could not be resolved for a reason other than the handshake token itself. */
  static final class HandshakeFailure extends Exception {
    private static final long serialVersionUID = 1L;
    private final String key;

    /**
     * @param key a fixed cause (a verification reason), for logging once per cause
     * @param message the detail
     */
    HandshakeFailure(String key, String message) {
      super(message);
      this.key = key;
    }

    String key() {
      return key;
    }
  }

  private RequestState resolveHandshake(AuthenticateContext ctx) throws TokenVerificationException, HandshakeFailure {
    List<String> directives;
    String noPayload = "";
    if (ctx.handshakeNonce != null) {
      try {
        directives = services.handshakePayload(ctx.handshakeNonce);
      } catch (Exception e) {
        // A stale or forged nonce is the client's; an outage is logged once by the lookup itself.
        LOGGER.log(Level.DEBUG, "Clerk: HandshakeService: error getting handshake payload: {0}", e.getClass().getName());
        noPayload = e instanceof BackendLookup.Failure f && f.noAnswer() ? f.getMessage() : "";
        directives = List.of();
      }
    } else {
      directives = verifyHandshakeToken(Objects.requireNonNull(ctx.handshakeToken));
    }
    directives = Directives.filter(directives, "handshake");
    List<ResponseHeader> headers = new ArrayList<>();
    if (!directives.isEmpty()) {
      // Clerk sends these on every resolution. They let any opaque ("null") origin read the response
      // with the user's cookies, so only a response that carries Clerk's directives has them: never
      // the application's ordinary answer to a request that merely names a nonce.
      headers.add(new ResponseHeader("Access-Control-Allow-Origin", "null"));
      headers.add(new ResponseHeader("Access-Control-Allow-Credentials", "true"));
    }
    for (String d : directives) {
      headers.add(new ResponseHeader("Set-Cookie", d));
    }
    if (ctx.isDevelopment()) {
      headers.add(HandshakeService.location(HandshakeService.cleanedUrl(ctx.clerkUrl)));
      headers.add(new ResponseHeader("Cache-Control", HandshakeService.NO_STORE));
    }
    String sessionToken = Directives.lastSessionToken(directives);
    if (sessionToken == null) {
      return RequestState.signedOut(AuthReason.SESSION_TOKEN_MISSING, noPayload, SignedOutAuth.session(), headers);
    }
    try {
      return signedInSession(services.verifySessionToken(sessionToken), sessionToken, headers);
    } catch (TokenVerificationException e) {
      if (ctx.isDevelopment() && SKEW_REASONS.contains(e.reason())) {
        logOnce.log(
            Level.WARNING,
            "clock-skew",
            "Clerk: Clock skew detected. This usually means that your system clock is inaccurate."
                + " Clerk will attempt to account for the clock skew in development.");
        try {
          return signedInSession(
              services.verifySessionToken(sessionToken, DEV_HANDSHAKE_CLOCK_SKEW), sessionToken, headers);
        } catch (TokenVerificationException retry) {
          throw new HandshakeFailure(retry.reason().value(), retry.clerkMessage());
        }
      }
      throw new HandshakeFailure(e.reason().value(), e.clerkMessage());
    }
  }

  /** {@code verifyHandshakeToken}: category, then signature only; returns the directives. */
  private List<String> verifyHandshakeToken(String token) throws TokenVerificationException, HandshakeFailure {
    UnverifiedJwt jwt = UnverifiedJwt.decode(token);
    Object cat = jwt.header().get("cat");
    if (cat != null && !Peek.CATEGORY_SESSION.equals(cat) && !Peek.CATEGORY_IGNORE.equals(cat)) {
      throw new TokenVerificationException(
          TokenVerificationReason.TOKEN_INVALID,
          "Invalid handshake token category.",
          TokenVerificationException.ACTION_ENSURE_CLERK_JWT);
    }
    Map<String, Object> payload;
    try {
      payload = services.verifyHandshakeToken(token);
    } catch (TokenVerificationException e) {
      if (e.reason() == TokenVerificationReason.TOKEN_INVALID_SIGNATURE) {
        throw new TokenVerificationException(
            TokenVerificationReason.TOKEN_INVALID_SIGNATURE, "Handshake signature is invalid.", e.action());
      }
      throw e;
    }
    if (!(payload.get("handshake") instanceof List<?> list)) {
      throw new HandshakeFailure("no-directives", "the handshake token carries no directives");
    }
    List<String> out = new ArrayList<>(list.size());
    for (Object o : list) {
      if (o instanceof String s) {
        out.add(s);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- token errors + refresh (§3.7)

  private RequestState handleSessionTokenError(AuthenticateContext ctx, TokenVerificationException err, String carrier) {
    if (err.reason().isServiceFailure()) {
      logOnce.log(
          Level.WARNING,
          "verify:" + err.reason().value(),
          "Clerk: could not verify a session token: " + err.fullMessage(carrier));
    } else {
      LOGGER.log(Level.DEBUG, "Clerk: session token rejected: {0}", err.reason().value());
    }
    String refreshError = null;
    boolean get = "GET".equals(ctx.method());
    if (err.reason() == TokenVerificationReason.TOKEN_EXPIRED) {
      if (ctx.refreshTokenInCookie != null && get) {
        Refresh refresh = attemptRefresh(ctx);
        if (refresh.state != null) {
          return refresh.state;
        }
        refreshError = refresh.error;
      } else if (!get) {
        refreshError = "non-eligible-non-get";
      } else {
        refreshError = "non-eligible-no-refresh-cookie";
      }
    }
    String message = err.fullMessage(carrier);
    AuthReason converted =
        switch (err.reason()) {
          case TOKEN_EXPIRED -> AuthReason.of(AuthReason.SESSION_TOKEN_EXPIRED.value() + "-refresh-" + refreshError);
          case TOKEN_NOT_ACTIVE_YET -> AuthReason.SESSION_TOKEN_NBF;
          case TOKEN_IAT_IN_THE_FUTURE -> AuthReason.SESSION_TOKEN_IAT_IN_THE_FUTURE;
          default -> null;
        };
    if (converted != null) {
      return maybeHandshake(ctx, converted, message, null);
    }
    return RequestState.signedOut(AuthReason.of(err.reason().value()), message);
  }

  private record Refresh(@Nullable RequestState state, @Nullable String error) {}

  private Refresh attemptRefresh(AuthenticateContext ctx) {
    String expired = ctx.sessionTokenInCookie;
    if (expired == null) {
      return new Refresh(null, "missing-session-token");
    }
    String refreshToken = ctx.refreshTokenInCookie;
    if (refreshToken == null) {
      return new Refresh(null, "missing-refresh-token");
    }
    UnverifiedJwt jwt = Peek.decodeOrNull(expired);
    if (jwt == null) {
      return new Refresh(null, "expired-session-token-decode-failed");
    }
    String sid = Peek.string(jwt.payload(), "sid");
    if (sid == null || sid.isEmpty()) {
      return new Refresh(null, "expired-session-token-missing-sid-claim");
    }
    List<String> cookies;
    try {
      cookies =
          services.refreshSession(
              sid, expired, refreshToken, ctx.origin(), requestHeaders(ctx.request), ctx.usesSuffixedCookies);
    } catch (RefreshException e) {
      logOnce.log(Level.WARNING, "refresh:" + e.reason(), "Clerk: session refresh failed: " + e.reason());
      return new Refresh(null, e.reason());
    } catch (RuntimeException e) {
      logOnce.log(Level.ERROR, "refresh-sdk:" + e.getClass().getName(), "Clerk: session refresh failed: " + e.getClass().getName());
      return new Refresh(null, "unexpected-sdk-error");
    }
    cookies = Directives.filter(cookies, "refresh");
    String token = Directives.lastSessionToken(cookies);
    if (token == null) {
      return new Refresh(null, "invalid-session-token");
    }
    SessionClaims claims;
    try {
      claims = services.verifySessionToken(token);
    } catch (TokenVerificationException e) {
      return new Refresh(null, "invalid-session-token");
    }
    List<ResponseHeader> headers = new ArrayList<>();
    for (String c : cookies) {
      headers.add(new ResponseHeader("Set-Cookie", c));
    }
    return new Refresh(signedInSession(claims, token, headers), null);
  }

  private Map<String, List<String>> requestHeaders(ClerkRequest request) {
    boolean ignoreForwarded = !options.trustForwardedHeaders();
    Map<String, List<String>> out = new LinkedHashMap<>();
    request.headers().forEach((name, values) -> {
      if (!ignoreForwarded || !FORWARDED_HEADERS.contains(name)) {
        out.put(name, List.of(String.join(", ", values)));
      }
    });
    return out;
  }
}
