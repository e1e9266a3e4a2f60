package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.auth.AcceptedTokens;

/**
 * The application's {@link Clerk} and the check of per-resource {@code acceptsToken} settings. Core
 * evaluates {@code acceptsToken} (the adapter never does), through {@link
 * Clerk#authenticateRequest(dev.clerk.jakarta.core.request.ClerkRequest, AcceptedTokens)}, so every
 * resource shares one JWKS cache and one Backend API client. Thread-safe.
 */
final class ClerkAuthenticator {
  private final Clerk base;

  ClerkAuthenticator(Clerk base) {
    this.base = base;
  }

  /** {@return the application's Clerk} */
  Clerk clerk() {
    return base;
  }

  /** {@return the application's setting} */
  AcceptedTokens applicationAcceptsToken() {
    return base.options().acceptsToken();
  }

  /**
   * Checks at deployment that the options can serve {@code accepts}.
   *
   * @param accepts the token types of a resource
   * @throws IllegalArgumentException naming the missing setting when they cannot (e.g. {@code
   *     m2m_token} without a secret key)
   */
  void check(AcceptedTokens accepts) {
    base.options().toBuilder().acceptsToken(accepts).build();
  }
}
