package dev.clerk.jakarta.core.token;

import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * A single RSA public key from a PEM {@code PUBLIC KEY} (X.509 SubjectPublicKeyInfo), as Clerk's
 * dashboard shows it under "JWT public key" and as {@code CLERK_JWT_KEY} carries it. Networkless:
 * the token's {@code kid} is ignored, as in Clerk's SDK.
 *
 * <p>Immutable and thread-safe.
 */
final class PemKeySource implements JwksSource {
  private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
  private static final String END = "-----END PUBLIC KEY-----";
  private static final int MIN_BITS = 2048;

  private final RSAPublicKey key;

  private PemKeySource(RSAPublicKey key) {
    this.key = key;
  }

  /**
   * Parses the key.
   *
   * @param pem the PEM text, with or without header lines; newlines may be real or {@code \n}
   *     escapes (as often found in environment variables)
   * @throws IllegalArgumentException naming {@code CLERK_JWT_KEY} (never echoing the key) when it
   *     is not a PEM RSA public key of at least 2048 bits
   */
  static PemKeySource parse(String pem) {
    String body = pem.replace("\\r", "").replace("\\n", "\n").strip();
    boolean hasBegin = body.startsWith(BEGIN);
    boolean hasEnd = body.endsWith(END);
    if (hasBegin != hasEnd) {
      throw invalid("the PEM header and footer lines do not match");
    }
    if (hasBegin) {
      body = body.substring(BEGIN.length(), body.length() - END.length());
    }
    if (body.contains("-----")) {
      throw invalid("expected one -----BEGIN PUBLIC KEY----- block (X.509 SubjectPublicKeyInfo)");
    }
    StringBuilder b64 = new StringBuilder(body.length());
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (!Character.isWhitespace(c)) {
        b64.append(c);
      }
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(b64.toString().replace('-', '+').replace('_', '/'));
    } catch (IllegalArgumentException e) {
      throw invalid("the key is not base64");
    }
    if (der.length == 0) {
      throw invalid("the key is empty");
    }
    PublicKey parsed;
    try {
      parsed = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
    } catch (InvalidKeySpecException | RuntimeException e) {
      throw invalid("the key is not an RSA SubjectPublicKeyInfo");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no RSA KeyFactory", e);
    }
    if (!(parsed instanceof RSAPublicKey rsa)) {
      throw invalid("the key is not an RSA key");
    }
    if (rsa.getModulus().bitLength() < MIN_BITS) {
      throw invalid("the RSA key is shorter than " + MIN_BITS + " bits");
    }
    return new PemKeySource(rsa);
  }

  private static IllegalArgumentException invalid(String why) {
    return new IllegalArgumentException(
        "CLERK_JWT_KEY (init-param jwt-key) is not a valid PEM public key: " + why + ".");
  }

  @Override
  public PublicKey key(@Nullable String kid) {
    return key;
  }

  /** {@return the key} */
  RSAPublicKey publicKey() {
    return key;
  }

  @Override
  public String toString() {
    return "JwksSource.pem(RSA " + key.getModulus().bitLength() + " bits)";
  }
}
