package dev.clerk.jakarta.core.backend;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An invitation to sign up.
 *
 * @param id {@code inv_…}
 * @param emailAddress who is invited
 * @param publicMetadata metadata copied to the user on sign-up (empty when none)
 * @param revoked whether it was revoked
 * @param status {@code pending}, {@code accepted}, {@code revoked} or {@code expired}
 * @param url the invitation link, or null
 * @param expiresAt when it expires, or null
 * @param createdAt creation time, or null
 * @param updatedAt last update, or null
 * @since 0.1
 */
public record Invitation(
    String id,
    String emailAddress,
    Map<String, Object> publicMetadata,
    boolean revoked,
    String status,
    @Nullable String url,
    @Nullable Instant expiresAt,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt) {
  /**
   * Copies.
   *
   * @param id id
   * @param emailAddress email
   * @param publicMetadata metadata
   * @param revoked revoked
   * @param status status
   * @param url url
   * @param expiresAt expiry
   * @param createdAt created
   * @param updatedAt updated
   */
  public Invitation {
    publicMetadata = Models.copy(publicMetadata);
  }
}
