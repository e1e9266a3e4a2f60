package dev.clerk.jakarta.core.token;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A compact JWS split into its parts and decoded, but not verified: Clerk's {@code decodeJwt}.
 *
 * <p>Only the three-part compact serialization is accepted (a five-part JWE is refused), tokens
 * larger than {@link #MAX_TOKEN_LENGTH} are refused before any parsing, every part must be
 * canonical base64url ({@link #base64Url}: no padding, no other character, unused bits zero), and
 * header and payload must be JSON objects. Nothing here trusts the contents: use {@link
 * JwtVerifier} for that.
 *
 * <p>Instances are immutable apart from the {@code signature} array, which callers must not change;
 * {@link #toString()} never shows the token.
 *
 * @param token the compact token as received
 * @param header the decoded JOSE header
 * @param payload the decoded claims
 * @param signingInputLength the length of {@code <raw header>.<raw payload>}, the text the
 *     signature covers (the token up to its second dot)
 * @param signature the decoded signature bytes
 * @since 0.1
 */
@SuppressWarnings("ArrayRecordComponent") // a parsed token, checked once and never compared
record DecodedJwt(
    String token,
    Map<String, Object> header,
    Map<String, Object> payload,
    int signingInputLength,
    byte[] signature) {

  /** Largest accepted token, in characters (16 KiB); Clerk session tokens are well under 4 KiB. */
  public static final int MAX_TOKEN_LENGTH = 16 * 1024;

  /** Clerk's message for a token that is not three dot-separated parts. */
  public static final String MESSAGE_THREE_PARTS =
      "Invalid JWT form. A JWT consists of three parts separated by dots.";

  /** Clerk's message for a token whose parts are not base64url JSON. */
  public static final String MESSAGE_NOT_DECODABLE =
      "Invalid JWT form. The header, payload, or signature could not be decoded.";

  /** Our message for a token above {@link #MAX_TOKEN_LENGTH}. */
  public static final String MESSAGE_TOO_LARGE =
      "Invalid JWT form. The token is larger than " + MAX_TOKEN_LENGTH + " characters.";

  /**
   * Validates the components and makes the maps read-only (without a copy: the parser's maps are
   * read-only already).
   *
   * @param token the compact JWT
   * @param header the decoded header
   * @param payload the decoded payload
   * @param signingInputLength the length of {@code <header>.<payload>} in {@code token}
   * @param signature the decoded signature bytes
   */
  public DecodedJwt {
    Objects.requireNonNull(token, "token == null");
    header = Collections.unmodifiableMap(Objects.requireNonNull(header, "header == null"));
    payload = Collections.unmodifiableMap(Objects.requireNonNull(payload, "payload == null"));
    Objects.checkFromToIndex(0, signingInputLength, token.length());
    Objects.requireNonNull(signature, "signature == null");
  }

  /**
   * Splits and decodes a compact JWS without verifying it.
   *
   * @param token the compact token
   * @return the decoded token
   * @throws TokenVerificationException {@code token-invalid} when the token is too large, not three
   *     parts, or its parts are not base64url JSON objects
   */
  public static DecodedJwt decode(String token) throws TokenVerificationException {
    Objects.requireNonNull(token, "token == null");
    if (token.length() > MAX_TOKEN_LENGTH) {
      throw invalid(MESSAGE_TOO_LARGE);
    }
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (first < 0 || second < 0 || token.indexOf('.', second + 1) >= 0) {
      throw invalid(MESSAGE_THREE_PARTS);
    }
    Map<String, Object> header = jsonObject(token, 0, first);
    Map<String, Object> payload = jsonObject(token, first + 1, second);
    byte[] signature = base64Url(token, second + 1, token.length());
    if (signature == null) {
      throw invalid(MESSAGE_NOT_DECODABLE);
    }
    return new DecodedJwt(token, header, payload, second, signature);
  }

  private static TokenVerificationException invalid(String message) {
    return new TokenVerificationException(TokenVerificationReason.TOKEN_INVALID, message, null);
  }

  private static Map<String, Object> jsonObject(String token, int from, int to)
      throws TokenVerificationException {
    byte[] bytes = base64Url(token, from, to);
    Map<String, Object> map =
        bytes == null ? null : JwtJson.parseObject(new String(bytes, StandardCharsets.UTF_8));
    if (map == null) {
      // No token text is kept in the cause-free exception.
      throw invalid(MESSAGE_NOT_DECODABLE);
    }
    return map;
  }

  /** The value of each base64url character, -1 for any other character below 128. */
  private static final byte[] BASE64URL = new byte[128];

  static {
    Arrays.fill(BASE64URL, (byte) -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (int i = 0; i < alphabet.length(); i++) {
      BASE64URL[alphabet.charAt(i)] = (byte) i;
    }
  }

  private static int sextet(String s, int i) {
    char c = s.charAt(i);
    return c < 128 ? BASE64URL[c] : -1;
  }

  /**
   * Strict base64url (RFC 7515 §2 and RFC 4648 §3.5): only {@code A-Z a-z 0-9 - _}, no padding, and
   * the unused low bits of a last partial character zero. So each byte string has exactly one
   * accepted spelling: a decoder that ignored padding or those bits (Clerk's loose parser takes
   * padding; {@link java.util.Base64} ignores the bits) would let one signed token be written
   * several ways that all verify, and fill a cache keyed by the token with copies of it.
   *
   * @return the bytes of {@code s[from, to)}, or null when they are not canonical base64url
   */
  static byte @Nullable [] base64Url(String s, int from, int to) {
    int length = to - from;
    int rest = length & 3;
    if (rest == 1) {
      return null;
    }
    byte[] out = new byte[length / 4 * 3 + (rest == 0 ? 0 : rest - 1)];
    int o = 0;
    int i = from;
    for (int end = to - rest; i < end; i += 4) {
      int a = sextet(s, i);
      int b = sextet(s, i + 1);
      int c = sextet(s, i + 2);
      int d = sextet(s, i + 3);
      if ((a | b | c | d) < 0) {
        return null;
      }
      int n = a << 18 | b << 12 | c << 6 | d;
      out[o++] = (byte) (n >> 16);
      out[o++] = (byte) (n >> 8);
      out[o++] = (byte) n;
    }
    if (rest == 2) {
      int a = sextet(s, i);
      int b = sextet(s, i + 1);
      if ((a | b) < 0 || (b & 0xf) != 0) {
        return null;
      }
      out[o] = (byte) (a << 2 | b >> 4);
    } else if (rest == 3) {
      int a = sextet(s, i);
      int b = sextet(s, i + 1);
      int c = sextet(s, i + 2);
      if ((a | b | c) < 0 || (c & 0x3) != 0) {
        return null;
      }
      int n = a << 12 | b << 6 | c;
      out[o++] = (byte) (n >> 10);
      out[o] = (byte) (n >> 2);
    }
    return out;
  }

  /** {@return {@code <raw header>.<raw payload>}, the text the signature covers} */
  public String signingInput() {
    return token.substring(0, signingInputLength);
  }

  /**
   * {@return the bytes the signature covers} The signing input is base64url and a dot, all ASCII
   * (checked by {@link #decode}), so each character is one byte; no intermediate string is made.
   */
  byte[] signingInputBytes() {
    byte[] bytes = new byte[signingInputLength];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) token.charAt(i);
    }
    return bytes;
  }

  /** {@return the header's {@code kid} when it is a string, else null} */
  public @Nullable String kid() {
    return stringHeader("kid");
  }

  /** {@return the header's {@code alg} when it is a string, else null} */
  public @Nullable String alg() {
    return stringHeader("alg");
  }

  /** {@return the header's {@code typ} when it is a string, else null} */
  public @Nullable String typ() {
    return stringHeader("typ");
  }

  /** {@return the header's {@code cat} (Clerk token category) when it is a string, else null} */
  public @Nullable String category() {
    return stringHeader("cat");
  }

  /**
   * {@return a header parameter when it is a string, else null}
   *
   * @param name the parameter name
   */
  public @Nullable String stringHeader(String name) {
    return header.get(name) instanceof String s ? s : null;
  }

  /**
   * {@return a claim when it is a string, else null}
   *
   * @param name the claim name
   */
  public @Nullable String stringClaim(String name) {
    return payload.get(name) instanceof String s ? s : null;
  }

  /**
   * {@return a claim when it is a number, else null}
   *
   * @param name the claim name
   */
  public @Nullable Number numberClaim(String name) {
    return payload.get(name) instanceof Number n ? n : null;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof DecodedJwt other && other.token.equals(token);
  }

  @Override
  public int hashCode() {
    return token.hashCode();
  }

  /** Shows the header and claim names only, never the token or claim values. */
  @Override
  public String toString() {
    return "DecodedJwt{header="
        + header.keySet()
        + ", claims="
        + payload.keySet()
        + ", signatureBytes="
        + signature.length
        + "}";
  }

  /** {@return a copy of the signature bytes} */
  public byte[] signatureCopy() {
    return Arrays.copyOf(signature, signature.length);
  }
}
