package dev.clerk.jakarta.core.internal.request;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.ClerkOptions;
import dev.clerk.jakarta.core.auth.MachineAuth;
import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.backend.ApiKey;
import dev.clerk.jakarta.core.backend.ClerkApiException;
import dev.clerk.jakarta.core.backend.M2MToken;
import dev.clerk.jakarta.core.backend.OAuthAccessToken;
import dev.clerk.jakarta.core.backend.RefreshSessionRequest;
import dev.clerk.jakarta.core.internal.DecodedJwt;
import dev.clerk.jakarta.core.internal.JwtVerifier;
import dev.clerk.jakarta.core.token.SessionClaims;
import dev.clerk.jakarta.core.token.TokenVerificationException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@link AuthServices} over a {@link Clerk}: its session-token verifier and JWKS source (issue 2) and
 * its Backend API client (issue 4). Thread-safe; the Clerk's parts are looked up at call time, so it
 * can be created in the Clerk constructor.
 *
 * @since 0.1
 */
public final class ClerkAuthServices implements AuthServices {
  private final Clerk clerk;
  private final ClerkOptions options;

  /**
   * Creates the services.
   *
   * @param clerk the Clerk whose verifier and Backend API to use
   */
  public ClerkAuthServices(Clerk clerk) {
    this.clerk = clerk;
    this.options = clerk.options();
  }

  @Override
  public SessionClaims verifySessionToken(String token) throws TokenVerificationException {
    return clerk.sessionTokenVerifier().verify(token);
  }

  @Override
  public SessionClaims verifySessionToken(String token, Duration clockSkew) throws TokenVerificationException {
    return clerk.sessionTokenVerifier().withClockSkew(clockSkew).verify(token);
  }

  @Override
  public Map<String, Object> verifyHandshakeToken(String token) throws TokenVerificationException {
    DecodedJwt jwt = DecodedJwt.decode(token);
    JwtVerifier verifier =
        JwtVerifier.builder().keySource(clerk.jwksSource()).allowedTypes(null).checkClaims(false).build();
    verifier.verify(jwt);
    return jwt.payload();
  }

  @Override
  public SessionClaims verifyMachineJwt(String token, @Nullable Set<String> allowedTypes) throws TokenVerificationException {
    DecodedJwt jwt = DecodedJwt.decode(token);
    JwtVerifier verifier =
        JwtVerifier.builder()
            .keySource(clerk.jwksSource())
            .allowedTypes(allowedTypes)
            .checkClaims(true)
            .authorizedParties(options.authorizedParties())
            .audience(options.audience())
            .clockSkew(options.clockSkew())
            .clock(options.clock())
            .build();
    return verifier.verify(jwt);
  }

  @Override
  public List<String> handshakePayload(String nonce) throws Exception {
    return clerk.backendApi().clients().handshakePayload(nonce).directives();
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
    try {
      return clerk
          .backendApi()
          .sessions()
          .refresh(
              sessionId,
              new RefreshSessionRequest(expiredToken, refreshToken, requestOrigin, requestHeaders),
              suffixedCookies)
          .cookies();
    } catch (ClerkApiException e) {
      if (e.errors().isEmpty()) {
        throw new RefreshException(RefreshException.UNEXPECTED_BAPI_ERROR, "Unexpected Server/BAPI error", e);
      }
      String code = e.errors().get(0).code();
      if ("unexpected_error".equals(code)) {
        throw new RefreshException(RefreshException.FETCH_ERROR, "Fetch unexpected error", e);
      }
      throw new RefreshException(code, code, e);
    } catch (IOException e) {
      throw new RefreshException(RefreshException.UNEXPECTED_BAPI_ERROR, "Unexpected Server/BAPI error", e);
    }
  }

  @Override
  public MachineAuth verifyOpaqueMachineToken(TokenType type, String token) throws MachineTokenException {
    try {
      return switch (type) {
        case API_KEY -> fromApiKey(clerk.backendApi().apiKeys().verify(token), token);
        case M2M_TOKEN -> fromM2m(clerk.backendApi().m2mTokens().verify(token, options.machineSecretKey()), token);
        case OAUTH_TOKEN -> fromOauth(clerk.backendApi().oauthAccessTokens().verify(token), token);
        case SESSION_TOKEN -> throw new IllegalArgumentException("not a machine token type");
      };
    } catch (ClerkApiException e) {
      int status = e.statusCode();
      if (status == 401) {
        String message = e.errors().isEmpty() ? "Invalid secret key" : e.errors().get(0).message();
        throw new MachineTokenException(MachineTokenException.SECRET_KEY_INVALID, message, status, e);
      }
      if (status == 404) {
        throw new MachineTokenException(MachineTokenException.TOKEN_INVALID, notFound(type), status, e);
      }
      throw new MachineTokenException(MachineTokenException.UNEXPECTED_ERROR, "Unexpected error", status, e);
    } catch (IOException e) {
      throw new MachineTokenException(MachineTokenException.UNEXPECTED_ERROR, "Unexpected error", null, e);
    }
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
        TokenType.API_KEY, key.id(), key.subject(), key.scopes(), key.name(), key.claims(), null, token);
  }

  private static MachineAuth fromM2m(M2MToken m2m, String token) {
    return new MachineAuth(TokenType.M2M_TOKEN, m2m.id(), m2m.subject(), m2m.scopes(), null, m2m.claims(), null, token);
  }

  private static MachineAuth fromOauth(OAuthAccessToken oat, String token) {
    return new MachineAuth(
        TokenType.OAUTH_TOKEN, oat.id(), oat.subject(), oat.scopes(), null, null, oat.clientId(), token);
  }
}
