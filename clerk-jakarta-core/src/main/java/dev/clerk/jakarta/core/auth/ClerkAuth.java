package dev.clerk.jakarta.core.auth;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The Clerk authentication of the current request, as resources see it: {@code @Context ClerkAuth}
 * in JAX-RS, or {@code ClerkAuth.of((Auth) request.getAttribute(ClerkAuth.ATTRIBUTE))} in a
 * servlet, {@code @Inject ClerkAuth} in a CDI bean ({@code clerk-jakarta-cdi}). A thin, null-safe
 * view over {@link Auth}. Immutable and thread-safe.
 *
 * <p>Not {@code final} only so that CDI can give a request-scoped instance a client proxy (which
 * subclasses it through the protected constructor); do not subclass it otherwise.
 *
 * <pre>
 * &#64;GET
 * public String me(&#64;Context ClerkAuth auth) {
 *   return auth.userId().orElse("anonymous");
 * }
 * </pre>
 *
 * @since 0.1
 */
public class ClerkAuth {
  /** Request attribute (servlet and JAX-RS property) that holds the request's {@link Auth}. */
  public static final String ATTRIBUTE = "dev.clerk.jakarta.Auth";

  /**
   * Request attribute that holds the request's {@code dev.clerk.jakarta.core.request.RequestState},
   * so that a second adapter in the same application reuses the first one's decision.
   */
  public static final String STATE_ATTRIBUTE = "dev.clerk.jakarta.RequestState";

  private static final ClerkAuth SIGNED_OUT = new ClerkAuth(SignedOutAuth.session());

  private final Auth auth;

  private ClerkAuth(Auth auth) {
    this.auth = auth;
  }

  /**
   * For CDI's client proxies only: a signed-out view that the proxy never uses (it delegates every
   * call).
   */
  protected ClerkAuth() {
    this(SignedOutAuth.session());
  }

  /**
   * {@return the view of {@code auth}; signed out when null}
   *
   * @param auth the request's authentication, or null
   */
  public static ClerkAuth of(@Nullable Auth auth) {
    return auth == null ? SIGNED_OUT : new ClerkAuth(auth);
  }

  /** {@return the underlying authentication} */
  public Auth auth() {
    return auth;
  }

  /** {@return whether a user session or a machine is authenticated} */
  public boolean isAuthenticated() {
    return auth.isAuthenticated();
  }

  /** {@return whether a user session is signed in} */
  public boolean isSignedIn() {
    return auth instanceof SessionAuth;
  }

  /** {@return the user session, if one is signed in} */
  public Optional<SessionAuth> session() {
    return auth instanceof SessionAuth s ? Optional.of(s) : Optional.empty();
  }

  /** {@return the authenticated machine, if any} */
  public Optional<MachineAuth> machine() {
    return auth instanceof MachineAuth m ? Optional.of(m) : Optional.empty();
  }

  /** {@return the user id of a session, or of a machine token acting for a user} */
  public Optional<String> userId() {
    if (auth instanceof SessionAuth s) {
      return Optional.of(s.userId());
    }
    if (auth instanceof MachineAuth m) {
      return Optional.ofNullable(m.userId());
    }
    return Optional.empty();
  }

  /** {@return the session id} */
  public Optional<String> sessionId() {
    return session().map(SessionAuth::sessionId);
  }

  /** {@return the active organization id (or an API key's organization)} */
  public Optional<String> orgId() {
    if (auth instanceof MachineAuth m) {
      return Optional.ofNullable(m.orgId());
    }
    return session().map(SessionAuth::orgId);
  }

  /** {@return the role in the active organization, with the {@code org:} prefix} */
  public Optional<String> orgRole() {
    return session().map(SessionAuth::orgRole);
  }

  /** {@return the permissions in the active organization; empty without one} */
  public List<String> orgPermissions() {
    return session().map(SessionAuth::orgPermissions).orElse(List.of());
  }

  /** {@return the type of token the request was judged as, if any} */
  public Optional<TokenType> tokenType() {
    return Optional.ofNullable(auth.tokenType());
  }

  /**
   * {@return Clerk's {@code has()} for this request; false when signed out}
   *
   * @param check the condition
   */
  public boolean has(Authorization check) {
    return auth.has(Objects.requireNonNull(check, "check == null"));
  }

  @Override
  public String toString() {
    return "ClerkAuth{" + auth + "}";
  }
}
