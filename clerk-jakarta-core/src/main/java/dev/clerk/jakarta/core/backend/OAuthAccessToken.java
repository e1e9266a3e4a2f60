package dev.clerk.jakarta.core.backend;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An OAuth access token issued by Clerk as an identity provider ({@code
 * clerk_idp_oauth_access_token}), as the Backend API describes it (never the token itself).
 *
 * @param id the token's id
 * @param clientId the OAuth application's client id
 * @param type the token type, e.g. {@code oauth_token}
 * @param subject the user it acts for ({@code user_…})
 * @param scopes granted scopes
 * @param revoked whether it was revoked
 * @param revocationReason why, or null
 * @param expired whether it has expired
 * @param expiration when it expires, or null
 * @param createdAt creation time
 * @param updatedAt last update
 * @since 0.1
 */
public record OAuthAccessToken(
    String id,
    @Nullable String clientId,
    @Nullable String type,
    String subject,
    List<String> scopes,
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
   * @param clientId client id
   * @param type type
   * @param subject subject
   * @param scopes scopes
   * @param revoked revoked
   * @param revocationReason reason
   * @param expired expired
   * @param expiration expiration
   * @param createdAt created
   * @param updatedAt updated
   */
  public OAuthAccessToken {
    scopes = List.copyOf(scopes);
  }
}
