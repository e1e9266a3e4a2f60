package dev.clerk.jakarta.core.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecodedJwtTest {
  private static final String HEADER =
      "{\"alg\":\"RS256\",\"kid\":\"ins_1\",\"typ\":\"JWT\",\"cat\":\"cl_B7d4PD111AAA\"}";
  private static final String PAYLOAD = "{\"sub\":\"user_1\",\"exp\":1768471260,\"n\":1.5,\"s\":7}";

  private static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String token(String header, String payload, String signature) {
    return b64(header) + "." + b64(payload) + "." + signature;
  }

  private static void assertInvalid(String token, String message) {
    TokenVerificationException e =
        assertThrows(TokenVerificationException.class, () -> DecodedJwt.decode(token));
    assertEquals(TokenVerificationReason.TOKEN_INVALID, e.reason());
    assertEquals(message, e.getMessage());
    assertNull(e.action());
  }

  @Test
  void decodeWhenWellFormedThenSplitsAndParses() throws Exception {
    String sig =
        Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] {1, 2, 3, (byte) 0xff});
    String token = token(HEADER, PAYLOAD, sig);
    DecodedJwt jwt = DecodedJwt.decode(token);
    assertEquals(token, jwt.token());
    assertEquals("RS256", jwt.alg());
    assertEquals("ins_1", jwt.kid());
    assertEquals("JWT", jwt.typ());
    assertEquals("cl_B7d4PD111AAA", jwt.category());
    assertEquals("user_1", jwt.stringClaim("sub"));
    assertEquals(1768471260L, jwt.numberClaim("exp").longValue());
    assertEquals(1.5, jwt.numberClaim("n").doubleValue());
    assertNull(jwt.stringClaim("exp"));
    assertNull(jwt.numberClaim("sub"));
    assertNull(jwt.stringClaim("missing"));
    assertEquals(token.substring(0, token.lastIndexOf('.')), jwt.signingInput());
    assertArrayEquals(new byte[] {1, 2, 3, (byte) 0xff}, jwt.signature());
  }

  /**
   * Malleability (found by fuzzing): a part written with {@code =} padding, or with a last
   * character whose unused low bits are set, decodes to the same bytes as its canonical form; so
   * one signed token had several spellings that all verified. Each part must be canonical
   * base64url: no padding, only {@code A-Z a-z 0-9 - _}, unused trailing bits zero (RFC 7515 §2,
   * RFC 4648 §3.5).
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void decodeWhenAPartIsPaddedThenTokenInvalid(int part) {
    String[] parts = {
      Base64.getUrlEncoder()
          .encodeToString("{\"alg\":\"RS256\",\"k\":12}".getBytes(StandardCharsets.UTF_8)),
      Base64.getUrlEncoder().encodeToString("{\"sub\":\"u\"}".getBytes(StandardCharsets.UTF_8)),
      "AQ=="
    };
    for (int i = 0; i < parts.length; i++) {
      if (i != part) {
        parts[i] = parts[i].replace("=", "");
      }
    }
    assertTrue(parts[part].endsWith("="));
    assertInvalid(String.join(".", parts), DecodedJwt.MESSAGE_NOT_DECODABLE);
  }

  @Test
  void decodeWhenSignatureHasUnusedBitsSetThenTokenInvalid() throws Exception {
    // "AQ" is 12 bits for one byte (0x01): its last 4 bits must be zero. "AR" to "Af" decode to
    // 0x01 too.
    assertArrayEquals(new byte[] {1}, DecodedJwt.decode(token(HEADER, PAYLOAD, "AQ")).signature());
    for (String variant : new String[] {"AR", "AS", "AZ", "Aa", "Af"}) {
      assertArrayEquals(new byte[] {1}, Base64.getUrlDecoder().decode(variant), variant);
      assertInvalid(token(HEADER, PAYLOAD, variant), DecodedJwt.MESSAGE_NOT_DECODABLE);
    }
    // Three characters carry two bytes and two unused bits.
    assertArrayEquals(
        new byte[] {1, 2}, DecodedJwt.decode(token(HEADER, PAYLOAD, "AQI")).signature());
    assertInvalid(token(HEADER, PAYLOAD, "AQJ"), DecodedJwt.MESSAGE_NOT_DECODABLE);
  }

  @Test
  void decodeWhenHeaderOrPayloadHasUnusedBitsSetThenTokenInvalid() {
    String header = b64(HEADER);
    String payload = b64(PAYLOAD);
    assertTrue(
        header.length() % 4 != 0 && payload.length() % 4 != 0,
        "the fixtures end in a partial quantum");
    assertInvalid(
        withUnusedBitSet(header) + "." + payload + ".AA", DecodedJwt.MESSAGE_NOT_DECODABLE);
    assertInvalid(
        header + "." + withUnusedBitSet(payload) + ".AA", DecodedJwt.MESSAGE_NOT_DECODABLE);
  }

  /** The same bytes, spelled with the lowest unused bit of the last character set. */
  private static String withUnusedBitSet(String canonical) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char last = canonical.charAt(canonical.length() - 1);
    String variant =
        canonical.substring(0, canonical.length() - 1)
            + alphabet.charAt(alphabet.indexOf(last) | 1);
    assertArrayEquals(
        Base64.getUrlDecoder().decode(canonical), Base64.getUrlDecoder().decode(variant));
    return variant;
  }

  @ParameterizedTest
  @ValueSource(strings = {"A=A", "AA=A", "A A", "AA\n", "AÀ", "=", "A", "AAAAA"})
  void decodeWhenSignatureIsNotBase64UrlThenTokenInvalidToo(String signature) {
    assertInvalid(token(HEADER, PAYLOAD, signature), DecodedJwt.MESSAGE_NOT_DECODABLE);
  }

  @Test
  void decodeWhenSignatureIsEmptyThenDecodesToNoBytes() throws Exception {
    assertEquals(0, DecodedJwt.decode(token(HEADER, PAYLOAD, "")).signature().length);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "a.b", "a.b.c.d", "a.b.c.d.e", "..."})
  void decodeWhenNotThreePartsThenTokenInvalid(String token) {
    assertInvalid(token, "Invalid JWT form. A JWT consists of three parts separated by dots.");
  }

  @Test
  void decodeWhenJweWithFivePartsThenTokenInvalid() {
    String jwe = b64("{\"alg\":\"RSA-OAEP\",\"enc\":\"A256GCM\"}") + ".AAAA.BBBB.CCCC.DDDD";
    assertInvalid(jwe, DecodedJwt.MESSAGE_THREE_PARTS);
  }

  @Test
  void decodeWhenLargerThanCapThenRejectedBeforeParsing() {
    // No dots at all: were it parsed first, the message would be the three-parts one.
    String big = "a".repeat(DecodedJwt.MAX_TOKEN_LENGTH + 1);
    assertInvalid(big, "Invalid JWT form. The token is larger than 16384 characters.");
  }

  @Test
  void decodeWhenAtCapThenParsed() throws Exception {
    String head = b64(HEADER) + ".";
    // Build a payload whose encoded form makes the token exactly MAX_TOKEN_LENGTH long.
    int budget = DecodedJwt.MAX_TOKEN_LENGTH - head.length() - 1;
    String payload = null;
    for (int pad = budget * 3 / 4 - 40; pad < budget; pad++) {
      String p = "{\"sub\":\"u\",\"pad\":\"" + "x".repeat(pad) + "\"}";
      if (b64(p).length() == budget) {
        payload = p;
        break;
      }
    }
    String token = head + b64(payload) + ".";
    assertEquals(DecodedJwt.MAX_TOKEN_LENGTH, token.length());
    assertEquals("u", DecodedJwt.decode(token).stringClaim("sub"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"!!!!", "e30*", "a"})
  void decodeWhenHeaderIsNotBase64UrlThenTokenInvalid(String header) {
    assertInvalid(header + "." + b64(PAYLOAD) + ".AA", DecodedJwt.MESSAGE_NOT_DECODABLE);
  }

  @Test
  void decodeWhenStandardBase64AlphabetThenTokenInvalid() {
    String header = Base64.getEncoder().encodeToString(new byte[] {(byte) 0xfb, (byte) 0xff});
    assertInvalid(header + "." + b64(PAYLOAD) + ".AA", DecodedJwt.MESSAGE_NOT_DECODABLE);
  }

  @Test
  void decodeWhenSignatureIsNotBase64UrlThenTokenInvalid() {
    assertInvalid(token(HEADER, PAYLOAD, "a/b+"), DecodedJwt.MESSAGE_NOT_DECODABLE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not json",
        "{\"alg\":",
        "[1,2]",
        "\"RS256\"",
        "null",
        "42",
        "",
        "{\"a\":1,\"a\":2}"
      })
  void decodeWhenHeaderIsNotAJsonObjectThenTokenInvalid(String header) {
    assertInvalid(token(header, PAYLOAD, "AA"), DecodedJwt.MESSAGE_NOT_DECODABLE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"not json", "[]", "true", "{\"sub\":\"u\""})
  void decodeWhenPayloadIsNotAJsonObjectThenTokenInvalid(String payload) {
    assertInvalid(token(HEADER, payload, "AA"), DecodedJwt.MESSAGE_NOT_DECODABLE);
  }

  @Test
  void decodeWhenDeeplyNestedJsonThenTokenInvalidNotStackOverflow() {
    String nested = "[".repeat(5000) + "]".repeat(5000);
    assertInvalid(
        token("{\"alg\":\"RS256\",\"x\":" + nested + "}", PAYLOAD, "AA"),
        DecodedJwt.MESSAGE_NOT_DECODABLE);
  }

  @Test
  void decodeWhenNestedWithinLimitThenValuesAsPlainJava() throws Exception {
    String nested =
        "[".repeat(JwtJson.MAX_DEPTH - 2)
            + "{\"n\":1,\"d\":1.5,\"b\":true,\"z\":null}"
            + "]".repeat(JwtJson.MAX_DEPTH - 2);
    DecodedJwt jwt =
        DecodedJwt.decode(token("{\"alg\":\"RS256\",\"x\":" + nested + "}", PAYLOAD, "AA"));
    Object v = jwt.header().get("x");
    for (int i = 0; i < JwtJson.MAX_DEPTH - 2; i++) {
      v = ((java.util.List<?>) v).get(0);
    }
    java.util.Map<?, ?> leaf = (java.util.Map<?, ?>) v;
    assertEquals(1L, leaf.get("n"));
    assertEquals(1.5, leaf.get("d"));
    assertEquals(Boolean.TRUE, leaf.get("b"));
    assertTrue(leaf.containsKey("z"));
  }

  @Test
  void toStringWhenCalledThenShowsNamesButNeverTheToken() throws Exception {
    String token = token(HEADER, PAYLOAD, "AQID");
    String s = DecodedJwt.decode(token).toString();
    assertEquals(
        "DecodedJwt{header=[alg, kid, typ, cat], claims=[sub, exp, n, s], signatureBytes=3}", s);
    assertFalse(s.contains("user_1"));
  }

  @Test
  void headerWhenDecodedThenIsReadOnly() throws Exception {
    DecodedJwt jwt = DecodedJwt.decode(token(HEADER, PAYLOAD, "AA"));
    assertThrows(UnsupportedOperationException.class, () -> jwt.header().put("alg", "none"));
    assertThrows(UnsupportedOperationException.class, () -> jwt.payload().put("sub", "admin"));
  }
}
