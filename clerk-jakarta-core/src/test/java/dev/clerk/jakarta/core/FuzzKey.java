package dev.clerk.jakarta.core;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The fixed RSA key of the fuzz tests (test-only, committed so that the committed corpus holds
 * tokens it signed; RSASSA-PKCS1-v1_5 signatures are deterministic, so a seed signed once stays
 * valid), and the independent signature oracle: the JDK's {@link Signature} over the token's
 * signing input, without jose4j or any code of this library. Thread-safe.
 */
public final class FuzzKey {
  /** The fixed "now" of the fuzz tests (the clock of Clerk's own tests): 2022-10-24T21:50:50Z. */
  public static final Instant NOW = Instant.ofEpochSecond(1666648250);

  /** The {@code azp} the fuzz verifiers accept. */
  public static final String AZP = "https://app.example";

  /** The publishable key of the fuzz tests' development instance. */
  public static final String PUBLISHABLE_KEY = "pk_test_Y2xlcmsuaW5zcGlyZWQucHVtYS03NC5sY2wuZGV2JA";

  private static final Map<String, String> JCA =
      Map.of("RS256", "SHA256withRSA", "RS384", "SHA384withRSA", "RS512", "SHA512withRSA");
  private static final RSAPrivateCrtKey PRIVATE;
  private static final RSAPublicKey PUBLIC;
  private static final String PUBLIC_PEM;

  static {
    try (InputStream in = FuzzKey.class.getResourceAsStream("fuzz-signing-key.pem")) {
      String pem =
          new String(
              Objects.requireNonNull(in, "fuzz-signing-key.pem").readAllBytes(),
              StandardCharsets.US_ASCII);
      String b64 =
          pem.replace("-----BEGIN PRIVATE KEY-----", "")
              .replace("-----END PRIVATE KEY-----", "")
              .replaceAll("\\s", "");
      KeyFactory rsa = KeyFactory.getInstance("RSA");
      PRIVATE =
          (RSAPrivateCrtKey)
              rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
      PUBLIC =
          (RSAPublicKey)
              rsa.generatePublic(
                  new RSAPublicKeySpec(PRIVATE.getModulus(), PRIVATE.getPublicExponent()));
      PUBLIC_PEM =
          "-----BEGIN PUBLIC KEY-----\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(PUBLIC.getEncoded())
              + "\n-----END PUBLIC KEY-----\n";
    } catch (IOException | GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private FuzzKey() {}

  /** {@return the public key as PEM, what {@code CLERK_JWT_KEY} carries} */
  public static String publicKeyPem() {
    return PUBLIC_PEM;
  }

  /**
   * {@return the RSASSA-PKCS1-v1_5 signature of {@code signingInput}, base64url without padding}
   *
   * @param alg RS256, RS384 or RS512
   * @param signingInput {@code <header>.<payload>}
   */
  public static String sign(String alg, String signingInput) {
    try {
      Signature s = Signature.getInstance(Objects.requireNonNull(JCA.get(alg), alg));
      s.initSign(PRIVATE);
      s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The oracle on a whole compact token: {@return whether its header is a JSON object whose {@code
   * alg} names an RSA algorithm under which this key signed the token's exact signing input}
   *
   * @param token the compact token, or null
   */
  public static boolean signedToken(@Nullable String token) {
    if (token == null) {
      return false;
    }
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3) {
      return false;
    }
    try {
      String header =
          new String(Base64.getUrlDecoder().decode(strip(parts[0])), StandardCharsets.UTF_8);
      JsonObject h;
      try (JsonReader r = Json.createReader(new StringReader(header))) {
        h = r.readObject();
      }
      String alg = h.get("alg") instanceof JsonString s ? s.getString() : null;
      return verifies(
          alg, parts[0] + "." + parts[1], Base64.getUrlDecoder().decode(strip(parts[2])));
    } catch (IllegalArgumentException | JsonException e) {
      return false; // not base64url, or not a JSON object: nothing the key signed
    }
  }

  private static String strip(String b64) {
    int end = b64.length();
    while (end > 0 && b64.charAt(end - 1) == '=') {
      end--;
    }
    return b64.substring(0, end);
  }

  /**
   * The oracle: {@return whether {@code signature} is this key's signature of the exact characters
   * {@code signingInput} under {@code alg}} False for any other algorithm.
   *
   * @param alg the header's {@code alg}
   * @param signingInput the token up to its second dot, as received
   * @param signature the decoded signature bytes
   */
  public static boolean verifies(@Nullable String alg, String signingInput, byte[] signature) {
    String jca = alg == null ? null : JCA.get(alg);
    if (jca == null) {
      return false;
    }
    for (int i = 0; i < signingInput.length(); i++) {
      if (signingInput.charAt(i) > 0x7f) {
        return false; // a token is ASCII; the signer never signed these characters
      }
    }
    try {
      Signature s = Signature.getInstance(jca);
      s.initVerify(PUBLIC);
      s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      // The signature must be exactly the modulus length, as RFC 8017 8.2.2 step 1 demands.
      return signature.length == (PUBLIC.getModulus().bitLength() + 7) / 8 && s.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
