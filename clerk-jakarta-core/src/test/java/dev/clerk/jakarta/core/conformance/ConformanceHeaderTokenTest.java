package dev.clerk.jakarta.core.conformance;

import static dev.clerk.jakarta.core.conformance.Conformance.HANDSHAKE_BASE;
import static dev.clerk.jakarta.core.conformance.Conformance.SID;
import static dev.clerk.jakarta.core.conformance.Conformance.SUB;
import static dev.clerk.jakarta.core.conformance.Conformance.assertHandshake;
import static dev.clerk.jakarta.core.conformance.Conformance.assertSignedIn;
import static dev.clerk.jakarta.core.conformance.Conformance.assertSignedOut;
import static dev.clerk.jakarta.core.conformance.Conformance.params;
import static dev.clerk.jakarta.core.conformance.Conformance.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.auth.SessionAuth;
import dev.clerk.jakarta.core.auth.SignedOutAuth;
import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.token.TokenVerificationException;
import dev.clerk.jakarta.core.token.TokenVerificationReason;
import dev.clerk.jakarta.testing.FakeResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Spec §6 "Header token" (1–8) and 43; spec §2.3 and §3.2. */
class ConformanceHeaderTokenTest {
  private final Conformance fx = Conformance.dev();

  @AfterEach
  void close() {
    fx.close();
  }

  private void emptyJwks() {
    fx.fake.route("GET", "/v1/jwks", req -> FakeResponse.json(200, "{}"));
  }

  @Test
  void s01_authorizationWithoutScheme_noThrow() {
    emptyJwks();
    String token = fx.token().sign();
    RequestState state =
        fx.clerk().authenticateRequest(request().header("authorization", token).build());
    assertSignedOut(state, "jwk-remote-failed-to-load");
  }

