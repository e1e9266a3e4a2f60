package dev.clerk.jakarta.core.backend;

import org.jspecify.annotations.Nullable;

/**
 * A phone number of a {@link User}.
 *
 * @param id {@code idn_…}
 * @param phoneNumber the number in E.164 form
 * @param verificationStatus {@code verified}, {@code unverified}…, or null
 * @since 0.1
 */
public record PhoneNumber(String id, String phoneNumber, @Nullable String verificationStatus) {}
