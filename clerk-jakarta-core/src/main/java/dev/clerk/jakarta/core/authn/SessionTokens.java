package dev.clerk.jakarta.core.authn;

import dev.clerk.jakarta.core.auth.SessionAuth;
import dev.clerk.jakarta.core.auth.SignedOutAuth;
import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.events.EventPublisher;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.request.ResponseHeader;
import dev.clerk.jakarta.core.token.SessionClaims;
import dev.clerk.jakarta.core.token.TokenVerificationException;
import dev.clerk.jakarta.core.token.TokenVerificationReason;
import dev.clerk.jakarta.core.token.UnverifiedJwt;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A session token's verification and what follows a failure (spec §3.7): the signed-in state (a
 * {@code pending} session is signed out in its auth), a refresh through the Backend API for an
 * expired cookie token on a GET, and the handshake or signed-out state for the reason. Thread-safe.
 */
final class SessionTokens {

  /**
   * Not passed on to a session refresh with {@code forwarded-headers=ignore}: the client chose
   * them.
   */
  private static final Set<String> FORWARDED_HEADERS =
      Set.of(
          "forwarded",
          "x-forwarded-host",
          "x-forwarded-proto",
          "x-forwarded-port",
          "cloudfront-forwarded-proto");

  private final AuthnConfig options;
  private final AuthServices services;
  private final FlowLog log;
  private final HandshakeResponder handshakes;

  SessionTokens(
      AuthnConfig options, AuthServices services, FlowLog log, HandshakeResponder handshakes) {
    this.options = options;
    this.services = services;
    this.log = log;
    this.handshakes = handshakes;
  }

  /**
   * Verifies a session token ({@code decoded}: the token decoded before, or null) into the
   * request's state.
   */
  RequestState verifySession(
      AuthenticateContext ctx, String token, @Nullable UnverifiedJwt decoded, String carrier) {
    try {
      SessionClaims claims =
          decoded == null
              ? services.verifySessionToken(token)
              : services.verifySessionToken(token, decoded);
      return signedInSession(claims, token, List.of());
    } catch (TokenVerificationException e) {
      return handleSessionTokenError(ctx, e, carrier);
    }
  }

  static RequestState signedInSession(
      SessionClaims claims, String token, List<ResponseHeader> headers) {
    if ("pending".equals(claims.sessionStatus())) {
      // toAuth({treatPendingAsSignedOut: true}): the state is signed-in, the auth is signed out.
      return RequestState.signedIn(new SignedOutAuth(TokenType.SESSION_TOKEN, "pending"), headers);
    }
    return RequestState.signedIn(SessionAuth.from(claims, token), headers);
  }

  // ---------------------------------------------------------------- token errors + refresh (§3.7)

  RequestState handleSessionTokenError(
      AuthenticateContext ctx, TokenVerificationException err, String carrier) {
    if (err.reason().isServiceFailure()) {
      log.outage(
          err.reason().value(),
          "Clerk: could not verify a session token: "
              + err.fullMessage(carrier)
              + " Requests that need it are"
              + " signed out (protected paths answer 503) until it recovers. Logged once per cause.");
    } else if (RequestAuthenticator.LOGGER.isLoggable(Level.DEBUG)) {
      RequestAuthenticator.LOGGER.log(
          Level.DEBUG, "Clerk: session token rejected: {0}", err.reason().value());
    }
    String refreshError = null;
    boolean get = "GET".equals(ctx.method());
    if (err.reason() == TokenVerificationReason.TOKEN_EXPIRED) {
      if (ctx.refreshTokenInCookie != null && get) {
        EventPublisher.Timing refreshing = log.events().refreshStarted();
        Refresh refresh = attemptRefresh(ctx);
        log.events().refreshEnded(refreshing, refresh.error);
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
          case TOKEN_EXPIRED ->
              AuthReason.of(AuthReason.SESSION_TOKEN_EXPIRED.value() + "-refresh-" + refreshError);
          case TOKEN_NOT_ACTIVE_YET -> AuthReason.SESSION_TOKEN_NBF;
          case TOKEN_IAT_IN_THE_FUTURE -> AuthReason.SESSION_TOKEN_IAT_IN_THE_FUTURE;
          default -> null;
        };
    if (converted != null) {
      return handshakes.maybeHandshake(ctx, converted, message, null);
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
              sid,
              expired,
              refreshToken,
              ctx.origin(),
              requestHeaders(ctx.request),
              ctx.usesSuffixedCookies);
    } catch (RefreshException e) {
      log.client("refresh:" + e.reason(), "Clerk: session refresh failed: " + e.reason());
      return new Refresh(null, e.reason());
    } catch (RuntimeException e) {
      log.defect(
          "refresh-sdk:" + e.getClass().getName(),
          "Clerk: session refresh failed: " + e.getClass().getName());
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
    request
        .headers()
        .forEach(
            (name, values) -> {
              if (!ignoreForwarded || !FORWARDED_HEADERS.contains(name)) {
                out.put(name, List.of(String.join(", ", values)));
              }
            });
    return out;
  }
}
