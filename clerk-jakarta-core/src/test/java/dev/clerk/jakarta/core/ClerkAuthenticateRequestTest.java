package dev.clerk.jakarta.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.clerk.jakarta.core.auth.AcceptedTokens;
import dev.clerk.jakarta.core.auth.MachineAuth;
import dev.clerk.jakarta.core.auth.SessionAuth;
import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.AuthStatus;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.testing.FakeClerk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The per-call {@code acceptsToken} overload of {@link Clerk#authenticateRequest}. */
class ClerkAuthenticateRequestTest {
  private final FakeClerk fake = FakeClerk.start();
  private final Clerk clerk =
      Clerk.builder()
          .secretKey(fake.secretKey())
          .publishableKey(fake.publishableKey())
          .apiUrl(fake.apiUrl())
          .build();

  @AfterEach
  void close() {
    fake.close();
  }

  private static ClerkRequest bearer(String token) {
    return ClerkRequest.builder()
        .url("https://app.example.com/api/jobs")
        .header("Authorization", "Bearer " + token)
        .build();
  }

  @Test
  void authenticateRequestWhenPerCallApiKeyThenMachineSignedInWhileDefaultRefusesIt() {
    fake.registerApiKey("ak_test_key", "user_42", "jobs:write");

    RequestState perCall =
        clerk.authenticateRequest(bearer("ak_test_key"), AcceptedTokens.of(TokenType.API_KEY));
    RequestState byOptions = clerk.authenticateRequest(bearer("ak_test_key"));

    assertEquals(AuthStatus.SIGNED_IN, perCall.status());
    MachineAuth machine = assertInstanceOf(MachineAuth.class, perCall.auth());
    assertEquals("user_42", machine.subject());
    assertEquals(AuthStatus.SIGNED_OUT, byOptions.status());
    assertEquals(AuthReason.of("token-invalid"), byOptions.reason());
  }

  @Test
  void authenticateRequestWhenPerCallSettingsDifferThenOneJwksCacheServesAll() {
    String jwt = fake.sessionToken().subject("user_7").sign();

    RequestState a = clerk.authenticateRequest(bearer(jwt));
    RequestState b = clerk.authenticateRequest(bearer(jwt), AcceptedTokens.any());
    RequestState c =
        clerk.authenticateRequest(bearer(jwt), AcceptedTokens.parse("[session_token,api_key]"));

    for (RequestState s : new RequestState[] {a, b, c}) {
      assertEquals("user_7", assertInstanceOf(SessionAuth.class, s.auth()).userId());
    }
    assertEquals(1, fake.jwksRequestCount());
  }

  @Test
  void authenticateRequestWhenPerCallListRefusesTypeThenTokenTypeMismatchWithoutType() {
    fake.registerApiKey("ak_test_key", "user_42");

    RequestState state =
        clerk.authenticateRequest(
            bearer("ak_test_key"), AcceptedTokens.parse("[session_token,m2m_token]"));

    assertEquals(AuthReason.TOKEN_TYPE_MISMATCH, state.reason());
    assertEquals(null, state.tokenType());
  }
}
