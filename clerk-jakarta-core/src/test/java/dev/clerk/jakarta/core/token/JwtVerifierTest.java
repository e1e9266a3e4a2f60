package dev.clerk.jakarta.core.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeKey;
import dev.clerk.jakarta.testing.TokenBuilder;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {
  private static final String ENSURE_CLERK_JWT =
      "Make sure that this is a valid Clerk-generated JWT.";
  private static FakeClerk clerk;
  private static final MutableClock CLOCK = new MutableClock();
  private static final long NOW = MutableClock.START.getEpochSecond();

  private final AtomicInteger keyLookups = new AtomicInteger();
  private final List<String> kidsAsked = new ArrayList<>();
  private JwksSource keys;

  @BeforeAll
  static void startClerk() {
    clerk = FakeClerk.builder().clock(CLOCK).start();
  }

  @AfterAll
  static void stopClerk() {
    clerk.close();
  }

  @BeforeEach
  void resetClock() {
    CLOCK.set(MutableClock.START);
    PublicKey pk = clerk.signingKey().publicKey();
    keys =
        kid -> {
          keyLookups.incrementAndGet();
          kidsAsked.add(kid);
          return pk;
        };
  }

  private JwtVerifier.Builder verifier() {
    return JwtVerifier.builder().keySource(keys).clock(CLOCK);
  }

  private TokenBuilder token() {
    return clerk.sessionToken();
  }

  private static SessionClaims verify(JwtVerifier verifier, String token)
      throws TokenVerificationException {
    return verifier.verify(DecodedJwt.decode(token));
  }

  private static TokenVerificationException reject(JwtVerifier verifier, String token) {
    TokenVerificationException e =
        assertThrows(TokenVerificationException.class, () -> verify(verifier, token));
    assertFalse(e.getMessage().contains(token), "message must not contain the token");
    return e;
  }

  private static void assertRejected(
      TokenVerificationException e, TokenVerificationReason reason, String message, String action) {
    assertEquals(reason, e.reason());
    assertEquals(message, e.clerkMessage());
    assertEquals(action, e.action());
  }

  @Test
  void verifyWhenValidThenReturnsClaimsAndLooksUpTheKid() throws Exception {
    String token = token().subject("user_42").sign();
    SessionClaims claims = verify(verifier().build(), token);
    assertEquals("user_42", claims.subject());
    assertEquals("sess_fake_session", claims.sessionId());
    assertEquals(List.of(clerk.signingKey().kid()), kidsAsked);
  }

  @Test
  void verifyWhenRs384OrRs512ThenAccepted() throws Exception {
    assertEquals(
        "user_fake_user",
        verify(verifier().build(), token().header("alg", "RS384").sign()).subject());
    assertEquals(
        "user_fake_user",
        verify(verifier().build(), token().header("alg", "RS512").sign()).subject());
  }

  // ---- typ -----------------------------------------------------------------------------

  @Test
  void verifyWhenTypAbsentAndNoAllowedTypesThenAccepted() throws Exception {
    assertEquals(
        "user_fake_user", verify(verifier().build(), token().header("typ", null).sign()).subject());
  }

  @Test
  void verifyWhenTypIsNotJwtThenTokenInvalid() {
    TokenVerificationException e =
        reject(verifier().build(), token().header("typ", "at+jwt").sign());
    assertRejected(
        e,
        TokenVerificationReason.TOKEN_INVALID,
        "Invalid JWT type \"at+jwt\". Expected \"JWT\".",
        ENSURE_CLERK_JWT);
    assertEquals(0, keyLookups.get(), "typ is checked before any key lookup");
  }

  @Test
  void verifyWhenTypIsHugeThenMessageEchoesOnlyItsStart() {
    TokenVerificationException e =
        reject(verifier().build(), token().header("typ", "x".repeat(6000)).sign());
    assertRejected(
        e,
        TokenVerificationReason.TOKEN_INVALID,
        "Invalid JWT type \"" + "x".repeat(127) + ".... Expected \"JWT\".",
        ENSURE_CLERK_JWT);
  }

  @Test
  void verifyWhenTypIsNotAStringThenTokenInvalid() {
    TokenVerificationException e = reject(verifier().build(), token().header("typ", 5).sign());
    assertRejected(
        e,
        TokenVerificationReason.TOKEN_INVALID,
        "Invalid JWT type 5. Expected \"JWT\".",
        ENSURE_CLERK_JWT);
  }

  @Test
  void verifyWhenAllowedTypesGivenAndTypAbsentThenTokenInvalid() {
    JwtVerifier v = verifier().allowedTypes(Set.of("at+jwt")).build();
    TokenVerificationException e = reject(v, token().header("typ", null).sign());
    assertRejected(
        e,
        TokenVerificationReason.TOKEN_INVALID,
        "Invalid JWT type undefined. Expected \"at+jwt\".",
        ENSURE_CLERK_JWT);
  }

  @Test
  void verifyWhenTypInAllowedTypesThenAccepted() throws Exception {
    JwtVerifier v = verifier().allowedTypes(Set.of("at+jwt")).build();
    assertEquals("user_fake_user", verify(v, token().header("typ", "at+jwt").sign()).subject());
  }

  // ---- alg -----------------------------------------------------------------------------

  @Test
  void verifyWhenAlgNoneThenInvalidAlgorithmWithoutKeyLookup() {
    TokenVerificationException e = reject(verifier().build(), token().header("alg", "none").sign());
    assertRejected(
        e,
        TokenVerificationReason.TOKEN_INVALID_ALGORITHM,
        "Invalid JWT algorithm \"none\". Supported: RS256,RS384,RS512.",
        ENSURE_CLERK_JWT);
    assertEquals(0, keyLookups.get());
  }

  @Test
  void verifyWhenHs256SignedWithThePublicKeyThenInvalidAlgorithm() {
    TokenVerificationException e =
        reject(verifier().build(), token().header("alg", "HS256").sign());
    assertRejected(
        e,
        TokenVerificationReason.TOKEN_INVALID_ALGORITHM,
        "Invalid JWT algorithm \"HS256\". Supported: RS256,RS384,RS512.",
        ENSURE_CLERK_JWT);
  }

  @Test
  void verifyWhenAlgAbsentThenInvalidAlgorithm() {
    String payload = token().sign().split("\\.")[1];
    String header =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString("{\"typ\":\"JWT\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    TokenVerificationException e = reject(verifier().build(), header + "." + payload + ".AA");
    assertRejected(
        e,
        TokenVerificationReason.TOKEN_INVALID_ALGORITHM,
        "Invalid JWT algorithm undefined. Supported: RS256,RS384,RS512.",
        ENSURE_CLERK_JWT);
  }

  @Test
  void verifyWhenPs256ThenInvalidAlgorithm() {
    TokenVerificationException e =
        reject(verifier().build(), token().header("alg", "PS256").sign());
    assertEquals(TokenVerificationReason.TOKEN_INVALID_ALGORITHM, e.reason());
  }

  @Test
  void verifyWhenTypAndAlgBothWrongThenTypIsReportedFirst() {
    TokenVerificationException e =
        reject(verifier().build(), token().header("typ", "x").header("alg", "none").sign());
    assertEquals(TokenVerificationReason.TOKEN_INVALID, e.reason());
  }

  // ---- headers -------------------------------------------------------------------------

  @Test
  void verifyWhenCritHeaderThenTokenInvalidWithoutKeyLookup() {
    TokenVerificationException e =
        reject(verifier().build(), token().header("crit", List.of("exp")).header("exp", 1).sign());
    assertRejected(
        e,
        TokenVerificationReason.TOKEN_INVALID,
        "Invalid JWT header. The crit header parameter is not supported.",
        ENSURE_CLERK_JWT);
    assertEquals(0, keyLookups.get());
  }

  @Test
  void verifyWhenKeyHeadersPointElsewhereThenTheyAreIgnored() throws Exception {
    FakeKey attacker = clerk.foreignKey(clerk.signingKey().kid());
    clerk.clearRequests();
    String valid =
        token()
            .header("jku", clerk.apiUrl() + "/attacker/jwks")
            .header("x5u", clerk.apiUrl() + "/attacker/cert")
            .header("jwk", attacker.jwk())
            .header("x5c", List.of("MIIB"))
            .sign();
    assertEquals("user_fake_user", verify(verifier().build(), valid).subject());
    assertEquals(0, clerk.requests().size(), "no URL from a header is ever fetched");
  }

  @Test
  void verifyWhenSignedByEmbeddedJwkThenSignatureInvalid() {
    FakeKey attacker = clerk.foreignKey(clerk.signingKey().kid());
    String forged =
        token()
            .signWith(attacker)
            .header("jwk", attacker.jwk())
            .header("jku", "https://evil.example/jwks")
            .sign();
    TokenVerificationException e = reject(verifier().build(), forged);
    assertRejected(
        e, TokenVerificationReason.TOKEN_INVALID_SIGNATURE, "JWT signature is invalid.", null);
  }

  // ---- signature -----------------------------------------------------------------------

  @Test
  void verifyWhenSignedWithAnotherKeyThenSignatureInvalid() {
    String forged = token().signWith(clerk.foreignKey(clerk.signingKey().kid())).sign();
    TokenVerificationException e = reject(verifier().build(), forged);
    assertRejected(
        e, TokenVerificationReason.TOKEN_INVALID_SIGNATURE, "JWT signature is invalid.", null);
  }

  @Test
  void verifyWhenPayloadTamperedThenSignatureInvalid() {
    String token = token().subject("user_a").sign();
    String[] parts = token.split("\\.");
    String otherPayload = token().subject("user_admin").sign().split("\\.")[1];
    TokenVerificationException e =
        reject(verifier().build(), parts[0] + "." + otherPayload + "." + parts[2]);
    assertEquals(TokenVerificationReason.TOKEN_INVALID_SIGNATURE, e.reason());
  }

  @Test
  void verifyWhenSignatureEmptyThenSignatureInvalid() {
    String token = token().sign();
    TokenVerificationException e =
        reject(verifier().build(), token.substring(0, token.lastIndexOf('.') + 1));
    assertEquals(TokenVerificationReason.TOKEN_INVALID_SIGNATURE, e.reason());
  }

  @Test
  void verifyWhenBadSignatureAndExpiredAndNoSubThenSignatureIsReportedBeforeClaims() {
    String forged =
        token()
            .signWith(clerk.foreignKey(clerk.signingKey().kid()))
            .subject(null)
            .expiresIn(Duration.ofHours(-1))
            .sign();
    JwtVerifier v = verifier().authorizedParties(List.of("https://other.example")).build();
    TokenVerificationException e = reject(v, forged);
    assertEquals(TokenVerificationReason.TOKEN_INVALID_SIGNATURE, e.reason());
  }

  @Test
  void verifyWhenKeyIsTooWeakForCryptoThenVerificationFailed() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(1024);
    PublicKey weak = gen.generateKeyPair().getPublic();
    JwtVerifier v = JwtVerifier.builder().keySource(kid -> weak).clock(CLOCK).build();
    TokenVerificationException e = reject(v, token().sign());
    assertEquals(TokenVerificationReason.TOKEN_VERIFICATION_FAILED, e.reason());
    assertTrue(e.clerkMessage().startsWith("Error verifying JWT signature. "), e.clerkMessage());
    assertEquals(ENSURE_CLERK_JWT, e.action());
  }

  @Test
  void verifyWhenKeySourceFailsThenItsErrorPropagates() {
    TokenVerificationException boom =
        new TokenVerificationException(
            TokenVerificationReason.JWK_KID_MISMATCH, "no such kid", "act");
    JwtVerifier v =
        JwtVerifier.builder()
            .keySource(
                kid -> {
                  throw boom;
                })
            .clock(CLOCK)
            .build();
    assertEquals(boom, reject(v, token().sign()));
  }

  @Test
  void verifyWhenCheckClaimsFalseThenOnlyTheSignatureCounts() throws Exception {
    JwtVerifier v =
        verifier().checkClaims(false).authorizedParties(List.of("https://a.example")).build();
    String expiredNoSub = token().subject(null).expiresIn(Duration.ofDays(-3)).sign();
    assertNull(verify(v, expiredNoSub).subject());
    TokenVerificationException e = reject(v, token().signWith(clerk.foreignKey("x")).sign());
    assertEquals(TokenVerificationReason.TOKEN_INVALID_SIGNATURE, e.reason());
  }

  // ---- sub -----------------------------------------------------------------------------

  @Test
  void verifyWhenSubMissingThenVerificationFailed() {
    TokenVerificationException e = reject(verifier().build(), token().subject(null).sign());
    assertRejected(
        e,
        TokenVerificationReason.TOKEN_VERIFICATION_FAILED,
        "Subject claim (sub) is required and must be a string. Received undefined.",
        ENSURE_CLERK_JWT);
  }

  @Test
  void verifyWhenSubIsANumberThenVerificationFailed() {
    TokenVerificationException e = reject(verifier().build(), token().claim("sub", 42).sign());
    assertEquals(
        "Subject claim (sub) is required and must be a string. Received 42.", e.clerkMessage());
  }

  @Test
  void verifyWhenSubIsAnObjectThenVerificationFailedWithItsJson() {
    TokenVerificationException e =
        reject(verifier().build(), token().claim("sub", Map.of("id", "u\"1")).sign());
    assertEquals(
        "Subject claim (sub) is required and must be a string. Received {\"id\":\"u\\\"1\"}.",
        e.clerkMessage());
  }

  // ---- aud -----------------------------------------------------------------------------

  @Test
  void verifyWhenAudienceConfiguredAndAudMatchesThenAccepted() throws Exception {
    JwtVerifier v = verifier().audience(List.of("api://one", "api://two")).build();
    assertEquals(List.of("api://two"), verify(v, token().audience("api://two").sign()).audience());
    assertEquals(
        List.of("x", "api://one"), verify(v, token().audience("x", "api://one").sign()).audience());
  }

  @Test
  void verifyWhenAudienceConfiguredAndTokenHasNoAudThenAccepted() throws Exception {
    JwtVerifier v = verifier().audience(List.of("api://one")).build();
    assertEquals("user_fake_user", verify(v, token().sign()).subject());
  }

  @Test
  void verifyWhenAudStringNotListedThenVerificationFailed() {
    JwtVerifier v = verifier().audience(List.of("api://one", "api://two")).build();
    TokenVerificationException e = reject(v, token().audience("api://on").sign());
    assertRejected(
        e,
        TokenVerificationReason.TOKEN_VERIFICATION_FAILED,
        "Invalid JWT audience claim (aud) \"api://on\". Is not included in \"[\"api://one\",\"api://two\"]\".",
        ENSURE_CLERK_JWT);
  }

  @Test
  void verifyWhenAudArrayDisjointThenVerificationFailed() {
    JwtVerifier v = verifier().audience(List.of("api://one")).build();
    TokenVerificationException e = reject(v, token().audience("a", "b").sign());
    assertRejected(
        e,
        TokenVerificationReason.TOKEN_VERIFICATION_FAILED,
        "Invalid JWT audience claim array (aud) [\"a\",\"b\"]. Is not included in \"[\"api://one\"]\".",
        ENSURE_CLERK_JWT);
  }

  @Test
  void verifyWhenAudienceNotConfiguredThenAnyAudAccepted() throws Exception {
    assertEquals(
        "user_fake_user",
        verify(verifier().build(), token().audience("whatever").sign()).subject());
  }

  // ---- azp -----------------------------------------------------------------------------

  @Test
  void verifyWhenAzpListedThenAccepted() throws Exception {
    JwtVerifier v =
        verifier().authorizedParties(List.of("https://a.example", "https://b.example")).build();
    assertEquals(
        "https://b.example",
        verify(v, token().authorizedParty("https://b.example").sign()).authorizedParty());
  }

  @Test
  void verifyWhenAzpNotListedThenInvalidAuthorizedParties() {
    JwtVerifier v =
        verifier().authorizedParties(List.of("https://a.example", "https://b.example")).build();
    TokenVerificationException e =
        reject(v, token().authorizedParty("https://evil.example").sign());
    assertRejected(
        e,
        TokenVerificationReason.TOKEN_INVALID_AUTHORIZED_PARTIES,
        "Invalid JWT Authorized party claim (azp) \"https://evil.example\". Expected \"https://a.example,https://b.example\".",
        null);
  }

  @Test
  void verifyWhenAzpMissingAndPartiesConfiguredThenInvalidAuthorizedParties() {
    JwtVerifier v = verifier().authorizedParties(List.of("https://a.example")).build();
    TokenVerificationException e = reject(v, token().authorizedParty(null).sign());
    assertRejected(
        e,
        TokenVerificationReason.TOKEN_INVALID_AUTHORIZED_PARTIES,
        "Invalid JWT Authorized party claim (azp) undefined. Expected \"https://a.example\".",
        null);
  }

  @Test
  void verifyWhenAzpEmptyAndPartiesConfiguredThenInvalidAuthorizedParties() {
    JwtVerifier v = verifier().authorizedParties(List.of("https://a.example")).build();
    TokenVerificationException e = reject(v, token().authorizedParty("").sign());
    assertEquals(
        "Invalid JWT Authorized party claim (azp) \"\". Expected \"https://a.example\".",
        e.clerkMessage());
  }

  @Test
  void verifyWhenNoPartiesConfiguredThenMissingAzpAccepted() throws Exception {
    assertEquals(
        "user_fake_user",
        verify(verifier().build(), token().authorizedParty(null).sign()).subject());
  }

  // ---- exp -----------------------------------------------------------------------------

  @Test
  void verifyWhenExpMissingThenVerificationFailed() {
    TokenVerificationException e = reject(verifier().build(), token().expiresAt(null).sign());
    assertRejected(
        e,
        TokenVerificationReason.TOKEN_VERIFICATION_FAILED,
        "Invalid JWT expiry date claim (exp) undefined. Expected number.",
        ENSURE_CLERK_JWT);
  }

  @Test
  void verifyWhenExpIsAStringThenVerificationFailed() {
    TokenVerificationException e =
        reject(verifier().build(), token().claim("exp", "1768471260").sign());
    assertEquals(
        "Invalid JWT expiry date claim (exp) \"1768471260\". Expected number.", e.clerkMessage());
  }

  @Test
  void verifyWhenExpExactlyNowWithZeroSkewThenExpired() {
    JwtVerifier v = verifier().clockSkew(Duration.ZERO).build();
    TokenVerificationException e = reject(v, token().claim("exp", NOW).sign());
    assertRejected(
        e,
        TokenVerificationReason.TOKEN_EXPIRED,
        "JWT is expired. Expiry date: Thu, 15 Jan 2026 10:00:00 GMT, Current date: Thu, 15 Jan 2026 10:00:00 GMT.",
        null);
  }

  @Test
  void verifyWhenExpOneSecondAheadWithZeroSkewThenAccepted() throws Exception {
    JwtVerifier v = verifier().clockSkew(Duration.ZERO).build();
    assertEquals("user_fake_user", verify(v, token().claim("exp", NOW + 1).sign()).subject());
  }

  @Test
  void verifyWhenExpiredWithinDefaultSkewThenAccepted() throws Exception {
    CLOCK.advance(Duration.ofMillis(4999));
    assertEquals(
        "user_fake_user", verify(verifier().build(), token().claim("exp", NOW).sign()).subject());
  }

  @Test
  void verifyWhenExpiredExactlyBySkewThenExpired() {
    CLOCK.advance(Duration.ofMillis(5000));
    TokenVerificationException e = reject(verifier().build(), token().claim("exp", NOW).sign());
    assertRejected(
        e,
        TokenVerificationReason.TOKEN_EXPIRED,
        "JWT is expired. Expiry date: Thu, 15 Jan 2026 10:00:00 GMT, Current date: Thu, 15 Jan 2026 10:00:05 GMT.",
        null);
  }

  @Test
  void verifyWhenZeroSkewThenOneMillisecondLateIsExpired() {
    CLOCK.advance(Duration.ofMillis(1));
    JwtVerifier strict = verifier().clockSkew(Duration.ZERO).build();
    String token = token().claim("exp", NOW + 1).sign();
    CLOCK.advance(Duration.ofMillis(999));
    assertEquals(TokenVerificationReason.TOKEN_EXPIRED, reject(strict, token).reason());
  }

  @Test
  void verifyWhenExpIsFractionalThenWholeSecondsCount() {
    JwtVerifier v = verifier().clockSkew(Duration.ZERO).build();
    // exp 10:00:00.9 truncates to 10:00:00, which is "now": expired, as in Clerk's setUTCSeconds.
    TokenVerificationException e = reject(v, token().claim("exp", NOW + 0.9).sign());
    assertEquals(TokenVerificationReason.TOKEN_EXPIRED, e.reason());
  }

  // ---- nbf -----------------------------------------------------------------------------

  @Test
  void verifyWhenNbfWithinSkewThenAccepted() throws Exception {
    assertEquals(
        "user_fake_user",
        verify(verifier().build(), token().claim("nbf", NOW + 5).sign()).subject());
  }

  @Test
  void verifyWhenNbfBeyondSkewThenNotActiveYet() {
    TokenVerificationException e =
        reject(verifier().build(), token().claim("nbf", NOW + 6).claim("exp", NOW + 60).sign());
    assertRejected(
        e,
        TokenVerificationReason.TOKEN_NOT_ACTIVE_YET,
        "JWT cannot be used prior to not before date claim (nbf). Not before date: Thu, 15 Jan 2026 10:00:06 GMT;"
            + " Current date: Thu, 15 Jan 2026 10:00:00 GMT;",
        null);
  }

  @Test
  void verifyWhenNbfNotANumberThenVerificationFailed() {
    TokenVerificationException e = reject(verifier().build(), token().claim("nbf", true).sign());
    assertRejected(
        e,
        TokenVerificationReason.TOKEN_VERIFICATION_FAILED,
        "Invalid JWT not before date claim (nbf) true. Expected number.",
        ENSURE_CLERK_JWT);
  }

  @Test
  void verifyWhenNbfAbsentThenAccepted() throws Exception {
    assertEquals(
        "user_fake_user", verify(verifier().build(), token().notBefore(null).sign()).subject());
  }

  // ---- iat -----------------------------------------------------------------------------

  @Test
  void verifyWhenIatWithinSkewThenAccepted() throws Exception {
    assertEquals(
        "user_fake_user",
        verify(verifier().build(), token().claim("iat", NOW + 5).sign()).subject());
  }

  @Test
  void verifyWhenIatBeyondSkewThenIatInTheFuture() {
    JwtVerifier v = verifier().clockSkew(Duration.ZERO).build();
    TokenVerificationException e = reject(v, token().claim("iat", NOW + 1).sign());
    assertRejected(
        e,
        TokenVerificationReason.TOKEN_IAT_IN_THE_FUTURE,
        "JWT issued at date claim (iat) is in the future. Issued at date: Thu, 15 Jan 2026 10:00:01 GMT;"
            + " Current date: Thu, 15 Jan 2026 10:00:00 GMT;",
        null);
  }

  @Test
  void verifyWhenIatNotANumberThenVerificationFailed() {
    TokenVerificationException e = reject(verifier().build(), token().claim("iat", "now").sign());
    assertRejected(
        e,
        TokenVerificationReason.TOKEN_VERIFICATION_FAILED,
        "Invalid JWT issued at date claim (iat) \"now\". Expected number.",
        ENSURE_CLERK_JWT);
  }

  // ---- order of claim checks -----------------------------------------------------------

  @Test
  void verifyWhenSeveralClaimsFailThenClerksOrderDecides() {
    JwtVerifier v =
        verifier().authorizedParties(List.of("https://a.example")).audience(List.of("x")).build();
    String all =
        token()
            .subject(null)
            .audience("y")
            .authorizedParty("https://b.example")
            .expiresIn(Duration.ofHours(-1))
            .sign();
    assertEquals(TokenVerificationReason.TOKEN_VERIFICATION_FAILED, reject(v, all).reason());
    String noSubProblem =
        token()
            .audience("y")
            .authorizedParty("https://b.example")
            .expiresIn(Duration.ofHours(-1))
            .sign();
    assertTrue(reject(v, noSubProblem).clerkMessage().startsWith("Invalid JWT audience claim"));
    String azpAndExp =
        token()
            .audience("x")
            .authorizedParty("https://b.example")
            .expiresIn(Duration.ofHours(-1))
            .sign();
    assertEquals(
        TokenVerificationReason.TOKEN_INVALID_AUTHORIZED_PARTIES, reject(v, azpAndExp).reason());
    String expAndNbf =
        token()
            .audience("x")
            .authorizedParty("https://a.example")
            .claim("exp", NOW - 60)
            .claim("nbf", NOW + 60)
            .claim("iat", NOW + 60)
            .sign();
    assertEquals(TokenVerificationReason.TOKEN_EXPIRED, reject(v, expAndNbf).reason());
    String nbfAndIat =
        token()
            .audience("x")
            .authorizedParty("https://a.example")
            .claim("nbf", NOW + 60)
            .claim("iat", NOW + 60)
            .sign();
    assertEquals(TokenVerificationReason.TOKEN_NOT_ACTIVE_YET, reject(v, nbfAndIat).reason());
  }

  // ---- builder -------------------------------------------------------------------------

  @Test
  void buildWhenNoKeySourceThenFails() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> JwtVerifier.builder().build());
    assertEquals("keySource is required", e.getMessage());
  }

  @Test
  void clockSkewWhenNegativeThenFails() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> JwtVerifier.builder().clockSkew(Duration.ofMillis(-1)));
    assertEquals("clock skew must not be negative, got PT-0.001S", e.getMessage());
  }

  @Test
  void toBuilderWhenSkewChangedThenOriginalUnchanged() {
    JwtVerifier v = verifier().build();
    JwtVerifier lax = v.toBuilder().clockSkew(Duration.ofDays(1)).build();
    assertEquals(Duration.ofSeconds(5), v.clockSkew());
    assertEquals(Duration.ofDays(1), lax.clockSkew());
  }
}
