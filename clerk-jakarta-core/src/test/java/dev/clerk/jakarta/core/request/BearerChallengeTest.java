package dev.clerk.jakarta.core.request;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BearerChallengeTest {
  @Test
  void unauthorizedWhenTokenPresentedThenInvalidTokenWithFixedDescription() {
    assertEquals(
        "Bearer error=\"invalid_token\", error_description=\"The token is invalid, expired or not accepted here\"",
        BearerChallenge.unauthorized(AuthReason.of("token-expired")));
    assertEquals(
        "Bearer error=\"invalid_token\", error_description=\"The token is invalid, expired or not accepted here\"",
        BearerChallenge.unauthorized(AuthReason.TOKEN_TYPE_MISMATCH));
  }

  @Test
  void unauthorizedWhenNoCredentialThenPlainBearer() {
    assertEquals("Bearer", BearerChallenge.unauthorized(AuthReason.SESSION_TOKEN_AND_UAT_MISSING));
    assertEquals("Bearer", BearerChallenge.unauthorized(AuthReason.NO_TOKEN_IN_HEADER));
    assertEquals("Bearer", BearerChallenge.unauthorized(null));
  }

  @Test
  void unauthorizedWhenServiceFailureThenNoErrorCode() {
    assertEquals(
        "Bearer", BearerChallenge.unauthorized(AuthReason.of("jwk-remote-failed-to-load")));
  }

  @Test
  void insufficientScopeWhenCalledThenRfc6750Value() {
    assertEquals(
        "Bearer error=\"insufficient_scope\", error_description=\"The request requires other permissions\"",
        BearerChallenge.insufficientScope());
  }
}
