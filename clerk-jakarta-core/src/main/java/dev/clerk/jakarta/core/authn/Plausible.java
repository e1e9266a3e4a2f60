package dev.clerk.jakarta.core.authn;

import dev.clerk.jakarta.core.auth.TokenType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Shape checks made before a client's value may cause a Backend API call: a value Clerk cannot have
 * issued is refused without asking Clerk. The checks are deliberately loose (length and alphabet
 * only; Clerk does not document these formats), so that no value Clerk issues is refused:
 *
 * <ul>
 *   <li>handshake nonce: {@value #MIN_NONCE} to {@value #MAX_NONCE} characters of {@code A-Z a-z
 *       0-9 - _ . ~ + / =} (URL-safe and base64 alphabets, Clerk ids, UUIDs);
 *   <li>opaque machine token: its prefix ({@code ak_}, {@code mt_}, {@code oat_}) and at most
 *       {@value #MAX_TOKEN} characters in all, at least one after the prefix, of the same alphabet.
 * </ul>
 *
 * <p>A session refresh needs no such check: it is made only for a session token whose signature
 * verified (an expired one).
 *
 * <p>Thread-safe (stateless).
 */
final class Plausible {
  static final int MIN_NONCE = 16;
  static final int MAX_NONCE = 256;
  static final int MAX_TOKEN = 4096;

  private Plausible() {}

  static boolean nonce(String nonce) {
    return nonce.length() >= MIN_NONCE && nonce.length() <= MAX_NONCE && alphabet(nonce, 0);
  }

  static boolean machineToken(TokenType type, String token) {
    String prefix =
        switch (type) {
          case API_KEY -> "ak_";
          case M2M_TOKEN -> "mt_";
          case OAUTH_TOKEN -> "oat_";
          case SESSION_TOKEN -> null;
        };
    return prefix != null
        && token.startsWith(prefix)
        && token.length() > prefix.length()
        && token.length() <= MAX_TOKEN
        && alphabet(token, prefix.length());
  }

  private static boolean alphabet(String s, int from) {
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || c == '.'
              || c == '~'
              || c == '+'
              || c == '/'
              || c == '=';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** {@return the SHA-256 of the parts (hex)}: how tokens are keyed in memory, never raw. */
  static String hash(String... parts) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (String p : parts) {
        md.update(p.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
