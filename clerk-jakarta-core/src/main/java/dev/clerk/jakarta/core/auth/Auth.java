package dev.clerk.jakarta.core.auth;

import org.jspecify.annotations.Nullable;

/**
 * The authentication of one request: a signed-in session, an authenticated machine, or signed out.
 *
 * <p>Match on the three cases, or use the common methods. Implementations are immutable and
 * thread-safe.
 *
 * <pre>
 * switch (auth) {
 *   case SessionAuth s -&gt; greet(s.userId());
 *   case MachineAuth m -&gt; serve(m.subject());
 *   case SignedOutAuth o -&gt; refuse();
 * }
 * </pre>
 *
 * @since 0.1
 */
public sealed interface Auth permits SessionAuth, MachineAuth, SignedOutAuth {

  /** {@return true for a signed-in session or an authenticated machine} */
  boolean isAuthenticated();

  /**
   * {@return the type of token the request presented, or null where Clerk has none (a token type
   * that {@code acceptsToken} refused)}
   */
  @Nullable TokenType tokenType();

  /**
   * {@return the name a {@link java.security.Principal} carries: the user id of a session, the
   * subject of a machine token; null when signed out}
   */
  @Nullable String principalName();

  /**
   * Checks a role, permission, feature, plan or reverification condition as Clerk's {@code has()}.
   * Always false when signed out and for machine tokens.
   *
   * @param check the condition
   * @return whether it holds
   */
  boolean has(Authorization check);

  /** {@return the raw token, or null when signed out} Never log it. */
  @Nullable String token();
}
