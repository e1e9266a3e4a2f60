package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.auth.AcceptsToken;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application's {@link Clerk} and one derived {@link Clerk} per distinct per-resource {@code
 * acceptsToken} setting, so that core evaluates {@code acceptsToken} (the adapter never does). A
 * derived instance copies every option but {@code acceptsToken} and shares the HTTP client.
 * Thread-safe.
 */
final class ClerkAuthenticator {
  private final Clerk base;
  private final Map<AcceptsToken, Clerk> derived = new ConcurrentHashMap<>();

  ClerkAuthenticator(Clerk base) {
    this.base = base;
  }

  /** {@return the application's setting} */
  AcceptsToken applicationAcceptsToken() {
    return base.options().acceptsToken();
  }

  /**
   * {@return the Clerk that authenticates with {@code accepts}}
   *
   * @param accepts the token types
   * @throws IllegalArgumentException when the options cannot accept these types (e.g. {@code
   *     m2m_token} without a secret key)
   */
  Clerk clerkFor(AcceptsToken accepts) {
    if (accepts.equals(applicationAcceptsToken())) {
      return base;
    }
    return derived.computeIfAbsent(
        accepts,
        a ->
            Clerk.builder()
                .options(base.options().toBuilder().acceptsToken(a).build())
                .httpClient(base.httpClient())
                .build());
  }
}
