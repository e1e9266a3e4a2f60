package dev.clerk.jakarta.core.token;

import java.security.PublicKey;
import org.jspecify.annotations.Nullable;

/** The key source when neither a PEM key nor a secret key is configured: every lookup fails. */
final class UnresolvableKeySource implements JwksSource {
  static final UnresolvableKeySource INSTANCE = new UnresolvableKeySource();

  private UnresolvableKeySource() {}

  @Override
  public PublicKey key(@Nullable String kid) throws TokenVerificationException {
    throw new TokenVerificationException(
        TokenVerificationReason.JWK_FAILED_TO_RESOLVE,
        "Failed to resolve JWK during verification.",
        TokenVerificationException.ACTION_SET_CLERK_JWT_KEY);
  }

  @Override
  public String toString() {
    return "JwksSource.unresolvable()";
  }
}
