package dev.clerk.jakarta.core.backend;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An invitation to join an organization (Clerk's {@code organization_invitation} object, as the
 * {@code organizationInvitation.*} webhooks carry it). Immutable and thread-safe.
 *
 * @param id {@code orginv_…}
 * @param emailAddress the invited address
 * @param role the role key the invitee gets, e.g. {@code org:member}
 * @param roleName the role's display name, or null
 * @param organizationId the organization ({@code org_…}), or null when absent
 * @param status {@code pending}, {@code accepted}, {@code revoked} or {@code expired}; null when
 *     absent
 * @param publicMetadata public metadata (empty when none)
 * @param privateMetadata private metadata (empty when none)
 * @param url the invitation link, or null
 * @param expiresAt when it expires, or null
 * @param createdAt creation time, or null
 * @param updatedAt last update, or null
 * @since 0.1
 */
public record OrganizationInvitation(
    String id,
    String emailAddress,
    String role,
    @Nullable String roleName,
    @Nullable String organizationId,
    @Nullable String status,
    Map<String, Object> publicMetadata,
    Map<String, Object> privateMetadata,
    @Nullable String url,
    @Nullable Instant expiresAt,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt) {
  /**
   * Checks and copies.
   *
   * @param id id
   * @param emailAddress email address
   * @param role role
   * @param roleName role name
   * @param organizationId organization
   * @param status status
   * @param publicMetadata public metadata
   * @param privateMetadata private metadata
   * @param url url
   * @param expiresAt expiry
   * @param createdAt created
   * @param updatedAt updated
   */
  public OrganizationInvitation {
    Objects.requireNonNull(id, "id == null");
    Objects.requireNonNull(emailAddress, "emailAddress == null");
    Objects.requireNonNull(role, "role == null");
    publicMetadata = Models.copy(publicMetadata);
    privateMetadata = Models.copy(privateMetadata);
  }
}
