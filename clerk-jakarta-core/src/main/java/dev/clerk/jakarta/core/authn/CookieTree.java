package dev.clerk.jakarta.core.authn;

import dev.clerk.jakarta.core.auth.SessionAuth;
import dev.clerk.jakarta.core.events.EventPublisher;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.AuthStatus;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.token.SessionClaims;
import dev.clerk.jakarta.core.token.TokenVerificationException;
import dev.clerk.jakarta.core.token.TokenVerificationReason;
import dev.clerk.jakarta.core.token.UnverifiedJwt;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * The cookie tree of Clerk's {@code authenticateRequest} (spec §3.3, rows C1–C20): handshake
 * resolution, satellite and development-browser syncs, the {@code __session}/{@code __client_uat}
 * pair, the session token's verification, the cross-origin referrer rule and organization sync.
 * Thread-safe.
 */
final class CookieTree {

  static final String AZP_WARNING =
      "Clerk: Session token from cookie is missing the azp claim. In a future version of Clerk, this"
          + " token will be considered invalid. Please contact Clerk support if you see this warning.";
  static final String CROSS_ORIGIN_MESSAGE =
      "Cross-origin request from satellite domain requires handshake";
  static final String ORG_LOOP_MESSAGE =
      "Clerk: Organization activation handshake loop detected. This is likely due to an invalid"
          + " organization ID or slug. Skipping organization activation.";
  static final String DEV_HANDSHAKE_SIGNATURE_MESSAGE =
      "Clerk: Handshake token verification failed due to an invalid signature. If you have switched"
          + " Clerk keys locally, clear your cookies and try again.";

  private final AuthnConfig options;
  private final AuthServices services;
  private final FlowLog log;
  private final HandshakeResolver resolver;
  private final HandshakeResponder handshakes;
  private final SessionTokens sessions;
  private final MultiDomainRedirects multiDomain;
  private final AtomicBoolean azpWarned = new AtomicBoolean();

  CookieTree(
      AuthnConfig options,
      AuthServices services,
      FlowLog log,
      HandshakeResolver resolver,
      HandshakeResponder handshakes,
      SessionTokens sessions,
      MultiDomainRedirects multiDomain) {
    this.options = options;
    this.services = services;
    this.log = log;
    this.resolver = resolver;
    this.handshakes = handshakes;
    this.sessions = sessions;
    this.multiDomain = multiDomain;
  }

