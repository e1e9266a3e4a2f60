package dev.clerk.jakarta.core.backend;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Clerk client: one browser or device, with its sessions.
 *
 * @param id {@code client_…}
 * @param sessionIds ids of its sessions
 * @param sessions its sessions
 * @param signInId the sign-in in progress, or null
 * @param signUpId the sign-up in progress, or null
 * @param lastActiveSessionId the last active session, or null
 * @param createdAt creation time, or null
 * @param updatedAt last update, or null
 * @since 0.1
 */
public record Client(
    String id,
    List<String> sessionIds,
    List<Session> sessions,
    @Nullable String signInId,
    @Nullable String signUpId,
    @Nullable String lastActiveSessionId,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt) {
  /**
   * Copies.
   *
   * @param id id
   * @param sessionIds session ids
   * @param sessions sessions
   * @param signInId sign-in
   * @param signUpId sign-up
   * @param lastActiveSessionId last active session
   * @param createdAt created
   * @param updatedAt updated
   */
  public Client {
    sessionIds = List.copyOf(sessionIds);
    sessions = List.copyOf(sessions);
  }
}
