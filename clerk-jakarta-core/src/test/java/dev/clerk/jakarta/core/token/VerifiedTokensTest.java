package dev.clerk.jakarta.core.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verified-token cache of {@link SessionTokenVerifier} ({@link VerifiedTokens}): what it keeps,
 * for how long, what it re-checks on each hit, and what it never serves. The clock is injected and
 * drives both the verifier and the cache's expiry.
 */
class VerifiedTokensTest {
  private static final MutableClock CLOCK = new MutableClock();
  private static FakeClerk clerk;

  private final AtomicInteger keyLookups = new AtomicInteger();
  private final AtomicInteger maintenanceTasks = new AtomicInteger();
  private final Executor countingExecutor =
      task -> {
        maintenanceTasks.incrementAndGet();
        task.run();
      };
  private JwksSource countingPem;

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
    countingPem =
        kid -> {
          keyLookups.incrementAndGet();
          return pem.key(kid);
        };
  }

  private SessionTokenVerifier cached(int size) {
    return SessionTokenVerifier.builder()
        .keySource(countingPem)
        .clock(CLOCK)
        .tokenCache(size, countingExecutor)
        .build();
  }

  private static TokenVerificationException reject(SessionTokenVerifier v, String token) {
    return assertThrows(TokenVerificationException.class, () -> v.verify(token));
  }

  @Test
  void verifyWhenVerifiedBeforeThenSameClaimsWithoutKeyLookup() throws Exception {
    SessionTokenVerifier v = cached(100);
    String token = clerk.sessionToken().subject("user_1").sign();
    SessionClaims first = v.verify(token);
    assertEquals(1, keyLookups.get());
    assertEquals(1, v.cachedTokens());
    for (int i = 0; i < 5; i++) {
      assertSame(first, v.verify(token));
      assertSame(first, v.verify(new String(token.toCharArray()))); // equal text, another String
    }
    assertEquals(1, keyLookups.get());
    assertEquals("user_1", first.subject());
  }

  @Test
  void verifyWhenTokenExpiresWhileCachedThenTokenExpiredAsAFullVerificationSays() throws Exception {
    SessionTokenVerifier v = cached(100);
    SessionTokenVerifier uncached = cached(0);
    String token = clerk.sessionToken().expiresIn(Duration.ofSeconds(60)).sign();
    v.verify(token);
    // exp + skew (5 s) is the last moment it passes: just before, still served from the cache.
    CLOCK.advance(Duration.ofSeconds(65).minusMillis(1));
    v.verify(token);
    assertEquals(1, v.cachedTokens());
    CLOCK.advance(Duration.ofMillis(1));
    TokenVerificationException fromCache = reject(v, token);
    TokenVerificationException full = reject(uncached, token);
    assertEquals(TokenVerificationReason.TOKEN_EXPIRED, fromCache.reason());
    assertEquals(full.getMessage(), fromCache.getMessage());
  }

  @Test
  void cacheWhenClockPassesExpPlusSkewThenEntryIsGoneWithoutAHit() throws Exception {
    SessionTokenVerifier v = cached(100);
    v.verify(clerk.sessionToken().expiresIn(Duration.ofSeconds(30)).sign());
    v.verify(clerk.sessionToken().expiresIn(Duration.ofSeconds(90)).sign());
    assertEquals(2, v.cachedTokens());
    CLOCK.advance(Duration.ofSeconds(35));
    assertEquals(1, v.cachedTokens());
    CLOCK.advance(Duration.ofSeconds(60));
    assertEquals(0, v.cachedTokens());
  }

  @Test
  void verifyWhenNbfInTheFutureThenRefusedAndNotCachedUntilItIsValid() throws Exception {
    SessionTokenVerifier v = cached(100);
    Instant later = CLOCK.instant().plusSeconds(30);
    String token = clerk.sessionToken().notBefore(later).expiresAt(later.plusSeconds(60)).sign();
    assertEquals(TokenVerificationReason.TOKEN_NOT_ACTIVE_YET, reject(v, token).reason());
    assertEquals(TokenVerificationReason.TOKEN_NOT_ACTIVE_YET, reject(v, token).reason());
    assertEquals(0, v.cachedTokens());
    assertEquals(2, keyLookups.get());
    CLOCK.advance(Duration.ofSeconds(30));
    v.verify(token);
    v.verify(token);
    assertEquals(1, v.cachedTokens());
    assertEquals(3, keyLookups.get());
  }

  @Test
  void verifyWhenClockGoesBackBeforeNbfThenNotActiveYetFromTheCache() throws Exception {
    SessionTokenVerifier v = cached(100);
    SessionTokenVerifier uncached = cached(0);
    String token = clerk.sessionToken().notBefore(CLOCK.instant()).issuedAt(null).sign();
    v.verify(token);
    CLOCK.advance(Duration.ofSeconds(-6));
    TokenVerificationException fromCache = reject(v, token);
    assertEquals(TokenVerificationReason.TOKEN_NOT_ACTIVE_YET, fromCache.reason());
    assertEquals(reject(uncached, token).getMessage(), fromCache.getMessage());
    assertEquals(0, v.cachedTokens());
  }

  @Test
  void verifyWhenClockGoesBackBeforeIatThenIatInTheFutureFromTheCache() throws Exception {
    SessionTokenVerifier v = cached(100);
    SessionTokenVerifier uncached = cached(0);
    String token = clerk.sessionToken().notBefore(null).issuedAt(CLOCK.instant()).sign();
    v.verify(token);
    CLOCK.advance(Duration.ofSeconds(-6));
    TokenVerificationException fromCache = reject(v, token);
    assertEquals(TokenVerificationReason.TOKEN_IAT_IN_THE_FUTURE, fromCache.reason());
    assertEquals(reject(uncached, token).getMessage(), fromCache.getMessage());
  }

  @Test
  void verifyWhenKeyUnpublishedThenTokensVerifiedBeforeStillPassUntilTheyExpire() throws Exception {
    MutableClock clock = new MutableClock();
    try (FakeClerk fake = FakeClerk.builder().clock(clock).start();
        Clerk cached = clerk(fake, clock, 10_000);
        Clerk uncached = clerk(fake, clock, 0)) {
      String before = fake.sessionToken().expiresIn(Duration.ofSeconds(60)).sign();
      assertEquals("user_fake_user", cached.verifyToken(before).subject());
      assertEquals("user_fake_user", uncached.verifyToken(before).subject());
      FakeKey old = fake.signingKey();
      fake.rotateKey();
      fake.unpublish(old);
      // A token of the new key makes both fetch the JWKS again: the old key is gone from it.
      String after = fake.sessionToken().sign();
      cached.verifyToken(after);
      uncached.verifyToken(after);
      // (Another subject: with the same claims, RSA's deterministic signature would mint `before`
      // again.)
      String newWithOldKey = fake.sessionToken().subject("user_other").signWith(old).sign();
      assertEquals(
          TokenVerificationReason.JWK_KID_MISMATCH,
          assertThrows(TokenVerificationException.class, () -> cached.verifyToken(newWithOldKey))
              .reason());
      assertEquals(
          TokenVerificationReason.JWK_KID_MISMATCH,
          assertThrows(TokenVerificationException.class, () -> uncached.verifyToken(before))
              .reason());
      // The documented trade-off: verified before, still honoured until it expires.
      assertEquals("user_fake_user", cached.verifyToken(before).subject());
      // Past exp + skew its entry is gone: verified in full again, refused for its missing key.
      clock.advance(Duration.ofSeconds(65));
      assertEquals(
          TokenVerificationReason.JWK_KID_MISMATCH,
          assertThrows(TokenVerificationException.class, () -> cached.verifyToken(before))
              .reason());
    }
  }

  private static Clerk clerk(FakeClerk fake, MutableClock clock, int tokenCacheSize) {
    return Clerk.builder()
        .secretKey(fake.secretKey())
        .publishableKey(fake.publishableKey())
        .apiUrl(fake.apiUrl())
        .configure(b -> b.clock(clock).tokenCacheSize(tokenCacheSize))
        .build();
  }

  @Test
  void verifyWhenCacheIsOffThenEveryCallVerifiesFully() throws Exception {
    SessionTokenVerifier v = cached(0);
    String token = clerk.sessionToken().sign();
    SessionClaims first = v.verify(token);
    SessionClaims second = v.verify(token);
    assertEquals(first, second);
    assertNotSame(first, second);
    assertEquals(2, keyLookups.get());
    assertEquals(0, v.cachedTokens());
    assertEquals(0, v.tokenCacheSize());
    assertEquals(0, maintenanceTasks.get());
    assertEquals(0, SessionTokenVerifier.builder().keySource(countingPem).build().tokenCacheSize());
  }

  @Test
  void verifyWhenMoreTokensThanTheSizeThenAtMostSizeKept() throws Exception {
    SessionTokenVerifier v = cached(3);
    for (int i = 0; i < 20; i++) {
      v.verify(clerk.sessionToken().subject("user_" + i).sign());
    }
    assertTrue(v.cachedTokens() <= 3, "kept " + v.cachedTokens());
    assertEquals(3, v.tokenCacheSize());
  }

  @Test
  void verifyWhenTokenFailsThenNeverCached() throws Exception {
    SessionTokenVerifier v =
        SessionTokenVerifier.builder()
            .keySource(countingPem)
            .authorizedParties(List.of("https://app.example"))
            .clock(CLOCK)
            .tokenCache(100, countingExecutor)
            .build();
    List<String> refused =
        List.of(
            clerk
                .sessionToken()
                .authorizedParty("https://app.example")
                .signWith(clerk.foreignKey(clerk.signingKey().kid()))
                .sign(),
            clerk.sessionToken().authorizedParty("https://evil.example").sign(),
            clerk
                .sessionToken()
                .authorizedParty("https://app.example")
                .expiresIn(Duration.ofSeconds(-10))
                .sign(),
            clerk.sessionToken().authorizedParty("https://app.example").subject(null).sign(),
            clerk
                .sessionToken()
                .authorizedParty("https://app.example")
                .header("cat", SessionTokenVerifier.M2M_CATEGORY)
                .sign());
    for (int round = 1; round <= 2; round++) {
      for (String token : refused) {
        reject(v, token);
        assertEquals(VerificationResult.Rejected.class, v.check(token).getClass());
      }
    }
    assertEquals(0, v.cachedTokens());
    assertEquals(
        16,
        keyLookups.get(),
        "every refused token is looked at again (the M2M one before any key)");
  }

  /**
   * The key is the whole text: a token with the same {@code hashCode} and length is another key.
   */
  @Test
  void verifyWhenAnotherTokenHasTheSameHashThenItIsVerifiedOnItsOwn() throws Exception {
    SessionTokenVerifier v = cached(100);
    String token = clerk.sessionToken().sign();
    v.verify(token);
    String twin = sameHashTwin(token);
    assertEquals(token.hashCode(), twin.hashCode());
    assertNotEquals(token, twin);
    assertEquals(TokenVerificationReason.TOKEN_INVALID_SIGNATURE, reject(v, twin).reason());
    assertEquals(2, keyLookups.get());
  }

  /** Two adjacent signature characters (c1, c2) become (c1 + 1, c2 - 31): same String hash. */
  private static String sameHashTwin(String token) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = token.lastIndexOf('.') + 1; i < token.length() - 2; i++) {
      char a = (char) (token.charAt(i) + 1);
      char b = (char) (token.charAt(i + 1) - 31);
      if (alphabet.indexOf(a) >= 0 && alphabet.indexOf(b) >= 0) {
        return token.substring(0, i) + a + b + token.substring(i + 2);
      }
    }
    throw new AssertionError("no pair to change");
  }

  @Test
  void verifyWhenVerifiersDifferThenEachKeepsItsOwnEntriesAndRules() throws Exception {
    SessionTokenVerifier open = cached(100);
    SessionTokenVerifier strict =
        SessionTokenVerifier.builder()
            .keySource(countingPem)
            .authorizedParties(List.of("https://app.example"))
            .clock(CLOCK)
            .tokenCache(100, countingExecutor)
            .build();
    String token = clerk.sessionToken().authorizedParty("https://evil.example").sign();
    open.verify(token);
    assertEquals(
        TokenVerificationReason.TOKEN_INVALID_AUTHORIZED_PARTIES, reject(strict, token).reason());
    assertEquals(0, strict.cachedTokens());
    // A copy with another skew has no cache: it neither reads the original's entries nor fills
    // them.
    String expiring = clerk.sessionToken().expiresIn(Duration.ofSeconds(60)).sign();
    open.verify(expiring);
    SessionTokenVerifier lenient = open.withClockSkew(Duration.ofDays(1));
    assertEquals(0, lenient.tokenCacheSize());
    CLOCK.advance(Duration.ofMinutes(10));
    assertEquals("user_fake_user", lenient.verify(expiring).subject());
    assertEquals(TokenVerificationReason.TOKEN_EXPIRED, reject(open, expiring).reason());
  }

  @Test
  void verifyMachineJwtAndVerifySignatureWhenSessionTokenCachedThenNeitherReadsNorFillsTheCache()
      throws Exception {
    SessionTokenVerifier v = cached(100);
    String session = clerk.sessionToken().sign();
    v.verify(session);
    int lookups = keyLookups.get();
    // The session cache never answers for another kind of check: these verify in full.
    assertEquals(
        TokenVerificationReason.TOKEN_INVALID,
        assertThrows(
                TokenVerificationException.class,
                () -> v.verifyMachineJwt(session, Set.of("at+jwt")))
            .reason());
    v.verifySignature(session);
    String oauth = clerk.sessionToken().header("typ", "at+jwt").sign();
    v.verifyMachineJwt(oauth, Set.of("at+jwt"));
    assertEquals(lookups + 2, keyLookups.get());
    assertEquals(1, v.cachedTokens());
    // A JWT verified as a machine token is still a stranger to the session path.
    assertEquals(TokenVerificationReason.TOKEN_INVALID, reject(v, oauth).reason());
  }

  @Test
  void decodeWhenTokenWasVerifiedThenTheCachedDecodedFormWithoutParsing() throws Exception {
    SessionTokenVerifier v = cached(100);
    String token = clerk.sessionToken().sign();
    UnverifiedJwt before = v.decode(token);
    assertNotSame(before, v.decode(token));
    v.verify(before);
    assertSame(before, v.decode(token));
    assertSame(v.decode(token), v.decode(new String(token.toCharArray())));
    assertEquals(1, keyLookups.get());
    v.verify(v.decode(token));
    assertEquals(1, keyLookups.get());
    assertEquals(
        TokenVerificationReason.TOKEN_INVALID,
        assertThrows(TokenVerificationException.class, () -> v.decode("a.b")).reason());
  }

  @Test
  void cacheWhenItsExecutorRefusesWorkThenMaintenanceRunsOnTheCallerAndVerificationGoesOn()
      throws Exception {
    AtomicInteger refused = new AtomicInteger();
    SessionTokenVerifier v =
        SessionTokenVerifier.builder()
            .keySource(countingPem)
            .clock(CLOCK)
            .tokenCache(
                2,
                task -> {
                  refused.incrementAndGet();
                  throw new RejectedExecutionException("closed");
                })
            .build();
    for (int i = 0; i < 10; i++) {
      v.verify(clerk.sessionToken().subject("user_" + i).sign());
    }
    assertTrue(refused.get() > 0, "maintenance was handed to the executor");
    assertTrue(v.cachedTokens() <= 2);
  }

  @Test
  void cacheWhenEntriesAreAddedThenMaintenanceRunsOnTheGivenExecutor() throws Exception {
    SessionTokenVerifier v = cached(2);
    for (int i = 0; i < 10; i++) {
      v.verify(clerk.sessionToken().subject("user_" + i).sign());
    }
    assertTrue(maintenanceTasks.get() > 0, "no maintenance on the given executor");
  }

  @Test
  void tokenCacheWhenSizeNegativeThenRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> SessionTokenVerifier.builder().tokenCache(-1, Runnable::run));
    assertEquals("token cache size must not be negative, got -1", e.getMessage());
  }

  @Test
  void toStringWhenCachedThenShowsTheSizeAndNoToken() throws Exception {
    SessionTokenVerifier v = cached(100);
    String token = clerk.sessionToken().sign();
    v.verify(token);
    assertTrue(v.toString().endsWith(", tokenCache=maximumSize=100}"), v.toString());
    assertFalse(v.toString().contains(token.substring(0, 20)));
    assertTrue(cached(0).toString().endsWith(", tokenCache=off}"));
  }
}
