package dev.clerk.jakarta.core.backend;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An identifier allowed to sign up when the instance is restricted to an allowlist.
 *
 * @param id {@code alid_…}
 * @param identifier an email address, phone number, web3 wallet, or {@code *@domain}
 * @param identifierType {@code email_address}, {@code phone_number}, {@code web3_wallet}
 * @param instanceId the instance, or null
 * @param invitationId the invitation sent with it, or null
 * @param createdAt creation time, or null
 * @param updatedAt last update, or null
 * @since 0.1
 */
public record AllowlistIdentifier(
    String id,
    String identifier,
    @Nullable String identifierType,
    @Nullable String instanceId,
    @Nullable String invitationId,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt) {}
