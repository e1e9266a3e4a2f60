package dev.clerk.jakarta.core.authn;

import dev.clerk.jakarta.core.auth.MachineAuth;
import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.token.SessionClaims;
import dev.clerk.jakarta.core.token.TokenVerificationException;
import dev.clerk.jakarta.core.token.UnverifiedJwt;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the request flow needs from Clerk: token verification (JWKS or PEM) and the Backend API. The
 * production implementation ({@link ClerkAuthServices}) delegates to the verifier and the Backend
 * API client of a {@link dev.clerk.jakarta.core.Clerk}; keeping it an interface keeps the decision
 * tree free of transport code. Implementations must be thread-safe.
 *
 * @since 0.1
 */
public interface AuthServices {

  /**
   * Verifies a session token with the configured options.
   *
   * @param token compact JWT
   * @return its claims
   * @throws TokenVerificationException with Clerk's reason
   */
  SessionClaims verifySessionToken(String token) throws TokenVerificationException;

  /**
   * Verifies a session token decoded before by {@link #decode}, as {@link
   * #verifySessionToken(String)} (the production services skip decoding it again).
   *
   * @param token compact JWT
   * @param decoded {@code token}, decoded
   * @return its claims
   * @throws TokenVerificationException with Clerk's reason
   */
  default SessionClaims verifySessionToken(String token, UnverifiedJwt decoded)
      throws TokenVerificationException {
    return verifySessionToken(token);
  }

  /**
   * Decodes a token without verifying it, as {@link UnverifiedJwt#decode}. The production services
   * answer a token they verified before from the verified-token cache, without parsing it.
   *
   * @param token compact JWT
   * @return the decoded token
   * @throws TokenVerificationException {@code token-invalid} when it is not a decodable JWT
   */
  default UnverifiedJwt decode(String token) throws TokenVerificationException {
    return UnverifiedJwt.decode(token);
  }

  /**
   * Verifies a session token with another clock skew (the development 24 h handshake retry).
   *
   * @param token compact JWT
   * @param clockSkew the leeway
   * @return its claims
   * @throws TokenVerificationException with Clerk's reason
   */
  SessionClaims verifySessionToken(String token, Duration clockSkew)
      throws TokenVerificationException;

  /**
   * Checks a handshake token's signature only (no time claims, {@code typ} absent or {@code JWT})
   * and returns its header and payload. The category check is the caller's.
   *
   * @param token compact JWT
   * @return the payload
   * @throws TokenVerificationException with Clerk's reason
   */
  Map<String, Object> verifyHandshakeToken(String token) throws TokenVerificationException;

  /**
   * Fetches the handshake directives for a nonce ({@code GET /v1/clients/handshake_payload}), once,
   * within the request timeout.
   *
   * @param nonce the nonce
   * @return the directives (raw {@code Set-Cookie} values)
   * @throws Exception on any failure (transport or API); a {@link BackendLookup.Failure} when the
   *     lookup was refused or Clerk did not answer
   */
  List<String> handshakePayload(String nonce) throws Exception;

  /**
   * Refreshes a session ({@code POST /v1/sessions/{sid}/refresh}).
   *
   * @param sessionId the {@code sid} of the expired token
   * @param expiredToken the expired session token
   * @param refreshToken the {@code __refresh} cookie
   * @param requestOrigin origin of the public URL
   * @param requestHeaders the request's headers
   * @param suffixedCookies whether the app uses suffixed cookies
   * @return the {@code Set-Cookie} values
   * @throws RefreshException with Clerk's refresh error reason
   */
  List<String> refreshSession(
      String sessionId,
      String expiredToken,
      String refreshToken,
      String requestOrigin,
      Map<String, List<String>> requestHeaders,
      boolean suffixedCookies)
      throws RefreshException;

  /**
   * Verifies an opaque machine token ({@code ak_}, {@code mt_}, {@code oat_}) through the Backend
   * API.
   *
   * @param type the token type
   * @param token the token
   * @return the machine
   * @throws MachineTokenException with Clerk's code and message
   */
  MachineAuth verifyOpaqueMachineToken(TokenType type, String token) throws MachineTokenException;

  /**
   * Verifies a JWT for a machine with the given JOSE {@code typ} values allowed (null: absent or
   * {@code JWT}); time and {@code azp}/{@code aud} claims are checked.
   *
   * @param token compact JWT
   * @param allowedTypes allowed {@code typ} values, or null for the session default
   * @return the verified payload
   * @throws TokenVerificationException with Clerk's reason
   */
  SessionClaims verifyMachineJwt(String token, @Nullable Set<String> allowedTypes)
      throws TokenVerificationException;
}
