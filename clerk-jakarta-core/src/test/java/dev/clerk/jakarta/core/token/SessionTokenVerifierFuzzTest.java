package dev.clerk.jakarta.core.token;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.clerk.jakarta.core.FuzzKey;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Fuzzes {@link SessionTokenVerifier#verify} with the PEM key of {@link FuzzKey}, the clock frozen
 * at {@link FuzzKey#NOW}, {@code azp} required to be {@link FuzzKey#AZP} and the default 5 s skew.
 * In {@code mvn verify} it replays the committed inputs under {@code
 * SessionTokenVerifierFuzzTestInputs/}; see the README's "Fuzzing" section to fuzz one method.
 *
 * <p>The properties, for any input: the only failure is a {@link TokenVerificationException} whose
 * message never contains the token; an accepted token is one the key signed: the JDK's own RSA
 * verification of its exact signing input succeeds ({@link FuzzKey#verifies}), each part is
 * canonical base64url (one spelling per token), its {@code alg} is RS256/RS384/RS512, and its
 * claims pass Clerk's rules as this test re-states them; and a verifier with a verified-token cache
 * gives the same answer, twice.
 */
class SessionTokenVerifierFuzzTest {
  private static final long NOW_MS = FuzzKey.NOW.toEpochMilli();
  private static final long SKEW_MS = 5000;
  private static final SessionTokenVerifier VERIFIER =
      SessionTokenVerifier.builder()
          .keySource(JwksSource.pem(FuzzKey.publicKeyPem()))
          .authorizedParties(List.of(FuzzKey.AZP))
          .clock(Clock.fixed(FuzzKey.NOW, ZoneOffset.UTC))
          .build();

  /** The same rules with a verified-token cache: it must never change an answer. */
  private static final SessionTokenVerifier CACHED =
      SessionTokenVerifier.builder()
          .keySource(JwksSource.pem(FuzzKey.publicKeyPem()))
          .authorizedParties(List.of(FuzzKey.AZP))
          .clock(Clock.fixed(FuzzKey.NOW, ZoneOffset.UTC))
          .tokenCache(1000, Runnable::run)
          .build();

  private static final Set<String> RSA = Set.of("RS256", "RS384", "RS512");
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /**
   * The whole input (UTF-8) is the token. Seeds: valid tokens the key signed (which the fuzzer
   * mutates byte by byte: truncation, padding, swapped parts, changed characters) and the attacks
   * of design.md §7 (alg none, HS256 keyed with the public key, {@code crit}, {@code jku}/{@code
   * jwk} headers, malformed base64/JSON, a foreign key's signature, expired, wrong {@code azp}).
   */
  @FuzzTest
  void verifyWhenAnyTokenThenOnlySignedTokensAccepted(byte[] input) {
    String token = new String(input, StandardCharsets.UTF_8);
    check(token);
  }

  /**
   * Line 1 is the JOSE header JSON and line 2 the claims JSON, each base64url-encoded as given;
   * line 3 says how to sign: {@code RS256}/{@code RS384}/{@code RS512} with the key, {@code HS256}
   * keyed with the PEM public key (the confusion attack), {@code none} (empty signature), anything
   * else is taken as the signature text itself. So the fuzzer writes validly signed tokens with any
   * header and claims, and the claim rules are checked after a good signature.
   */
  @FuzzTest
  void verifyWhenSignedWithAnyHeaderAndClaimsThenClerksRulesHold(byte[] input) throws Exception {
    String[] lines = new String(input, StandardCharsets.UTF_8).split("\n", 3);
    String header = lines[0];
    String payload = lines.length > 1 ? lines[1] : "{}";
    String mode = lines.length > 2 ? lines[2] : "RS256";
    String signingInput =
        B64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    String signature;
    if (RSA.contains(mode)) {
      signature = FuzzKey.sign(mode, signingInput);
    } else if (mode.equals("HS256")) {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(
          new javax.crypto.spec.SecretKeySpec(
              FuzzKey.publicKeyPem().getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
      signature = B64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    } else if (mode.equals("none")) {
      signature = "";
    } else {
      signature = mode;
    }
    check(signingInput + "." + signature);
  }

  private static void check(String token) {
    SessionClaims claims;
    try {
      claims = VERIFIER.verify(token);
    } catch (TokenVerificationException e) {
      assertNotNull(e.reason());
      if (token.length() >= 16) {
        assertFalse(e.getMessage().contains(token), "the message repeats the token");
      }
      for (int i = 0; i < 2; i++) {
        TokenVerificationException cached =
            assertThrows(TokenVerificationException.class, () -> CACHED.verify(token));
        assertEquals(e.getMessage(), cached.getMessage(), "the cache changed a refusal");
      }
      return;
    }
    assertAccepted(token, claims);
    for (int i = 0; i < 2; i++) {
      assertEquals(
          claims, assertDoesNotThrow(() -> CACHED.verify(token)), "the cache changed the claims");
    }
  }

  /** Re-states Clerk's acceptance rules, independently of the verifier's code. */
  private static void assertAccepted(String token, SessionClaims claims) {
    int first = token.indexOf('.');
    int second = token.indexOf('.', first + 1);
    assertTrue(first > 0 && second > first && token.indexOf('.', second + 1) < 0, "three parts");
    String signingInput = token.substring(0, second);
    JsonObject header = json(token.substring(0, first));
    JsonObject payload = json(token.substring(first + 1, second));
    String alg = header.get("alg") instanceof JsonString s ? s.getString() : null;
    for (String part :
        new String[] {
          token.substring(0, first), signingInput.substring(first + 1), token.substring(second + 1)
        }) {
      assertEquals(
          part,
          B64.encodeToString(Base64.getUrlDecoder().decode(part)),
          "accepted a non-canonical spelling");
    }
    byte[] signature = Base64.getUrlDecoder().decode(token.substring(second + 1));
    assertTrue(
        FuzzKey.verifies(alg, signingInput, signature), "accepted a token the key did not sign");
    assertTrue(RSA.contains(alg), "alg " + alg);
    assertFalse(header.containsKey("crit"), "crit");
    JsonValue typ = header.get("typ");
    assertTrue(
        typ == null || typ instanceof JsonString s && s.getString().equals("JWT"), "typ " + typ);
    JsonValue cat = header.get("cat");
    assertFalse(
        cat instanceof JsonString s && s.getString().equals(SessionTokenVerifier.M2M_CATEGORY),
        "m2m category");
    assertTrue(payload.get("sub") instanceof JsonString, "sub");
    assertEquals(((JsonString) payload.get("sub")).getString(), claims.subject());
    assertTrue(
        payload.get("azp") instanceof JsonString s && s.getString().equals(FuzzKey.AZP), "azp");
    assertTrue(payload.get("exp") instanceof JsonNumber, "exp");
    assertTrue(seconds(payload.get("exp")) * 1000.0 > NOW_MS - SKEW_MS, "expired");
    for (String name : List.of("nbf", "iat")) {
      JsonValue v = payload.get(name);
      assertTrue(
          v == null || v instanceof JsonNumber && seconds(v) * 1000.0 <= NOW_MS + SKEW_MS, name);
    }
  }

  /** {@code new Date(0).setUTCSeconds(v)} keeps whole seconds. */
  private static double seconds(JsonValue v) {
    double d = ((JsonNumber) v).doubleValue();
    return d < 0 ? Math.ceil(d) : Math.floor(d);
  }

  private static JsonObject json(String part) {
    String json = new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    try (JsonReader r = Json.createReader(new StringReader(json))) {
      return r.readObject();
    }
  }
}
