package dev.clerk.jakarta.core.authn;

import dev.clerk.jakarta.core.auth.SignedOutAuth;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.request.ResponseHeader;
import dev.clerk.jakarta.core.token.TokenVerificationException;
import dev.clerk.jakarta.core.token.TokenVerificationReason;
import dev.clerk.jakarta.core.token.UnverifiedJwt;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Resolves a handshake (spec §3.4): the directives of a nonce (Backend API) or of a handshake token
 * (signature-checked), filtered, turned into {@code Set-Cookie} headers, and the session token
 * among them verified (in development once more with a day of clock skew). Thread-safe.
 */
final class HandshakeResolver {

  static final Duration DEV_HANDSHAKE_CLOCK_SKEW = Duration.ofDays(1);
  private static final Set<TokenVerificationReason> SKEW_REASONS =
      Set.of(
          TokenVerificationReason.TOKEN_EXPIRED,
          TokenVerificationReason.TOKEN_NOT_ACTIVE_YET,
          TokenVerificationReason.TOKEN_IAT_IN_THE_FUTURE);

  private final AuthServices services;
  private final FlowLog log;

  HandshakeResolver(AuthServices services, FlowLog log) {
    this.services = services;
    this.log = log;
  }

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

  RequestState resolveHandshake(AuthenticateContext ctx)
      throws TokenVerificationException, HandshakeFailure {
    List<String> directives;
    String noPayload = "";
    if (ctx.handshakeNonce != null) {
      try {
        directives = services.handshakePayload(ctx.handshakeNonce);
      } catch (Exception e) {
        // A stale or forged nonce is the client's; an outage is logged once by the lookup itself.
        RequestAuthenticator.LOGGER.log(
            Level.DEBUG,
            "Clerk: HandshakeService: error getting handshake payload: {0}",
            e.getClass().getName());
        noPayload = e instanceof BackendLookup.Failure f && f.noAnswer() ? f.getMessage() : "";
        directives = List.of();
      }
    } else {
      directives = verifyHandshakeToken(Objects.requireNonNull(ctx.handshakeToken));
    }
    directives = Directives.filter(directives, "handshake");
    List<ResponseHeader> headers = new ArrayList<>();
    if (!directives.isEmpty()) {
      // Clerk sends these on every resolution. They let any opaque ("null") origin read the
      // response
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
      return RequestState.signedOut(
          AuthReason.SESSION_TOKEN_MISSING, noPayload, SignedOutAuth.session(), headers);
    }
    try {
      return SessionTokens.signedInSession(
          services.verifySessionToken(sessionToken), sessionToken, headers);
    } catch (TokenVerificationException e) {
      if (ctx.isDevelopment() && SKEW_REASONS.contains(e.reason())) {
        log.client(
            "clock-skew",
            "Clerk: Clock skew detected. This usually means that your system clock is inaccurate."
                + " Clerk will attempt to account for the clock skew in development.");
        try {
          return SessionTokens.signedInSession(
              services.verifySessionToken(sessionToken, DEV_HANDSHAKE_CLOCK_SKEW),
              sessionToken,
              headers);
        } catch (TokenVerificationException retry) {
          throw new HandshakeFailure(retry.reason().value(), retry.clerkMessage());
        }
      }
      throw new HandshakeFailure(e.reason().value(), e.clerkMessage());
    }
  }

  /** {@code verifyHandshakeToken}: category, then signature only; returns the directives. */
  private List<String> verifyHandshakeToken(String token)
      throws TokenVerificationException, HandshakeFailure {
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
            TokenVerificationReason.TOKEN_INVALID_SIGNATURE,
            "Handshake signature is invalid.",
            e.action());
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
}
