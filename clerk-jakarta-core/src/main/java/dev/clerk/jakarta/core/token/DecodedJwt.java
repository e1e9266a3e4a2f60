package dev.clerk.jakarta.core.token;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A compact JWS split into its parts and decoded, but not verified: Clerk's {@code decodeJwt}.
 *
 * <p>Only the three-part compact serialization is accepted (a five-part JWE is refused), tokens
 * larger than {@link #MAX_TOKEN_LENGTH} are refused before any parsing, and header and payload must
 * be base64url (padding optional) JSON objects. Nothing here trusts the contents: use {@link
 * JwtVerifier} for that.
 *
 * <p>Instances are immutable apart from the {@code signature} array, which callers must not change;
 * {@link #toString()} never shows the token.
 *
 * @param token the compact token as received
 * @param header the decoded JOSE header
 * @param payload the decoded claims
 * @param signingInput {@code <raw header>.<raw payload>}, the bytes the signature covers
 * @param signature the decoded signature bytes
 * @since 0.1
 */
record DecodedJwt(
    String token,
    Map<String, Object> header,
    Map<String, Object> payload,
    String signingInput,
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
   * Validates and copies the components.
   *
   * @param token the compact JWT
   * @param header the decoded header
   * @param payload the decoded payload
   * @param signingInput {@code <header>.<payload>} as received
   * @param signature the decoded signature bytes
   */
  public DecodedJwt {
    Objects.requireNonNull(token, "token == null");
    header = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(header, "header == null")));
    payload =
        Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(payload, "payload == null")));
    Objects.requireNonNull(signingInput, "signingInput == null");
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
    String rawHeader = token.substring(0, first);
    String rawPayload = token.substring(first + 1, second);
    String rawSignature = token.substring(second + 1);
    Map<String, Object> header = jsonObject(rawHeader);
    Map<String, Object> payload = jsonObject(rawPayload);
    byte[] signature = base64Url(rawSignature);
    return new DecodedJwt(token, header, payload, token.substring(0, second), signature);
  }

  private static TokenVerificationException invalid(String message) {
    return new TokenVerificationException(TokenVerificationReason.TOKEN_INVALID, message, null);
  }

  private static Map<String, Object> jsonObject(String part) throws TokenVerificationException {
    String json = new String(base64Url(part), StandardCharsets.UTF_8);
    Map<String, Object> map = JwtJson.parseObject(json);
    if (map == null) {
      // No token text is kept in the cause-free exception.
      throw invalid(MESSAGE_NOT_DECODABLE);
    }
    return map;
  }

  /** Loose base64url, as Clerk's {@code base64url.parse(s, {loose: true})}: padding optional. */
  private static byte[] base64Url(String part) throws TokenVerificationException {
    String s = part;
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == '=') {
      end--;
    }
    if (end != s.length()) {
      s = s.substring(0, end);
    }
    if (s.length() % 4 == 1) {
      throw invalid(MESSAGE_NOT_DECODABLE);
    }
    try {
      return Base64.getUrlDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw invalid(MESSAGE_NOT_DECODABLE);
    }
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
    return "DecodedJwt{header=" + header.keySet() + ", claims=" + payload.keySet()
        + ", signatureBytes=" + signature.length + "}";
  }

  /** {@return a copy of the signature bytes} */
  public byte[] signatureCopy() {
    return Arrays.copyOf(signature, signature.length);
  }
}
