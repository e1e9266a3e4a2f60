package dev.clerk.jakarta.core.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Fuzzes the token parser: {@link DecodedJwt#decode} and the strict JSON reader behind it ({@link
 * JwtJson}). In {@code mvn verify} it replays the committed inputs under {@code
 * DecodedJwtFuzzTestInputs/}; see the README's "Fuzzing" section to fuzz one method.
 *
 * <p>Properties: the only failure is a {@code token-invalid} {@link TokenVerificationException}
 * with one of the three documented messages, none repeating the token; a decoded token has exactly
 * three parts, each canonical base64url (the one spelling of its bytes), its signing input is the
 * text before the second dot, and its {@code toString} shows no token text. The JSON reader accepts
 * only what jose4j's parser (its fallback) also reads, with the same values.
 */
class DecodedJwtFuzzTest {
  private static final Set<String> MESSAGES =
      Set.of(
          DecodedJwt.MESSAGE_THREE_PARTS,
          DecodedJwt.MESSAGE_NOT_DECODABLE,
          DecodedJwt.MESSAGE_TOO_LARGE);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  /** The whole input (UTF-8) is the compact token. */
  @FuzzTest
  void decodeWhenAnyTokenThenTokenInvalidOnly(byte[] input) {
    String token = new String(input, StandardCharsets.UTF_8);
    DecodedJwt jwt;
    try {
      jwt = DecodedJwt.decode(token);
    } catch (TokenVerificationException e) {
      assertEquals(TokenVerificationReason.TOKEN_INVALID, e.reason());
      assertTrue(MESSAGES.contains(e.getMessage()), e.getMessage());
      return;
    }
    assertTrue(token.length() <= DecodedJwt.MAX_TOKEN_LENGTH);
    int first = token.indexOf('.');
    int second = token.indexOf('.', first + 1);
    assertTrue(first >= 0 && second > first && token.indexOf('.', second + 1) < 0, "three parts");
    assertEquals(token.substring(0, second), jwt.signingInput());
    assertEquals(token, jwt.token());
    // One spelling per token: every part is canonical base64url (no padding, unused bits zero).
    for (String part :
        new String[] {
          token.substring(0, first), token.substring(first + 1, second), token.substring(second + 1)
        }) {
      assertEquals(
          part,
          B64.encodeToString(Base64.getUrlDecoder().decode(part)),
          "non-canonical base64url accepted");
    }
    assertArrayEquals(Base64.getUrlDecoder().decode(token.substring(second + 1)), jwt.signature());
    jwt.kid();
    jwt.alg();
    jwt.typ();
    jwt.category();
    jwt.stringClaim("sub");
    jwt.numberClaim("exp");
    if (second - first > 16) {
      assertFalse(
          jwt.toString().contains(token.substring(first + 1, second)), "toString shows the claims");
    }
  }

  /**
   * Line 1 is the header JSON, the rest the claims JSON, each base64url-encoded as given: drives
   * the JSON reader without the fuzzer having to find base64 first.
   */
  @FuzzTest
  void decodeWhenAnyJsonThenReadAsJose4jReadsIt(byte[] input) throws Exception {
    String text = new String(input, StandardCharsets.UTF_8);
    int nl = text.indexOf('\n');
    String header = nl < 0 ? text : text.substring(0, nl);
    String payload = nl < 0 ? "{}" : text.substring(nl + 1);
    String token =
        B64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + B64.encodeToString(payload.getBytes(StandardCharsets.UTF_8))
            + ".c2ln";
    DecodedJwt jwt;
    try {
      jwt = DecodedJwt.decode(token);
    } catch (TokenVerificationException e) {
      assertEquals(TokenVerificationReason.TOKEN_INVALID, e.reason());
      assertTrue(
          e.getMessage().equals(DecodedJwt.MESSAGE_NOT_DECODABLE)
              || e.getMessage().equals(DecodedJwt.MESSAGE_TOO_LARGE),
          e.getMessage());
      return;
    }
    assertSameAsJose4j(header, jwt.header());
    assertSameAsJose4j(payload, jwt.payload());
  }

  private static void assertSameAsJose4j(String json, Map<String, Object> ours) {
    Map<String, Object> theirs;
    try {
      theirs = JsonUtil.parseJson(json);
    } catch (JoseException | RuntimeException e) {
      throw new AssertionError(
          "accepted JSON that jose4j's parser (the fallback) refuses: " + e, e);
    }
    assertEquals(normalise(theirs), normalise(ours));
  }

  /**
   * Numbers compared as doubles, since the two parsers pick different boxes for the same number,
   * and zero without its sign ({@code -0e-400} is -0.0 to jose4j and 0.0 to JSON-P's BigDecimal;
   * the two compare equal everywhere a claim is used).
   */
  private static Object normalise(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, normalise(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(normalise(x)));
      return out;
    }
    if (v instanceof Number n) {
      double d = n.doubleValue();
      return d == 0 ? 0.0 : d;
    }
    return v == null ? "null" : v;
  }
}
