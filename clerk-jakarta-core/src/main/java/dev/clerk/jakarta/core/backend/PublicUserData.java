package dev.clerk.jakarta.core.backend;

import org.jspecify.annotations.Nullable;

/**
 * The public part of a member's profile, inside an {@link OrganizationMembership}.
 *
 * @param userId {@code user_…}
 * @param identifier the identifier shown (email, phone or username)
 * @param firstName first name, or null
 * @param lastName last name, or null
 * @param imageUrl image URL, or null
 * @param hasImage whether an image was uploaded
 * @since 0.1
 */
public record PublicUserData(
    String userId,
    @Nullable String identifier,
    @Nullable String firstName,
    @Nullable String lastName,
    @Nullable String imageUrl,
    boolean hasImage) {}
