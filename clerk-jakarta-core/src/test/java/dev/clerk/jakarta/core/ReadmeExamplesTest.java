package dev.clerk.jakarta.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.auth.Authorization;
import dev.clerk.jakarta.core.auth.SessionAuth;
import dev.clerk.jakarta.core.request.AuthStatus;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.token.SessionClaims;
import dev.clerk.jakarta.core.token.TokenVerificationException;
import dev.clerk.jakarta.core.token.TokenVerificationReason;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.Fault;
import java.net.URI;
import org.junit.jupiter.api.Test;

/**
 * The README's Java examples, run against FakeClerk, so that the README keeps telling the truth.
 */
class ReadmeExamplesTest {

  @Test
  void testWithFakeClerkWhenBearerTokenThenSignedInAsAdminAndFaultsReachTheCode() throws Exception {
    try (FakeClerk fake = FakeClerk.start()) {
      Clerk clerk =
          Clerk.builder()
              .secretKey(fake.secretKey())
              .publishableKey(fake.publishableKey())
              .apiUrl(fake.apiUrl())
              .build();
      String jwt =
          fake.sessionToken()
              .subject("user_123")
              .organizationV1("org_1", "acme", "org:admin")
              .sign();

      RequestState state =
          clerk.authenticateRequest(
              ClerkRequest.builder()
                  .method("GET")
                  .url(URI.create("https://example.com/dashboard"))
                  .header("Authorization", "Bearer " + jwt)
                  .build());

      SessionAuth session = assertInstanceOf(SessionAuth.class, state.auth());
      assertEquals("user_123", session.userId());
      assertEquals("org_1", session.orgId());
      assertTrue(session.has(Authorization.role("org:admin")));

      Clerk cold =
          Clerk.builder()
              .secretKey(fake.secretKey())
              .publishableKey(fake.publishableKey())
              .apiUrl(fake.apiUrl())
              .build();
      fake.failAlways("/v1/jwks", Fault.status(503));
      RequestState down =
          cold.authenticateRequest(
              ClerkRequest.builder()
                  .url(URI.create("https://example.com/api"))
                  .header("Authorization", "Bearer " + jwt)
                  .build());
      assertEquals(AuthStatus.SIGNED_OUT, down.status());
      assertTrue(
          down.reason() != null && down.reason().isServiceFailure(), String.valueOf(down.reason()));
    }
  }

  @Test
  void verifyTokenYourselfWhenExpiredThenReasonTokenExpired() throws Exception {
    try (FakeClerk fake = FakeClerk.start()) {
      Clerk clerk =
          Clerk.builder()
              .jwtKey(fake.signingKey().publicKeyPem())
              .publishableKey(fake.publishableKey())
              .build();
      String jwt = fake.sessionToken().subject("user_9").sign();
      SessionClaims claims = clerk.verifyToken(jwt);
      assertEquals("user_9", SessionAuth.from(claims, jwt).userId());

      String expired = fake.sessionToken().shiftTimes(java.time.Duration.ofHours(-1)).sign();
      TokenVerificationException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              TokenVerificationException.class, () -> clerk.verifyToken(expired));
      assertEquals(TokenVerificationReason.TOKEN_EXPIRED, e.reason());
      assertEquals("token-expired", e.reason().value());
    }
  }
}
