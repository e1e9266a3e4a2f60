package dev.clerk.jakarta.security;

import dev.clerk.jakarta.core.auth.Auth;
import dev.clerk.jakarta.core.auth.SessionAuth;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The groups (container roles) that {@link ClerkAuthenticationMechanism} gives a signed-in caller:
 * the role in the active organization and its permissions, as the session token names them, with
 * the {@code org:} prefix: {@code org:admin}, {@code org:invoices:read}. So {@code
 * <role-name>org:admin</role-name>}, {@code request.isUserInRole("org:invoices:read")} and
 * {@code @RolesAllowed("org:admin")} match. A session without an active organization, and a machine
 * token, have none.
 *
 * <p>The servlet filter's {@code isUserInRole} also accepts a role without its prefix ({@code
 * admin}); container roles are exact strings, so here only the prefixed form is a group.
 *
 * <p>Stateless; thread-safe.
 *
 * @since 0.1
 */
public final class ClerkGroups {
  private static final String ORG_PREFIX = "org:";

  private ClerkGroups() {}

  /**
   * {@return the caller's groups, in order: the organization role, then the permissions;
   * unmodifiable}
   *
   * @param auth the request's authentication
   */
  public static Set<String> of(Auth auth) {
    Objects.requireNonNull(auth, "auth == null");
    if (!(auth instanceof SessionAuth s)
        || s.userId().isEmpty()
        || s.orgId() == null
        || s.orgId().isEmpty()) {
      return Set.of();
    }
    Set<String> groups = new LinkedHashSet<>();
    String role = s.orgRole();
    if (role != null && !role.isBlank()) {
      groups.add(prefixed(role));
    }
    for (String permission : s.orgPermissions()) {
      if (permission != null && !permission.isBlank()) {
        groups.add(prefixed(permission));
      }
    }
    return Collections.unmodifiableSet(groups);
  }

  private static String prefixed(String name) {
    return name.startsWith(ORG_PREFIX) ? name : ORG_PREFIX + name;
  }
}
