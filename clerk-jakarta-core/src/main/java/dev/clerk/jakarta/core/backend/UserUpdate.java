package dev.clerk.jakarta.core.backend;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@link Users#update}: {@code PATCH /v1/users/{id}}; only the fields set are changed
 * (metadata given here replaces the stored metadata).
 *
 * <pre>
 * UserUpdate.empty().withFirstName("Ada").withExternalId("42")
 * </pre>
 *
 * <p>Immutable and thread-safe: each {@code with…} returns a copy. {@link #toString()} shows field
 * names only.
 *
 * @since 0.1
 */
public final class UserUpdate {
  private static final UserUpdate EMPTY = new UserUpdate(JsonFields.EMPTY);

  private final JsonFields fields;

  private UserUpdate(JsonFields fields) {
    this.fields = fields;
  }

  /** {@return no field set} */
  public static UserUpdate empty() {
    return EMPTY;
  }

  /**
   * {@return a copy with {@code external_id} set}
   *
   * @param externalId your own id for the user
   */
  public UserUpdate withExternalId(String externalId) {
    return new UserUpdate(
        fields.with("external_id", Objects.requireNonNull(externalId, "externalId == null")));
  }

  /**
   * {@return a copy with {@code first_name} set}
   *
   * @param firstName first name
   */
  public UserUpdate withFirstName(String firstName) {
    return new UserUpdate(
        fields.with("first_name", Objects.requireNonNull(firstName, "firstName == null")));
  }

  /**
   * {@return a copy with {@code last_name} set}
   *
   * @param lastName last name
   */
  public UserUpdate withLastName(String lastName) {
    return new UserUpdate(
        fields.with("last_name", Objects.requireNonNull(lastName, "lastName == null")));
  }

  /**
   * {@return a copy with {@code username} set}
   *
   * @param username the username
   */
  public UserUpdate withUsername(String username) {
    return new UserUpdate(
        fields.with("username", Objects.requireNonNull(username, "username == null")));
  }

  /**
   * {@return a copy with {@code password} set}
   *
   * @param password a new password (never logged or printed)
   */
  public UserUpdate withPassword(String password) {
    return new UserUpdate(
        fields.with("password", Objects.requireNonNull(password, "password == null")));
  }

  /**
   * {@return a copy with {@code sign_out_of_other_sessions} set}
   *
   * @param signOutOfOtherSessions with a new password, end the other sessions
   */
  public UserUpdate withSignOutOfOtherSessions(boolean signOutOfOtherSessions) {
    return new UserUpdate(fields.with("sign_out_of_other_sessions", signOutOfOtherSessions));
  }

  /**
   * {@return a copy with {@code primary_email_address_id} set}
   *
   * @param primaryEmailAddressId id of a verified email address to make primary
   */
  public UserUpdate withPrimaryEmailAddressId(String primaryEmailAddressId) {
    return new UserUpdate(
        fields.with(
            "primary_email_address_id",
            Objects.requireNonNull(primaryEmailAddressId, "primaryEmailAddressId == null")));
  }

  /**
   * {@return a copy with {@code primary_phone_number_id} set}
   *
   * @param primaryPhoneNumberId id of a verified phone number to make primary
   */
  public UserUpdate withPrimaryPhoneNumberId(String primaryPhoneNumberId) {
    return new UserUpdate(
        fields.with(
            "primary_phone_number_id",
            Objects.requireNonNull(primaryPhoneNumberId, "primaryPhoneNumberId == null")));
  }

  /**
   * {@return a copy with {@code public_metadata} set}
   *
   * @param publicMetadata public metadata (replaces)
   */
  public UserUpdate withPublicMetadata(Map<String, ?> publicMetadata) {
    return new UserUpdate(fields.with("public_metadata", JsonFields.copyMap(publicMetadata)));
  }

  /**
   * {@return a copy with {@code private_metadata} set}
   *
   * @param privateMetadata private metadata (replaces)
   */
  public UserUpdate withPrivateMetadata(Map<String, ?> privateMetadata) {
    return new UserUpdate(fields.with("private_metadata", JsonFields.copyMap(privateMetadata)));
  }

  /**
   * {@return a copy with {@code unsafe_metadata} set}
   *
   * @param unsafeMetadata unsafe metadata (replaces)
   */
  public UserUpdate withUnsafeMetadata(Map<String, ?> unsafeMetadata) {
    return new UserUpdate(fields.with("unsafe_metadata", JsonFields.copyMap(unsafeMetadata)));
  }

  /**
   * {@return a copy with any other body field set, for fields this class does not name}
   *
   * @param name Clerk's snake_case field name
   * @param value a JSON-B serialisable value; null sends JSON {@code null}
   */
  public UserUpdate with(String name, @Nullable Object value) {
    return new UserUpdate(fields.with(name, value));
  }

  /** {@return the fields as sent, in order} */
  public Map<String, @Nullable Object> fields() {
    return fields.map();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserUpdate other && other.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return "UserUpdate" + fields;
  }
}
