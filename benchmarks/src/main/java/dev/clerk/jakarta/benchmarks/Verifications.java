package dev.clerk.jakarta.benchmarks;

import java.security.PublicKey;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

/** The baseline every verification is read against: jose4j's RS256 check of the signature alone. */
final class Verifications {
  private static final AlgorithmConstraints RS256_ONLY =
      new AlgorithmConstraints(
          AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256);

  private Verifications() {}

  /** {@return the payload of {@code token} once its RS256 signature verified with {@code key}} */
  static String bareRs256(String token, PublicKey key) {
    try {
      JsonWebSignature jws = new JsonWebSignature();
      jws.setAlgorithmConstraints(RS256_ONLY);
      jws.setCompactSerialization(token);
      jws.setKey(key);
      if (!jws.verifySignature()) {
        throw new IllegalStateException("signature does not verify");
      }
      return jws.getPayload();
    } catch (JoseException e) {
      throw new IllegalStateException(e);
    }
  }
}
