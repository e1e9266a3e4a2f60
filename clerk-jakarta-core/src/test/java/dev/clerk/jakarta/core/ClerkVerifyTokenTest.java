package dev.clerk.jakarta.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.auth.AcceptedTokens;
import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.token.MutableClock;
import dev.clerk.jakarta.core.token.TokenVerificationException;
import dev.clerk.jakarta.core.token.TokenVerificationReason;
import dev.clerk.jakarta.testing.FakeClerk;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code verifyToken} part of {@link Clerk} (issue 2). */
class ClerkVerifyTokenTest {
  private final MutableClock clock = new MutableClock();
  private FakeClerk fake;

  @BeforeEach
  void start() {
    fake = FakeClerk.builder().clock(clock).start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private Clerk clerkFor(FakeClerk f) {
    return Clerk.builder()
        .secretKey(f.secretKey())
        .publishableKey(f.publishableKey())
        .apiUrl(f.apiUrl())
        .configure(b -> b.clock(clock))
        .build();
  }

  @Test
  void verifyTokenWhenSecretKeyThenVerifiesWithTheBackendApiJwks() throws Exception {
    Clerk clerk = clerkFor(fake);
    assertEquals(
        "user_7", clerk.verifyToken(fake.sessionToken().subject("user_7").sign()).subject());
    assertEquals(
        "user_8", clerk.verifyToken(fake.sessionToken().subject("user_8").sign()).subject());
    assertEquals(1, fake.jwksRequestCount());
  }

  @Test
  void verifyTokenWhenJwtKeyThenNetworkless() throws Exception {
    Clerk clerk =
        Clerk.builder()
            .jwtKey(fake.signingKey().publicKeyPem())
            .secretKey(fake.secretKey())
            .publishableKey(fake.publishableKey())
            .apiUrl(fake.apiUrl())
            .configure(b -> b.clock(clock))
            .build();
    assertEquals("user_fake_user", clerk.verifyToken(fake.sessionToken().sign()).subject());
    assertEquals(0, fake.jwksRequestCount());
  }

  @Test
  void verifyTokenWhenTokenOfAnotherInstanceThenNeverVerifies() throws Exception {
    try (FakeClerk other = FakeClerk.builder().clock(clock).start()) {
      Clerk a = clerkFor(fake);
      Clerk b = clerkFor(other);
      String tokenOfA = fake.sessionToken().sign();
      assertEquals("user_fake_user", a.verifyToken(tokenOfA).subject());
      TokenVerificationException e =
          assertThrows(TokenVerificationException.class, () -> b.verifyToken(tokenOfA));
      assertEquals(TokenVerificationReason.JWK_KID_MISMATCH, e.reason());
      // Even a token of A that claims B's kid fails: B only trusts B's keys.
      String forged = fake.sessionToken().header("kid", other.signingKey().kid()).sign();
      assertEquals(
          TokenVerificationReason.TOKEN_INVALID_SIGNATURE,
          assertThrows(TokenVerificationException.class, () -> b.verifyToken(forged)).reason());
    }
  }

  @Test
  void verifyTokenWhenAuthorizedPartiesSetThenAzpIsChecked() throws Exception {
    Clerk clerk =
        Clerk.builder()
            .secretKey(fake.secretKey())
            .publishableKey(fake.publishableKey())
            .apiUrl(fake.apiUrl())
            .authorizedParties("https://app.example")
            .configure(b -> b.clock(clock))
            .build();
    assertEquals(
        "user_fake_user",
        clerk
            .verifyToken(fake.sessionToken().authorizedParty("https://app.example").sign())
            .subject());
    TokenVerificationException e =
        assertThrows(
            TokenVerificationException.class, () -> clerk.verifyToken(fake.sessionToken().sign()));
    assertEquals(
        "Invalid JWT Authorized party claim (azp) \"http://localhost:3000\". Expected \"https://app.example\".",
        e.getMessage());
  }

  @Test
  void verifyTokenWhenClockSkewSetThenHonoured() {
    Clerk clerk =
        Clerk.builder()
            .secretKey(fake.secretKey())
            .publishableKey(fake.publishableKey())
            .apiUrl(fake.apiUrl())
            .configure(b -> b.clock(clock).clockSkew(Duration.ZERO))
            .build();
    String token = fake.sessionToken().expiresIn(Duration.ofSeconds(1)).sign();
    clock.advance(Duration.ofSeconds(1));
    assertEquals(
        TokenVerificationReason.TOKEN_EXPIRED,
        assertThrows(TokenVerificationException.class, () -> clerk.verifyToken(token)).reason());
  }

  @Test
  void verifyTokenWhenNoKeyConfiguredThenFailedToResolve() {
    Clerk clerk =
        Clerk.builder()
            .configure(
                b ->
                    b.acceptsToken(AcceptedTokens.of(TokenType.M2M_TOKEN))
                        .machineSecretKey("ak_machine"))
            .build();
    TokenVerificationException e =
        assertThrows(
            TokenVerificationException.class, () -> clerk.verifyToken(fake.sessionToken().sign()));
    assertEquals(TokenVerificationReason.JWK_FAILED_TO_RESOLVE, e.reason());
    assertEquals(
        "Failed to resolve JWK during verification. Set the CLERK_JWT_KEY environment variable.",
        e.getMessage());
  }

  @Test
  void verifyTokenWhenKidAbsentThenKidMismatch() throws Exception {
    Clerk clerk = clerkFor(fake);
    clerk.verifyToken(fake.sessionToken().sign());
    TokenVerificationException e =
        assertThrows(
            TokenVerificationException.class,
            () -> clerk.verifyToken(fake.sessionToken().header("kid", null).sign()));
    assertEquals(TokenVerificationReason.JWK_KID_MISMATCH, e.reason());
    assertTrue(
        e.getMessage()
            .startsWith("Unable to find a signing key in JWKS that matches the kid='undefined'"),
        e.getMessage());
    assertEquals(1, fake.jwksRequestCount());
  }

  @Test
  void verifyTokenWhenFloodOfRandomKidsThenJwksFetchesStayRateLimited() throws Exception {
    Clerk clerk = clerkFor(fake);
    clerk.verifyToken(fake.sessionToken().sign());
    for (int i = 0; i < 100; i++) {
      String forged = fake.sessionToken().header("kid", "ins_random_" + i).sign();
      assertEquals(
          TokenVerificationReason.JWK_KID_MISMATCH,
          assertThrows(TokenVerificationException.class, () -> clerk.verifyToken(forged)).reason());
      clock.advance(Duration.ofMillis(100));
    }
    // 10 s of attack: the first fetch plus one unknown-kid refetch.
    assertEquals(2, fake.jwksRequestCount());
  }

  @Test
  void verifyTokenWhenHs256SignedWithTheJwksPublicKeyThenInvalidAlgorithm() {
    Clerk clerk = clerkFor(fake);
    String confused = fake.sessionToken().header("alg", "HS256").sign();
    assertEquals(
        TokenVerificationReason.TOKEN_INVALID_ALGORITHM,
        assertThrows(TokenVerificationException.class, () -> clerk.verifyToken(confused)).reason());
    assertEquals(0, fake.jwksRequestCount(), "rejected before any key lookup");
  }

  @Test
  void accessorsWhenBuiltThenOneSourceAndVerifierPerInstance() {
    Clerk clerk = clerkFor(fake);
    assertSame(clerk.jwksSource(), clerk.jwksSource());
    assertSame(clerk.sessionTokenVerifier(), clerk.sessionTokenVerifier());
    assertSame(clerk.jwksSource(), clerk.sessionTokenVerifier().keySource());
    assertTrue(
        clerk.jwksSource().toString().startsWith("JwksSource.remote(" + fake.apiUrl()),
        clerk.jwksSource().toString());
  }

  @Test
  void buildWhenJwtKeyMalformedThenFailsNamingTheSetting() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Clerk.builder()
                    .jwtKey("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAnot-a-key")
                    .publishableKey(fake.publishableKey())
                    .build());
    assertTrue(
        e.getMessage()
            .startsWith("CLERK_JWT_KEY (init-param jwt-key) is not a valid PEM public key: "),
        e.getMessage());
  }
}
