package dev.clerk.jakarta.core.backend;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Clerk session.
 *
 * @param id {@code sess_…}
 * @param clientId the client ({@code client_…}) it belongs to
 * @param userId the signed-in user
 * @param status {@code "active"}, {@code "revoked"}, {@code "ended"}, {@code "expired"}, {@code
 *     "removed"}, {@code "abandoned"}, {@code "pending"}
 * @param lastActiveOrganizationId the active organization, or null
 * @param actor the impersonating actor's claims, or null
 * @param lastActiveAt last activity, or null
 * @param expireAt when it expires, or null
 * @param abandonAt when it is abandoned, or null
 * @param createdAt creation time, or null
 * @param updatedAt last update, or null
 * @since 0.1
 */
public record Session(
    String id,
    @Nullable String clientId,
    @Nullable String userId,
    @Nullable String status,
    @Nullable String lastActiveOrganizationId,
    @Nullable Map<String, Object> actor,
    @Nullable Instant lastActiveAt,
    @Nullable Instant expireAt,
    @Nullable Instant abandonAt,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt) {}
