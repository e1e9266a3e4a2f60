package dev.clerk.jakarta.core.auth;

import java.security.Principal;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Principal} of a request authenticated by Clerk: its name is the user id of a session
 * or the subject of a machine token. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ClerkPrincipal implements Principal {
  private final Auth auth;
  private final String name;

  private ClerkPrincipal(Auth auth, String name) {
    this.auth = auth;
    this.name = name;
  }

  /**
   * {@return the principal of an authenticated request}
   *
   * @param auth a {@link SessionAuth} or {@link MachineAuth}
   * @throws IllegalArgumentException when {@code auth} is signed out
   */
  public static ClerkPrincipal of(Auth auth) {
    Objects.requireNonNull(auth, "auth == null");
    String name = auth.principalName();
    if (!auth.isAuthenticated() || name == null) {
      throw new IllegalArgumentException("a signed-out request has no principal");
    }
    return new ClerkPrincipal(auth, name);
  }

  @Override
  public String getName() {
    return name;
  }

  /** {@return the authentication behind this principal} */
  public Auth auth() {
    return auth;
  }

  /**
   * {@return whether the principal holds {@code role}: the active organization role, or an
   * organization permission, each with or without the {@code org:} prefix}
   *
   * @param role a role or permission name
   */
  public boolean isInRole(String role) {
    Objects.requireNonNull(role, "role == null");
    return auth.has(Authorization.role(role)) || auth.has(Authorization.permission(role));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ClerkPrincipal p && p.name.equals(name) && p.auth.equals(auth);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return "ClerkPrincipal[" + name + "]";
  }
}
