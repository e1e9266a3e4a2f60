package dev.clerk.jakarta.core.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures of the Svix / Standard Webhooks scheme, with the JDK's {@link Mac}. */
final class Signatures {
  static final String ALGORITHM = "HmacSHA256";
  private static final String VERSION = "v1";

  private Signatures() {}

  /** {@return the raw HMAC-SHA256 of {@code {id}.{timestamp}.{body}}} */
  static byte[] sign(SecretKeySpec key, String id, long timestamp, byte[] body) {
    Mac mac;
    try {
      // A new Mac per call: Mac is not thread-safe, and webhooks are too rare to pool one.
      mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
    } catch (GeneralSecurityException e) {
      // Every Java SE runtime must provide HmacSHA256, and any non-empty key suits it.
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
    mac.update(id.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) '.');
    mac.update(Long.toString(timestamp).getBytes(StandardCharsets.US_ASCII));
    mac.update((byte) '.');
    mac.update(body);
    return mac.doFinal();
  }

  /**
   * {@return whether any {@code v1,<base64>} entry of the signature header values equals the
   * signature under any key} Entries of other versions, without a comma, or not base64 are skipped.
   */
  static boolean matches(
      List<SecretKeySpec> keys, String id, long timestamp, byte[] body, List<String> headerValues) {
    List<byte[]> expected = new ArrayList<>(keys.size());
    for (SecretKeySpec key : keys) {
      expected.add(sign(key, id, timestamp, body));
    }
    boolean match = false;
    for (String value : headerValues) {
      for (String entry : value.split(" ", -1)) {
        int comma = entry.indexOf(',');
        if (comma < 0 || !entry.substring(0, comma).equals(VERSION)) {
          continue;
        }
        byte[] given = base64(entry.substring(comma + 1));
        for (byte[] e : expected) {
          // Constant-time for equal lengths; a length is no secret. No early exit on a match.
          match |= given != null && MessageDigest.isEqual(e, given);
        }
      }
    }
    return match;
  }

  private static byte @org.jspecify.annotations.Nullable [] base64(String s) {
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException notBase64) {
      // Not a signature this scheme could have produced: it matches nothing.
      return null;
    }
  }
}
