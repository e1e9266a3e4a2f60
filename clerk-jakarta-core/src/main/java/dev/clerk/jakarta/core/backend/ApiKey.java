package dev.clerk.jakarta.core.backend;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An API key as the Backend API describes it (never its secret).
 *
 * @param id the key's id ({@code ak_…})
 * @param type always {@code api_key} today
 * @param name the name given at creation
 * @param subject the user ({@code user_…}) or organization ({@code org_…}) it acts for
 * @param scopes granted scopes
 * @param claims custom claims, or null when none
 * @param revoked whether it was revoked
 * @param revocationReason why, or null
 * @param expired whether it has expired
 * @param expiration when it expires, or null for never
 * @param createdBy the user who created it, or null
 * @param description its description, or null
 * @param lastUsedAt when it last authenticated a request, or null
 * @param createdAt creation time
 * @param updatedAt last update
 * @since 0.1
 */
public record ApiKey(
    String id,
    String type,
    @Nullable String name,
    String subject,
    List<String> scopes,
    @Nullable Map<String, Object> claims,
    boolean revoked,
    @Nullable String revocationReason,
    boolean expired,
    @Nullable Instant expiration,
    @Nullable String createdBy,
    @Nullable String description,
    @Nullable Instant lastUsedAt,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt) {
  /**
   * Copies.
   *
   * @param id id
   * @param type type
   * @param name name
   * @param subject subject
   * @param scopes scopes
   * @param claims claims
   * @param revoked revoked
   * @param revocationReason reason
   * @param expired expired
   * @param expiration expiration
   * @param createdBy creator
   * @param description description
   * @param lastUsedAt last use
   * @param createdAt created
   * @param updatedAt updated
   */
  public ApiKey {
    scopes = List.copyOf(scopes);
  }
}
