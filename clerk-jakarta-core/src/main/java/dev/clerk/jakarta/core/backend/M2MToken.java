package dev.clerk.jakarta.core.backend;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A machine-to-machine token as the Backend API describes it (never the token itself).
 *
 * @param id the token's id
 * @param subject the machine it was issued to ({@code mch_…})
 * @param scopes the machines it may call
 * @param claims custom claims, or null when none
 * @param revoked whether it was revoked
 * @param revocationReason why, or null
 * @param expired whether it has expired
 * @param expiration when it expires, or null for never
 * @param createdAt creation time
 * @param updatedAt last update
 * @since 0.1
 */
public record M2MToken(
    String id,
    String subject,
    List<String> scopes,
    @Nullable Map<String, Object> claims,
    boolean revoked,
    @Nullable String revocationReason,
    boolean expired,
    @Nullable Instant expiration,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt) {
  /**
   * Copies.
   *
   * @param id id
   * @param subject subject
   * @param scopes scopes
   * @param claims claims
   * @param revoked revoked
   * @param revocationReason reason
   * @param expired expired
   * @param expiration expiration
   * @param createdAt created
   * @param updatedAt updated
   */
  public M2MToken {
    scopes = List.copyOf(scopes);
  }
}
