package dev.clerk.jakarta.core.backend;

import org.jspecify.annotations.Nullable;

/**
 * An email address of a {@link User}.
 *
 * @param id {@code idn_…}
 * @param emailAddress the address
 * @param verificationStatus {@code verified}, {@code unverified}…, or null when not verified at all
 * @since 0.1
 */
public record EmailAddress(String id, String emailAddress, @Nullable String verificationStatus) {}
