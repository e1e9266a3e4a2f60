package dev.clerk.jakarta.core.backend;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A Clerk user (the Backend API's {@code user} object; fields this client does not model are
 * ignored, and reachable through {@link BackendApi#request}).
 *
 * @param id {@code user_…}
 * @param externalId your own id for the user, or null
 * @param username the username, or null
 * @param firstName first name, or null
 * @param lastName last name, or null
 * @param imageUrl profile image URL, or null
 * @param hasImage whether an image was uploaded
 * @param primaryEmailAddressId id of the primary email address, or null
 * @param primaryPhoneNumberId id of the primary phone number, or null
 * @param emailAddresses the email addresses
 * @param phoneNumbers the phone numbers
 * @param passwordEnabled whether the user has a password
 * @param twoFactorEnabled whether a second factor is enabled
 * @param publicMetadata metadata readable from the frontend (empty when none)
 * @param privateMetadata metadata readable only from the backend (empty when none)
 * @param unsafeMetadata metadata writable from the frontend (empty when none)
 * @param banned whether the user is banned
 * @param locked whether the user is locked out
 * @param lastSignInAt last sign-in, or null
 * @param lastActiveAt last activity, or null
 * @param createdAt creation time, or null when absent
 * @param updatedAt last update, or null when absent
 * @since 0.1
 */
public record User(
    String id,
    @Nullable String externalId,
    @Nullable String username,
    @Nullable String firstName,
    @Nullable String lastName,
    @Nullable String imageUrl,
    boolean hasImage,
    @Nullable String primaryEmailAddressId,
    @Nullable String primaryPhoneNumberId,
    List<EmailAddress> emailAddresses,
    List<PhoneNumber> phoneNumbers,
    boolean passwordEnabled,
    boolean twoFactorEnabled,
    Map<String, Object> publicMetadata,
    Map<String, Object> privateMetadata,
    Map<String, Object> unsafeMetadata,
    boolean banned,
    boolean locked,
    @Nullable Instant lastSignInAt,
    @Nullable Instant lastActiveAt,
    @Nullable Instant createdAt,
    @Nullable Instant updatedAt) {

  /**
   * Checks and copies.
   *
   * @param id id
   * @param externalId external id
   * @param username username
   * @param firstName first name
   * @param lastName last name
   * @param imageUrl image
   * @param hasImage has image
   * @param primaryEmailAddressId primary email id
   * @param primaryPhoneNumberId primary phone id
   * @param emailAddresses emails
   * @param phoneNumbers phones
   * @param passwordEnabled password
   * @param twoFactorEnabled 2FA
   * @param publicMetadata public metadata
   * @param privateMetadata private metadata
   * @param unsafeMetadata unsafe metadata
   * @param banned banned
   * @param locked locked
   * @param lastSignInAt last sign-in
   * @param lastActiveAt last active
   * @param createdAt created
   * @param updatedAt updated
   */
  public User {
    Objects.requireNonNull(id, "id == null");
    emailAddresses = List.copyOf(emailAddresses);
    phoneNumbers = List.copyOf(phoneNumbers);
    publicMetadata = Models.copy(publicMetadata);
    privateMetadata = Models.copy(privateMetadata);
    unsafeMetadata = Models.copy(unsafeMetadata);
  }

  /** {@return the primary email address, or null when the user has none} */
  public @Nullable String primaryEmailAddress() {
    for (EmailAddress e : emailAddresses) {
      if (e.id().equals(primaryEmailAddressId)) {
        return e.emailAddress();
      }
    }
    return null;
  }
}