  @Test
  void s02_basicScheme_fallsBackToCookies() {
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                request().header("authorization", "Basic dXNlcjpwYXNzd29yZA==").build());
    // No header token: the cookie path runs, and a dev instance without a dev browser handshakes.
    assertHandshake(state, "dev-browser-missing");
    assertFalse(params(state.location().orElseThrow()).containsKey("__session"));
  }

  @Test
  void s02b_lowercaseBearer_isNotAHeaderToken() {
    String token = fx.token().sign();
    RequestState state =
        fx.clerk()
            .authenticateRequest(request().header("authorization", "bearer " + token).build());
    assertHandshake(state, "dev-browser-missing");
    assertFalse(params(state.location().orElseThrow()).containsKey("__session"));
  }

  @Test
  void s03_emptyJwks_jwkRemoteFailedToLoad() {
    emptyJwks();
    String token = fx.token().sign();
    RequestState state =
        fx.clerk()
            .authenticateRequest(request().header("authorization", "Bearer " + token).build());
    assertSignedOut(
        state,
        "jwk-remote-failed-to-load",
        "The JWKS endpoint did not contain any signing keys. Contact support@clerk.com. Contact support@clerk.com"
            + " (reason=jwk-remote-failed-to-load, token-carrier=header)");
  }

  @Test
  void s04_validBearer_signedIn() {
    String token = fx.token().sign();
    RequestState state =
        fx.clerk()
            .authenticateRequest(request().header("authorization", "Bearer " + token).build());
    assertSignedIn(state);
    SessionAuth auth = assertInstanceOf(SessionAuth.class, state.auth());
    assertEquals(SID, auth.sessionId());
    assertEquals(SUB, auth.userId());
    assertNull(auth.orgId());
    assertNull(auth.orgRole());
    assertNull(auth.orgSlug());
    assertEquals(List.of(), auth.orgPermissions());
    assertEquals(token, state.token());
    assertEquals(List.of(), state.headers());
  }

  @Test
  void s05_authorizedPartiesMismatch_tokenInvalidAuthorizedParties() {
    String token = fx.token().sign();
    Clerk clerk = fx.clerk(o -> o.authorizedParties(List.of("whatever")));
    RequestState state =
        clerk.authenticateRequest(request().header("authorization", "Bearer " + token).build());
    assertSignedOut(
        state,
        "token-invalid-authorized-parties",
        "Invalid JWT Authorized party claim (azp) \"https://accounts.inspired.puma-74.lcl.dev\". Expected"
            + " \"whatever\". (reason=token-invalid-authorized-parties, token-carrier=header)");
  }

  @Test
  void s06_expiredBearerOnDocument_handshake() {
    String token = fx.token().sign();
    Clerk clerk = fx.clerkAt(Duration.ofHours(1), o -> {});
    RequestState state =
        clerk.authenticateRequest(request().header("authorization", "Bearer " + token).build());
    assertHandshake(state, "session-token-expired-refresh-non-eligible-no-refresh-cookie");
    assertInstanceOf(SignedOutAuth.class, state.auth());
    String location = state.location().orElseThrow();
    assertEquals(
        HANDSHAKE_BASE
            + "?redirect_url=http%3A%2F%2Fexample.com%2Fpath&__clerk_api_version=2026-05-12&suffixed_cookies=false"
            + "&__clerk_hs_reason=session-token-expired-refresh-non-eligible-no-refresh-cookie&format=nonce"
            + "&__session="
            + token,
        location);
  }

  @Test
  void s06b_expiredBearerOnApiCall_signedOutWithConvertedReason() {
    String token = fx.token().sign();
    Clerk clerk = fx.clerkAt(Duration.ofHours(1), o -> {});
    RequestState state =
        clerk.authenticateRequest(
            request()
                .setHeader("sec-fetch-dest", "empty")
                .header("authorization", "Bearer " + token)
                .build());
    assertSignedOut(state, "session-token-expired-refresh-non-eligible-no-refresh-cookie");
    assertEquals(List.of(), state.headers("Location"));
  }

  @Test
  void s07_tamperedSignature_tokenInvalidSignature() {
    String token = fx.token().sign();
    String[] parts = token.split("\\.");
    char c = parts[2].charAt(10);
    String tampered =
        parts[0]
            + "."
            + parts[1]
            + "."
            + parts[2].substring(0, 10)
            + (c == 'A' ? 'B' : 'A')
            + parts[2].substring(11);
    RequestState state =
        fx.clerk()
            .authenticateRequest(request().header("authorization", "Bearer " + tampered).build());
    assertSignedOut(
        state,
        "token-invalid-signature",
        "JWT signature is invalid. (reason=token-invalid-signature, token-carrier=header)");
  }

  @Test
  void s08_notAJwt_tokenInvalid() {
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                request().header("authorization", "Bearer test_header_token").build());
    assertSignedOut(
        state,
        "token-invalid",
        "Invalid JWT form. A JWT consists of three parts separated by dots. (reason=token-invalid,"
            + " token-carrier=header)");
  }

  @Test
  void s08b_nbfInFuture_sessionTokenNbf() {
    String token = fx.token().shiftTimes(Duration.ofMinutes(10)).sign();
    RequestState state =
        fx.clerk()
            .authenticateRequest(request().header("authorization", "Bearer " + token).build());
    assertHandshake(state, "session-token-nbf");
  }

  @Test
  void s08c_iatInFuture_sessionTokenIatInTheFuture() {
    String token = fx.token().notBefore(null).issuedAt(Conformance.NOW.plusSeconds(600)).sign();
    RequestState state =
        fx.clerk()
            .authenticateRequest(request().header("authorization", "Bearer " + token).build());
    assertHandshake(state, "session-token-iat-in-the-future");
  }

  @Test
  void s43_noAcceptsToken_tokenTypeIsSessionToken() {
    String token = fx.token().sign();
    RequestState state =
        fx.clerk()
            .authenticateRequest(request().header("authorization", "Bearer " + token).build());
    assertEquals(TokenType.SESSION_TOKEN, state.tokenType());
    RequestState signedOut =
        fx.clerk().authenticateRequest(request().header("authorization", "Bearer x").build());
    assertEquals(TokenType.SESSION_TOKEN, signedOut.tokenType());
  }

  @Test
  void s36a_jwtTemplateInHeader_tokenTypeMismatch() {
    String token = fx.token().header("cat", "cl_B7d4PD222AAA").sessionId(null).sign();
    RequestState state =
        fx.clerk()
            .authenticateRequest(request().header("authorization", "Bearer " + token).build());
    assertSignedOut(state, "token-type-mismatch", "");
  }

  @Test
  void headerToken_neverRunsCookieChecks_devWithoutDevBrowserStillSignedIn() {
    String token = fx.token().sign();
    RequestState state =
        fx.clerk()
            .authenticateRequest(
                request()
                    .header("authorization", "Bearer " + token)
                    .header("cookie", "__client_uat=99999999999")
                    .build());
    assertSignedIn(state);
  }

  // ---- §3.9 reason catalogue: verification reasons reachable through the header path ----

  @Test
  void reasons_hs256Token_tokenInvalidAlgorithm() {
    String token = fx.token().header("alg", "HS256").sign();
    RequestState state =
        fx.clerk()
            .authenticateRequest(request().header("authorization", "Bearer " + token).build());
    assertSignedOut(state, "token-invalid-algorithm");
  }

  @Test
  void reasons_unknownKid_jwkKidMismatch() {
    String token = fx.token().signWith(fx.fake.foreignKey("ins_unknown")).sign();
    RequestState state =
        fx.clerk()
            .authenticateRequest(request().header("authorization", "Bearer " + token).build());
    assertSignedOut(state, "jwk-kid-mismatch");
    assertTrue(
        state
            .message()
            .startsWith("Unable to find a signing key in JWKS that matches the kid='ins_unknown'"),
        state.message());
  }

  @Test
  void reasons_wrongSecretKey_secretKeyInvalid() {
    Clerk clerk =
        Clerk.builder()
            .secretKey("sk_test_wrong")
            .publishableKey(fx.fake.publishableKey())
            .apiUrl(fx.fake.apiUrl())
            .configure(o -> o.clock(Conformance.CLOCK))
            .build();
    RequestState state =
        clerk.authenticateRequest(
            request().header("authorization", "Bearer " + fx.token().sign()).build());
    assertSignedOut(state, "secret-key-invalid");
  }

  @Test
  void reasons_rawTimeReasons_onlyFromVerifyToken() {
    Clerk clerk = fx.clerk();
    assertEquals(
        TokenVerificationReason.TOKEN_EXPIRED,
        assertThrows(
                TokenVerificationException.class,
                () -> clerk.verifyToken(fx.token().shiftTimes(Duration.ofMinutes(-10)).sign()))
            .reason());
    assertEquals(
        TokenVerificationReason.TOKEN_NOT_ACTIVE_YET,
        assertThrows(
                TokenVerificationException.class,
                () -> clerk.verifyToken(fx.token().shiftTimes(Duration.ofMinutes(10)).sign()))
            .reason());
    assertEquals(
        TokenVerificationReason.TOKEN_IAT_IN_THE_FUTURE,
        assertThrows(
                TokenVerificationException.class,
                () ->
                    clerk.verifyToken(
                        fx.token()
                            .notBefore(null)
                            .issuedAt(Conformance.NOW.plusSeconds(600))
                            .sign()))
            .reason());
  }

  @Test
  void reasons_noSecretKeyNorPem_jwkFailedToResolve() {
    Clerk clerk =
        Clerk.builder()
            .configure(
                o ->
                    o.machineSecretKey("ak_machine")
                        .acceptsToken("m2m_token")
                        .clock(Conformance.CLOCK))
            .build();
    TokenVerificationException e =
        assertThrows(TokenVerificationException.class, () -> clerk.verifyToken(fx.token().sign()));
    assertEquals(TokenVerificationReason.JWK_FAILED_TO_RESOLVE, e.reason());
    // Through authenticateRequest the same failure of an M2M JWT is a machine-token error.
    RequestState state =
        clerk.authenticateRequest(
            request()
                .header("authorization", "Bearer " + fx.token().subject("mch_1").sign())
                .build());
    assertSignedOut(
        state,
        "token-verification-failed",
        "Failed to resolve JWK during verification. (code=token-verification-failed, status=n/a)");
  }

  // ---- debug headers (authStatus.test) ----

  @Test
  void debugHeaders_invalidValueSkippedWithoutThrowing() {
    String token =
        fx.token().authorizedParty("https://evil.example\r\nSet-Cookie: x=y \u2028").sign();
    RequestState state =
        fx.clerk(o -> o.authorizedParties(List.of("https://app.example")))
            .authenticateRequest(request().header("authorization", "Bearer " + token).build());
    assertEquals("token-invalid-authorized-parties", state.reason().value());
    assertTrue(
        state.message().contains("\\r\\nSet-Cookie") && state.message().contains("\u2028"),
        state.message());
    assertEquals(List.of(), state.headers("x-clerk-auth-message"));
    assertEquals(List.of("signed-out"), state.headers("x-clerk-auth-status"));
    assertEquals(List.of("token-invalid-authorized-parties"), state.headers("x-clerk-auth-reason"));
  }

  @Test
  void outage_jwksDown_signedOutLoggedOnce() {
    fx.fake.failAlways("/v1/jwks", dev.clerk.jakarta.testing.Fault.status(503));
    Clerk clerk = fx.clerk();
    try (Conformance.LogCapture log = new Conformance.LogCapture()) {
      for (int i = 0; i < 3; i++) {
        RequestState state =
            clerk.authenticateRequest(
                request().header("authorization", "Bearer " + fx.token().sign()).build());
        assertSignedOut(state, "jwk-remote-failed-to-load");
      }
      assertEquals(
          1,
          log.messages.stream().filter(m -> m.contains("could not verify a session token")).count(),
          log.all());
    }
  }
}
