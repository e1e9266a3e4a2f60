package dev.clerk.jakarta.core.token;

import java.security.PublicKey;
import org.jspecify.annotations.Nullable;

/**
 * Where verification keys come from: the Backend API's JWKS (fetched with the secret key, cached) or
 * a PEM public key configured locally (networkless).
 *
 * <p>Implementations are thread-safe.
 *
 * @since 0.1
 */
public interface JwksSource {
  /**
   * Finds the key for a token's {@code kid}.
   *
   * @param kid the token's {@code kid} header, or null when it has none (a PEM source ignores it)
   * @return the RSA public key
   * @throws TokenVerificationException with {@code jwk-kid-mismatch}, {@code
   *     jwk-remote-failed-to-load}, {@code secret-key-invalid} or {@code jwk-local-missing}
   */
  PublicKey key(@Nullable String kid) throws TokenVerificationException;
}
