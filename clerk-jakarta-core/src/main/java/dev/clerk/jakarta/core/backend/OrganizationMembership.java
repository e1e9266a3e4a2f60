package dev.clerk.jakarta.core.backend;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A user's membership of an organization.
 *
 * @param id {@code orgmem_…}
 * @param role the role key, e.g. {@code org:admin}
 * @param roleName the role's display name, or null
 * @param permissions the permissions the role grants, e.g. {@code org:sys_memberships:manage}
 * @param publicMetadata public metadata (empty when none)
 * @param privateMetadata private metadata (empty when none)
 * @param organization the organization, or null when the answer omitted it
 * @param publicUserData the member's public data, or null
 * @param createdAt creation time, or null
 * @param updatedAt last update, or null
 * @since 0.1
 */
public record OrganizationMembership(
    String id,
    String role,
    @Nullable String roleName,
    List<String> permissions,
    Map<String, Object> publicMetadata,
    Map<String, Object> privateMetadata,
    @Nullable Organization organization,
    @Nullable PublicUserData publicUserData,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt) {
  /**
   * Copies.
   *
   * @param id id
   * @param role role
   * @param roleName role name
   * @param permissions permissions
   * @param publicMetadata public metadata
   * @param privateMetadata private metadata
   * @param organization organization
   * @param publicUserData user data
   * @param createdAt created
   * @param updatedAt updated
   */
  public OrganizationMembership {
    permissions = List.copyOf(permissions);
    publicMetadata = Models.copy(publicMetadata);
    privateMetadata = Models.copy(privateMetadata);
  }
}
