package dev.clerk.jakarta.core.authn;

import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.token.UnverifiedJwt;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Unverified looks into tokens, as Clerk's {@code decodeJwt} uses them for decisions that come
 * before (or instead of) verification: cookie choice, {@code iat} vs {@code __client_uat},
 * machine-token recognition, token categories.
 */
final class Peek {
  static final String CATEGORY_SESSION = "cl_B7d4PD111AAA";
  static final String CATEGORY_TEMPLATE = "cl_B7d4PD222AAA";
  static final String CATEGORY_M2M = "cl_B7d4PD333AAA";
  static final String CATEGORY_IGNORE = "cl_I7d4PD111III";
  static final Set<String> OAUTH_JWT_TYPES = Set.of("at+jwt", "application/at+jwt");

  private Peek() {}

  /** {@return the decoded token, or null when it is not a decodable JWT} */
  static @Nullable UnverifiedJwt decodeOrNull(@Nullable String token) {
    return UnverifiedJwt.decodeOrNull(token);
  }

  static @Nullable String string(Map<String, Object> map, String name) {
    return map.get(name) instanceof String s ? s : null;
  }

  /** {@return a numeric claim, or null when absent or not a number} */
  static @Nullable Double number(@Nullable UnverifiedJwt jwt, String name) {
    if (jwt == null) {
      return null;
    }
    return jwt.payload().get(name) instanceof Number n ? n.doubleValue() : null;
  }

  /**
   * Clerk's {@code /^[a-zA-Z0-9\-_]+\.[a-zA-Z0-9\-_]+\.[a-zA-Z0-9\-_]+$/}: three non-empty parts of
   * base64url characters, separated by dots (no regular expression per request).
   */
  static boolean isJwtShape(String token) {
    int parts = 1;
    int partLength = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '.') {
        if (partLength == 0 || ++parts > 3) {
          return false;
        }
        partLength = 0;
      } else if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '_') {
        partLength++;
      } else {
        return false;
      }
    }
    return parts == 3 && partLength > 0;
  }

  /** {@code isNonSessionJwtCategory}: a {@code cat} header other than session or ignore. */
  static boolean isNonSessionCategory(UnverifiedJwt jwt) {
    Object cat = jwt.header().get("cat");
    return cat != null && !CATEGORY_SESSION.equals(cat) && !CATEGORY_IGNORE.equals(cat);
  }

  static boolean isOAuthJwt(UnverifiedJwt jwt) {
    Object typ = jwt.header().get("typ");
    return typ instanceof String s && OAUTH_JWT_TYPES.contains(s);
  }

  static boolean isM2MJwt(UnverifiedJwt jwt) {
    return jwt.payload().get("sub") instanceof String sub && sub.startsWith("mch_");
  }

  /**
   * {@code isMachineJwt}: JWT-shaped, and an M2M ({@code sub mch_…}) or OAuth ({@code typ at+jwt})
   * JWT.
   */
  static boolean isMachineJwt(String token, UnverifiedJwt jwt) {
    // The claim checks first: they are cheaper than reading every character of the token.
    return (isM2MJwt(jwt) || isOAuthJwt(jwt)) && isJwtShape(token);
  }

  /** {@return the machine-token type of a JWT-shaped machine token, if it is one} */
  static Optional<TokenType> machineJwtType(String token) {
    if (!isJwtShape(token)) {
      return Optional.empty();
    }
    UnverifiedJwt jwt = decodeOrNull(token);
    if (jwt == null) {
      return Optional.empty();
    }
    if (isM2MJwt(jwt)) {
      return Optional.of(TokenType.M2M_TOKEN);
    }
    if (isOAuthJwt(jwt)) {
      return Optional.of(TokenType.OAUTH_TOKEN);
    }
    return Optional.empty();
  }

  /** Clerk's {@code getMachineTokenType}: prefix, then JWT form; empty when not a machine token. */
  static Optional<TokenType> machineTokenType(String token) {
    if (token.startsWith("mt_")) {
      return Optional.of(TokenType.M2M_TOKEN);
    }
    if (token.startsWith("oat_")) {
      return Optional.of(TokenType.OAUTH_TOKEN);
    }
    if (token.startsWith("ak_")) {
      return Optional.of(TokenType.API_KEY);
    }
    return machineJwtType(token);
  }
}