  RequestState fromCookies(AuthenticateContext ctx) {
    // C1
    if (ctx.handshakeNonce != null || ctx.handshakeToken != null) {
      EventPublisher.Timing resolving = log.events().handshakeStarted();
      try {
        RequestState resolved = resolver.resolveHandshake(ctx);
        AuthReason why = resolved.reason();
        log.events().handshakeEnded(resolving, true, why == null ? "" : why.value());
        return resolved;
      } catch (TokenVerificationException e) {
        log.events().handshakeEnded(resolving, false, e.reason().value());
        if (ctx.isDevelopment()) {
          // Clerk throws here (HTTP 500). We answer signed out with the verification reason and
          // Clerk's
          // development message, once at WARNING: a client must cause neither a 500 nor an ERROR
          // line.
          String message =
              e.reason() == TokenVerificationReason.TOKEN_INVALID_SIGNATURE
                  ? DEV_HANDSHAKE_SIGNATURE_MESSAGE
                  : "Clerk: Handshake token verification failed: "
                      + e.fullMessage("handshake")
                      + ".";
          log.client("handshake-dev:" + e.reason(), message);
          return RequestState.signedOut(AuthReason.of(e.reason().value()), message);
        }
        log.client(
            "handshake:" + e.reason(),
            "Clerk: unable to resolve handshake: " + e.fullMessage("handshake"));
      } catch (HandshakeResolver.HandshakeFailure e) {
        log.events().handshakeEnded(resolving, false, e.key());
        // Keyed by the cause, not the message: messages carry dates ("JWT is expired. ... Current
        // date: ..."), so a replayed handshake token would otherwise log at WARNING on every
        // request
        // and fill the bounded log-once set, hiding later outages.
        log.client(
            "handshake-failure:" + e.key(),
            "Clerk: unable to resolve handshake: " + e.getMessage());
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
          return handshakes.maybeHandshake(
              ctx, AuthReason.SATELLITE_COOKIE_NEEDS_SYNCING, "", null); // C4
        }
        String signIn = Objects.requireNonNull(options.signInUrl(), "signInUrl");
        String location = MultiDomainRedirects.satelliteNeedsSyncingLocation(signIn, ctx);
        return handshakes.maybeHandshake(
            ctx,
            AuthReason.SATELLITE_COOKIE_NEEDS_SYNCING,
            "",
            List.of(HandshakeService.location(location))); // C6
      }
    }
    // C7, only to an allowed origin; any other __clerk_redirect_url is treated as absent.
    if (ctx.isDevelopment() && !satellite) {
      Optional<String> back = ctx.request.queryParam("__clerk_redirect_url");
      if (back.isPresent()) {
        String location = multiDomain.primaryRespondsLocation(ctx, back.get());
        if (location != null) {
          return handshakes.maybeHandshake(
              ctx,
              AuthReason.PRIMARY_RESPONDS_TO_SYNCING,
              "",
              List.of(HandshakeService.location(location)));
        }
      }
    }
    if (ctx.isDevelopment()) {
      if (ctx.request.queryParam(AuthenticateContext.DEV_BROWSER).isPresent()) {
        return handshakes.maybeHandshake(ctx, AuthReason.DEV_BROWSER_SYNC, "", null); // C8
      }
      if (ctx.devBrowserToken == null) {
        return handshakes.maybeHandshake(ctx, AuthReason.DEV_BROWSER_MISSING, "", null); // C9
      }
    }
    if (!hasActiveClient && !hasSessionToken) {
      return RequestState.signedOut(AuthReason.SESSION_TOKEN_AND_UAT_MISSING, ""); // C10
    }
    if (!hasActiveClient) {
      return handshakes.maybeHandshake(
          ctx, AuthReason.SESSION_TOKEN_WITHOUT_CLIENT_UAT, "", null); // C11
    }
    if (!hasSessionToken) {
      return handshakes.maybeHandshake(
          ctx, AuthReason.CLIENT_UAT_WITHOUT_SESSION_TOKEN, "", null); // C12
    }
    String token = Objects.requireNonNull(ctx.sessionTokenInCookie);
    UnverifiedJwt jwt;
    try {
      jwt = ctx.decode(token);
    } catch (TokenVerificationException e) {
      return sessions.handleSessionTokenError(ctx, e, "cookie"); // C13
    }
    if (Peek.isMachineJwt(token, jwt) || Peek.isNonSessionCategory(jwt)) {
      return RequestState.signedOut(AuthReason.TOKEN_TYPE_MISMATCH, ""); // C14
    }
    Double iat = Peek.number(jwt, "iat");
    if (iat != null && iat < ctx.clientUat) {
      return handshakes.maybeHandshake(
          ctx, AuthReason.SESSION_TOKEN_IAT_BEFORE_CLIENT_UAT, "", null); // C15
    }
    SessionClaims claims;
    try {
      claims = services.verifySessionToken(token, jwt);
    } catch (TokenVerificationException e) {
      return sessions.handleSessionTokenError(ctx, e, "cookie"); // C16
    }
    if (claims.authorizedParty() == null && azpWarned.compareAndSet(false, true)) {
      RequestAuthenticator.LOGGER.log(Level.WARNING, AZP_WARNING); // C17
    }
    RequestState signedIn = SessionTokens.signedInSession(claims, token, List.of());
    // C18
    if (!satellite
        && get
        && "document".equals(dest)
        && Referrers.isCrossOriginReferrer(ctx)
        && !Referrers.isKnownClerkReferrer(ctx)
        && ctx.redirectCount == 0) {
      return handshakes.maybeHandshake(
          ctx, AuthReason.PRIMARY_DOMAIN_CROSS_ORIGIN_SYNC, CROSS_ORIGIN_MESSAGE, null);
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

  private @Nullable RequestState maybeOrganizationHandshake(
      AuthenticateContext ctx, SessionAuth auth) {
    OrganizationMatcher.Target target = handshakes.organizationTarget(ctx);
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
      log.client("org-loop", ORG_LOOP_MESSAGE);
      return null;
    }
    RequestState state =
        handshakes.maybeHandshake(ctx, AuthReason.ACTIVE_ORGANIZATION_MISMATCH, "", null);
    return state.status() == AuthStatus.HANDSHAKE ? state : null;
  }
}
