package dev.clerk.jakarta.core.token;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A compact JWT decoded but <em>not verified</em>, as Clerk's {@code decodeJwt}: for decisions that
 * come before (or instead of) verification, such as which cookie to read, whether a token is a
 * machine token, or its {@code cat} category. Nothing in it may be trusted; {@link
 * SessionTokenVerifier} verifies.
 *
 * <p>Only the three-part compact serialization is accepted, at most 16 KiB, with base64url JSON
 * objects as header and payload. {@link #toString()} never shows the token. Immutable and
 * thread-safe.
 *
 * @since 0.1
 */
public final class UnverifiedJwt {
  private final DecodedJwt jwt;

  UnverifiedJwt(DecodedJwt jwt) {
    this.jwt = jwt;
  }

  /** {@return the decoded token behind this view} */
  DecodedJwt decoded() {
    return jwt;
  }

  /**
   * Decodes a compact JWT without verifying it.
   *
   * @param token the compact JWT
   * @return the decoded token
   * @throws TokenVerificationException {@code token-invalid}, with Clerk's message, when the token
   *     is too large, not three parts, or its parts are not base64url JSON objects
   */
  public static UnverifiedJwt decode(String token) throws TokenVerificationException {
    return new UnverifiedJwt(DecodedJwt.decode(Objects.requireNonNull(token, "token == null")));
  }

  /**
   * {@return the decoded token, or null when {@code token} is null or not a decodable JWT}
   *
   * @param token the compact JWT, or null
   */
  public static @Nullable UnverifiedJwt decodeOrNull(@Nullable String token) {
    if (token == null) {
      return null;
    }
    try {
      return decode(token);
    } catch (TokenVerificationException | RuntimeException e) {
      return null;
    }
  }

  /** {@return the decoded JOSE header (unmodifiable)} */
  public Map<String, Object> header() {
    return jwt.header();
  }

  /** {@return the decoded claims (unmodifiable)} */
  public Map<String, Object> payload() {
    return jwt.payload();
  }

  /** {@return the {@code typ} header when it is a string, else null} */
  public @Nullable String typ() {
    return jwt.typ();
  }

  @Override
  public String toString() {
    return "UnverifiedJwt" + jwt;
  }
}
