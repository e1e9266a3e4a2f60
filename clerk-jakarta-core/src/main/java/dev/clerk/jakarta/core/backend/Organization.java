package dev.clerk.jakarta.core.backend;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Clerk organization.
 *
 * @param id {@code org_…}
 * @param name the name
 * @param slug the slug, or null when slugs are disabled
 * @param imageUrl logo URL, or null
 * @param hasImage whether a logo was uploaded
 * @param membersCount members, or null unless asked for ({@code include_members_count})
 * @param pendingInvitationsCount pending invitations, or null unless asked for
 * @param maxAllowedMemberships the membership cap (0 = unlimited)
 * @param adminDeleteEnabled whether admins may delete it
 * @param publicMetadata public metadata (empty when none)
 * @param privateMetadata private metadata (empty when none)
 * @param createdBy the creating user, or null
 * @param createdAt creation time, or null
 * @param updatedAt last update, or null
 * @since 0.1
 */
public record Organization(
    String id,
    String name,
    @Nullable String slug,
    @Nullable String imageUrl,
    boolean hasImage,
    @Nullable Long membersCount,
    @Nullable Long pendingInvitationsCount,
    long maxAllowedMemberships,
    boolean adminDeleteEnabled,
    Map<String, Object> publicMetadata,
    Map<String, Object> privateMetadata,
    @Nullable String createdBy,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt) {
  /**
   * Copies.
   *
   * @param id id
   * @param name name
   * @param slug slug
   * @param imageUrl image
   * @param hasImage has image
   * @param membersCount members
   * @param pendingInvitationsCount invitations
   * @param maxAllowedMemberships cap
   * @param adminDeleteEnabled admin delete
   * @param publicMetadata public metadata
   * @param privateMetadata private metadata
   * @param createdBy creator
   * @param createdAt created
   * @param updatedAt updated
   */
  public Organization {
    publicMetadata = Models.copy(publicMetadata);
    privateMetadata = Models.copy(privateMetadata);
  }
}
