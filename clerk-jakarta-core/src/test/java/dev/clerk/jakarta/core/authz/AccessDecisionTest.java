package dev.clerk.jakarta.core.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.auth.Reverification;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.ClerkRequest;
import dev.clerk.jakarta.core.request.Denial;
import dev.clerk.jakarta.core.request.Refusals;
import dev.clerk.jakarta.core.request.RequestState;
import java.net.URI;
import org.junit.jupiter.api.Test;

class AccessDecisionTest {
  private static final Refusals REFUSALS = Refusals.of(null, true);
  private static final ClerkRequest API =
      ClerkRequest.builder().method("GET").url(URI.create("https://app.example/api/x")).build();

  @Test
  void refusalWhenSignedOutThenRefusalsSignedOutWithTheStatesReason() {
    RequestState expired = RequestState.signedOut(AuthReason.SESSION_TOKEN_AND_UAT_MISSING, "");
    assertEquals(
        REFUSALS.signedOut(API, expired),
        AccessDecision.signedOut().refusal(REFUSALS, API, expired));
    assertEquals(
        REFUSALS.signedOut(API, null), AccessDecision.signedOut().refusal(REFUSALS, API, null));
    assertEquals(401, AccessDecision.signedOut().refusal(REFUSALS, API, null).status());
  }

  @Test
  void refusalWhenClerkCouldNotDecideThen503() {
    RequestState down = RequestState.signedOut(AuthReason.UNEXPECTED_ERROR, "");
    assertEquals(
        REFUSALS.signedOut(API, down), AccessDecision.signedOut().refusal(REFUSALS, API, down));
  }

  @Test
  void refusalWhenForbiddenThenRefusalsForbidden() {
    assertEquals(
        REFUSALS.forbidden(API, Denial.MISSING_PLAN),
        AccessDecision.forbidden(Denial.MISSING_PLAN).refusal(REFUSALS, API, null));
    assertEquals(
        "{\"error\":\"forbidden\",\"reason\":\"missing-plan\"}",
        AccessDecision.forbidden(Denial.MISSING_PLAN).refusal(REFUSALS, API, null).body());
  }

  @Test
  void refusalWhenReverificationThenClerksBodyWithPresetOrLevel() {
    ReverificationCheck strict =
        ReverificationCheck.of("STRICT", Reverification.Level.SECOND_FACTOR, 0);
    assertEquals(
        "{\"clerk_error\":{\"type\":\"forbidden\",\"reason\":\"reverification-error\",\"metadata\":"
            + "{\"reverification\":\"strict\"}}}",
        AccessDecision.reverificationRequired(strict).refusal(REFUSALS, API, null).body());
    ReverificationCheck custom = ReverificationCheck.of("", Reverification.Level.MULTI_FACTOR, 5);
    assertEquals(
        "{\"clerk_error\":{\"type\":\"forbidden\",\"reason\":\"reverification-error\",\"metadata\":"
            + "{\"reverification\":{\"level\":\"multi_factor\",\"afterMinutes\":5}}}}",
        AccessDecision.reverificationRequired(custom).refusal(REFUSALS, API, null).body());
  }

  @Test
  void refusalWhenAllowedThenFails() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> AccessDecision.allowed().refusal(REFUSALS, API, null));
    assertEquals("an allowed request has no refusal", e.getMessage());
  }

  @Test
  void statusAndReasonWhenEachKindThenFixedValues() {
    assertTrue(AccessDecision.allowed().isAllowed());
    assertEquals(200, AccessDecision.allowed().status());
    assertEquals("allowed", AccessDecision.allowed().reason());
    assertFalse(AccessDecision.signedOut().isAllowed());
    assertEquals(401, AccessDecision.signedOut().status());
    assertEquals("signed-out", AccessDecision.signedOut().reason());
    assertEquals(403, AccessDecision.forbidden(Denial.INSUFFICIENT_PERMISSION).status());
    assertEquals(
        "insufficient-permission",
        AccessDecision.forbidden(Denial.INSUFFICIENT_PERMISSION).reason());
  }

  @Test
  void constructorWhenDetailsDoNotFitTheKindThenFails() {
    assertEquals(
        "a denial goes with FORBIDDEN, and only with it",
        assertThrows(
                IllegalArgumentException.class,
                () ->
                    new AccessDecision(AccessDecision.Kind.SIGNED_OUT, Denial.ACCESS_DENIED, null))
            .getMessage());
    assertEquals(
        "a denial goes with FORBIDDEN, and only with it",
        assertThrows(
                IllegalArgumentException.class,
                () -> new AccessDecision(AccessDecision.Kind.FORBIDDEN, null, null))
            .getMessage());
    assertEquals(
        "a reverification check goes with REVERIFICATION_REQUIRED, and only with it",
        assertThrows(
                IllegalArgumentException.class,
                () -> new AccessDecision(AccessDecision.Kind.REVERIFICATION_REQUIRED, null, null))
            .getMessage());
  }

  @Test
  void exceptionWhenRefusedThenStatusReasonAndFixedMessage() {
    ClerkAccessException e =
        new ClerkAccessException(AccessDecision.forbidden(Denial.INSUFFICIENT_ROLE));
    assertEquals(403, e.status());
    assertEquals("insufficient-role", e.reason());
    assertEquals("Clerk: access refused (403 insufficient-role)", e.getMessage());
    assertEquals(
        "Clerk: access refused (401 signed-out)",
        new ClerkAccessException(AccessDecision.signedOut()).getMessage());
  }

  @Test
  void exceptionWhenAllowedThenFails() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ClerkAccessException(AccessDecision.allowed()));
    assertEquals("an allowed request is not refused", e.getMessage());
  }
}
