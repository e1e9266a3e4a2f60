package dev.clerk.jakarta.core.authn;

import dev.clerk.jakarta.core.auth.MachineAuth;
import dev.clerk.jakarta.core.auth.SignedOutAuth;
import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.token.SessionClaims;
import dev.clerk.jakarta.core.token.TokenVerificationException;
import dev.clerk.jakarta.core.token.UnverifiedJwt;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

/**
 * The token in the {@code Authorization} header (spec §3.2, §5.3): a session token (unless it is a
 * machine JWT or of another category), a machine token of the accepted type (opaque, through the
 * Backend API; or an M2M/OAuth JWT, verified locally), or either when any type is accepted.
 * Thread-safe.
 */
final class HeaderTokens {

  private final AuthServices services;
  private final FlowLog log;
  private final SessionTokens sessions;

  HeaderTokens(AuthServices services, FlowLog log, SessionTokens sessions) {
    this.services = services;
    this.log = log;
    this.sessions = sessions;
  }

  RequestState sessionFromHeader(AuthenticateContext ctx, String token) {
    UnverifiedJwt jwt = ctx.decodeOrNull(token);
    if (jwt != null && (Peek.isMachineJwt(token, jwt) || Peek.isNonSessionCategory(jwt))) {
      return RequestState.signedOut(AuthReason.TOKEN_TYPE_MISMATCH, "");
    }
    return sessions.verifySession(ctx, token, jwt, "header");
  }

  RequestState machineFromHeader(String token, TokenType accepted) {
    Optional<TokenType> parsed = Peek.machineTokenType(token);
    if (parsed.isEmpty() || parsed.get() != accepted) {
      return RequestState.signedOut(
          AuthReason.TOKEN_TYPE_MISMATCH, "", SignedOutAuth.of(accepted), List.of());
    }
    return verifyMachine(token, accepted);
  }

  RequestState anyFromHeader(AuthenticateContext ctx, String token) {
    Optional<TokenType> parsed = Peek.machineTokenType(token);
    if (parsed.isEmpty()) {
      return sessions.verifySession(ctx, token, null, "header");
    }
    return verifyMachine(token, parsed.get());
  }

  private RequestState verifyMachine(String token, TokenType type) {
    try {
      MachineAuth auth =
          Peek.isJwtShape(token)
              ? verifyMachineJwt(token)
              : services.verifyOpaqueMachineToken(type, token);
      return RequestState.signedIn(auth, List.of());
    } catch (MachineTokenException e) {
      if (!e.code().equals(MachineTokenException.TOKEN_INVALID)
          && !e.code().equals(MachineTokenException.TOKEN_VERIFICATION_FAILED)) {
        e.reportTo(log);
      } else {
        if (RequestAuthenticator.LOGGER.isLoggable(Level.DEBUG)) {
          RequestAuthenticator.LOGGER.log(
              Level.DEBUG, "Clerk: machine token rejected: {0}", e.code());
        }
      }
      return RequestState.signedOut(
          AuthReason.of(e.code()), e.fullMessage(), SignedOutAuth.of(type), List.of());
    }
  }

  private MachineAuth verifyMachineJwt(String token) throws MachineTokenException {
    UnverifiedJwt jwt;
    try {
      jwt = UnverifiedJwt.decode(token);
    } catch (TokenVerificationException e) {
      throw new MachineTokenException(
          MachineTokenException.TOKEN_VERIFICATION_FAILED, e.clerkMessage(), null, null);
    }
    try {
      if (Peek.isM2MJwt(jwt)) {
        Object cat = jwt.header().get("cat");
        if (cat != null && !Peek.CATEGORY_M2M.equals(cat)) {
          throw new MachineTokenException(
              MachineTokenException.TOKEN_INVALID, "Invalid M2M JWT category.", null, null);
        }
        SessionClaims claims = services.verifyMachineJwt(token, null);
        return MachineTokens.m2mFromJwt(claims, token);
      }
      if (Peek.isOAuthJwt(jwt)) {
        SessionClaims claims = services.verifyMachineJwt(token, Peek.OAUTH_JWT_TYPES);
        return MachineTokens.oauthFromJwt(claims, token);
      }
    } catch (TokenVerificationException e) {
      throw new MachineTokenException(
          MachineTokenException.TOKEN_VERIFICATION_FAILED, e.clerkMessage(), null, null);
    }
    String typ = jwt.typ();
    throw new MachineTokenException(
        MachineTokenException.TOKEN_VERIFICATION_FAILED,
        "Invalid JWT type: "
            + (typ == null ? "missing" : typ)
            + ". Expected one of: at+jwt, application/at+jwt for OAuth, or sub starting with 'mch_' for M2M",
        null,
        null);
  }
}
