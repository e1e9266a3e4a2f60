package dev.clerk.jakarta.testing;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An RSA signing key of FakeClerk, with its {@code kid}.
 *
 * @since 0.1
 */
public final class FakeKey {
  private final String kid;
  private final KeyPair keyPair;

  private FakeKey(String kid, KeyPair keyPair) {
    this.kid = kid;
    this.keyPair = keyPair;
  }

  /**
   * {@return a new 2048-bit RSA key}
   *
   * @param kid its key id, e.g. {@code ins_2abc}
   */
  public static FakeKey generate(String kid) {
    Objects.requireNonNull(kid, "kid == null");
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      return new FakeKey(kid, gen.generateKeyPair());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("RSA is required of every Java platform", e);
    }
  }

  /** {@return the key id} */
  public String kid() {
    return kid;
  }

  /** {@return the public key} */
  public RSAPublicKey publicKey() {
    return (RSAPublicKey) keyPair.getPublic();
  }

  /** {@return the private key} */
  public RSAPrivateKey privateKey() {
    return (RSAPrivateKey) keyPair.getPrivate();
  }

  /** {@return the public key as a PEM {@code PUBLIC KEY} (SPKI), as Clerk's dashboard shows it} */
  public String publicKeyPem() {
    String b64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(publicKey().getEncoded());
    return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
  }

  /** {@return the public JWK as Clerk's JWKS lists it} */
  public Map<String, Object> jwk() {
    Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("use", "sig");
    jwk.put("kty", "RSA");
    jwk.put("kid", kid);
    jwk.put("alg", "RS256");
    jwk.put("n", b64url(publicKey().getModulus().toByteArray()));
    jwk.put("e", b64url(publicKey().getPublicExponent().toByteArray()));
    return jwk;
  }

  private static String b64url(byte[] bigEndian) {
    int start = 0;
    while (start < bigEndian.length - 1 && bigEndian[start] == 0) {
      start++; // unsigned, as JWK wants
    }
    byte[] unsigned = java.util.Arrays.copyOfRange(bigEndian, start, bigEndian.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(unsigned);
  }

  @Override
  public String toString() {
    return "FakeKey[" + kid + "]";
  }
}
