package dev.clerk.jakarta.core.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.ClerkOptions;
import dev.clerk.jakarta.testing.FakeClerk;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionTokenVerifierTest {
  private static final MutableClock CLOCK = new MutableClock();
  private static FakeClerk clerk;

  private final AtomicInteger keyLookups = new AtomicInteger();
  private SessionTokenVerifier verifier;

  @BeforeAll
  static void startClerk() {
    clerk = FakeClerk.builder().clock(CLOCK).start();
  }

  @AfterAll
  static void stopClerk() {
    clerk.close();
  }

  @BeforeEach
  void setUp() {
    CLOCK.set(MutableClock.START);
    JwksSource pem = JwksSource.pem(clerk.signingKey().publicKeyPem());
    verifier =
        SessionTokenVerifier.builder()
            .keySource(
                kid -> {
                  keyLookups.incrementAndGet();
                  return pem.key(kid);
                })
            .clock(CLOCK)
            .build();
  }

  private TokenVerificationException reject(SessionTokenVerifier v, String token) {
    TokenVerificationException e =
        assertThrows(TokenVerificationException.class, () -> v.verify(token));
    assertFalse(e.getMessage().contains(token));
    return e;
  }

  @Test
  void verifyWhenValidThenReturnsClaims() throws Exception {
    SessionClaims claims =
        verifier.verify(clerk.sessionToken().subject("user_1").sessionId("sess_1").sign());
    assertEquals("user_1", claims.subject());
    assertEquals("sess_1", claims.sessionId());
    assertEquals(clerk.issuer(), claims.issuer());
  }

  @Test
  void verifyWhenM2mCategoryThenInvalidCategoryBeforeAnyKeyLookup() {
    String m2m = clerk.sessionToken().header("cat", SessionTokenVerifier.M2M_CATEGORY).sign();
    TokenVerificationException e = reject(verifier, m2m);
    assertEquals(TokenVerificationReason.TOKEN_INVALID, e.reason());
    assertEquals("Invalid session token category.", e.clerkMessage());
    assertEquals(TokenVerificationException.ACTION_ENSURE_CLERK_JWT, e.action());
    assertEquals(0, keyLookups.get());
  }

  @Test
  void verifyWhenM2mCategoryWithBadSignatureThenStillCategoryError() {
    String forged =
        clerk
            .sessionToken()
            .header("cat", "cl_B7d4PD333AAA")
            .signWith(clerk.foreignKey("k"))
            .sign();
    assertEquals("Invalid session token category.", reject(verifier, forged).clerkMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"cl_B7d4PD111AAA", "cl_I7d4PD111III", "cl_B7d4PD222AAA", "something_else"})
  void verifyWhenOtherCategoryThenAcceptedAsClerkDoes(String category) throws Exception {
    assertEquals(
        "user_fake_user",
        verifier.verify(clerk.sessionToken().header("cat", category).sign()).subject());
  }

  @Test
  void verifyWhenMalformedThenTokenInvalidBeforeAnyKeyLookup() {
    TokenVerificationException e = reject(verifier, "not-a-jwt");
    assertEquals(TokenVerificationReason.TOKEN_INVALID, e.reason());
    assertEquals(
        "Invalid JWT form. A JWT consists of three parts separated by dots.", e.getMessage());
    assertEquals(0, keyLookups.get());
  }

  @Test
  void verifyWhenOversizedThenTokenInvalid() {
    String token = clerk.sessionToken().claim("pad", "x".repeat(20_000)).sign();
    TokenVerificationException e = reject(verifier, token);
    assertEquals("Invalid JWT form. The token is larger than 16384 characters.", e.clerkMessage());
    assertEquals(0, keyLookups.get());
  }

  @Test
  void verifyWhenPayloadIsMalformedJsonThenTokenInvalid() {
    String[] parts = clerk.sessionToken().sign().split("\\.");
    String bad =
        Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"sub\":".getBytes(StandardCharsets.UTF_8));
    TokenVerificationException e = reject(verifier, parts[0] + "." + bad + "." + parts[2]);
    assertEquals(
        "Invalid JWT form. The header, payload, or signature could not be decoded.",
        e.clerkMessage());
  }

  /**
   * Malleability (found by fuzzing): the signature of a valid token spelled another way (padding,
   * or a last character differing only in unused bits) decodes to the same bytes; each spelling
   * must be refused as malformed, so that one signed token has exactly one accepted form.
   */
  @Test
  void verifyWhenSignatureIsSpelledAnotherWayThenTokenInvalid() throws Exception {
    String token = clerk.sessionToken().sign();
    assertEquals("user_fake_user", verifier.verify(token).subject());
    String signature = token.substring(token.lastIndexOf('.') + 1);
    assertEquals(
        342, signature.length(), "RSA-2048: 256 bytes, 4 unused bits in the last character");
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int last = alphabet.indexOf(signature.charAt(signature.length() - 1));
    String head = token.substring(0, token.length() - 1);
    List<String> variants =
        List.of(token + "==", head + alphabet.charAt(last | 1), head + alphabet.charAt(last | 15));
    for (String variant : variants) {
      TokenVerificationException e = reject(verifier, variant);
      assertEquals(
          TokenVerificationReason.TOKEN_INVALID, e.reason(), variant.substring(token.length() - 3));
      assertEquals(DecodedJwt.MESSAGE_NOT_DECODABLE, e.clerkMessage());
    }
  }

  @Test
  void verifyWhenUnknownKidWithPemThenKidIsIgnoredAsClerkDoes() throws Exception {
    assertEquals(
        "user_fake_user",
        verifier.verify(clerk.sessionToken().header("kid", "ins_other").sign()).subject());
    assertEquals(
        "user_fake_user",
        verifier.verify(clerk.sessionToken().header("kid", null).sign()).subject());
  }

  @Test
  void createWhenOptionsGivenThenUsesTheirPartiesSkewAndClock() throws Exception {
    ClerkOptions options =
        ClerkOptions.builder()
            .jwtKey(clerk.signingKey().publicKeyPem())
            .publishableKey(clerk.publishableKey())
            .authorizedParties(List.of("https://app.example"))
            .clockSkew(Duration.ZERO)
            .clock(CLOCK)
            .build();
    SessionTokenVerifier v = Clerk.create(options).sessionTokenVerifier();
    assertEquals(
        "user_fake_user",
        v.verify(clerk.sessionToken().authorizedParty("https://app.example").sign()).subject());
    assertEquals(
        TokenVerificationReason.TOKEN_INVALID_AUTHORIZED_PARTIES,
        reject(v, clerk.sessionToken().authorizedParty("http://localhost:3000").sign()).reason());
    String endsNow =
        clerk.sessionToken().authorizedParty("https://app.example").expiresIn(Duration.ZERO).sign();
    assertEquals(TokenVerificationReason.TOKEN_EXPIRED, reject(v, endsNow).reason());
    assertEquals(Duration.ZERO, v.clockSkew());
  }

  @Test
  void checkWhenValidThenVerified() {
    VerificationResult r = verifier.check(clerk.sessionToken().sign());
    VerificationResult.Verified v = assertInstanceOf(VerificationResult.Verified.class, r);
    assertTrue(r.isVerified());
    assertEquals("user_fake_user", v.claims().subject());
  }

  @Test
  void checkWhenExpiredThenRejectedWithReasonAndMessage() {
    String token = clerk.sessionToken().expiresIn(Duration.ofMinutes(-1)).sign();
    VerificationResult r = verifier.check(token);
    assertFalse(r.isVerified());
    String message =
        r instanceof VerificationResult.Rejected rej
            ? rej.reason().value() + " / " + rej.message()
            : "unexpected " + r;
    assertEquals(
        "token-expired / JWT is expired. Expiry date: Thu, 15 Jan 2026 09:59:00 GMT, Current date: Thu, 15 Jan 2026 10:00:00 GMT.",
        message);
  }

  @Test
  void checkWhenAlgNoneThenRejectedWithActionInMessage() {
    VerificationResult.Rejected r =
        assertInstanceOf(
            VerificationResult.Rejected.class,
            verifier.check(clerk.sessionToken().header("alg", "none").sign()));
    assertEquals(TokenVerificationReason.TOKEN_INVALID_ALGORITHM, r.reason());
    assertEquals(
        "Invalid JWT algorithm \"none\". Supported: RS256,RS384,RS512. Make sure that this is a valid Clerk-generated JWT.",
        r.message());
  }

  @Test
  void withClockSkewWhenOneDayThenAcceptsWhatTheOriginalRejects() throws Exception {
    String hourOld = clerk.sessionToken().shiftTimes(Duration.ofHours(-1)).sign();
    assertEquals(TokenVerificationReason.TOKEN_EXPIRED, reject(verifier, hourOld).reason());
    SessionTokenVerifier lax = verifier.withClockSkew(Duration.ofDays(1));
    assertEquals("user_fake_user", lax.verify(hourOld).subject());
    assertEquals(Duration.ofDays(1), lax.clockSkew());
    assertEquals(Duration.ofSeconds(5), verifier.clockSkew());
    assertEquals(TokenVerificationReason.TOKEN_EXPIRED, reject(verifier, hourOld).reason());
  }

  @Test
  void buildWhenNoKeySourceThenFails() {
    assertEquals(
        "keySource is required",
        assertThrows(IllegalStateException.class, () -> SessionTokenVerifier.builder().build())
            .getMessage());
  }

  @Test
  void verifyWhenNullThenNpeNamingTheArgument() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> verifier.verify(nullString()));
    assertEquals("token == null", e.getMessage());
  }

  @SuppressWarnings("null")
  private static String nullString() {
    return null;
  }
}
