package dev.clerk.jakarta.core.backend;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@link Users#create}: {@code POST /v1/users}. Clerk requires what your instance's
 * sign-up settings require (an email address, a password…).
 *
 * <pre>
 * UserCreate.empty().withEmailAddresses("ada&#64;example.com").withPassword(password).withFirstName("Ada")
 * </pre>
 *
 * <p>Immutable and thread-safe: each {@code with…} returns a copy. {@link #toString()} shows field
 * names only.
 *
 * @since 0.1
 */
public final class UserCreate {
  private static final UserCreate EMPTY = new UserCreate(JsonFields.EMPTY);

  private final JsonFields fields;

  private UserCreate(JsonFields fields) {
    this.fields = fields;
  }

  /** {@return no field set} */
  public static UserCreate empty() {
    return EMPTY;
  }

  /**
   * {@return a copy with {@code external_id} set}
   *
   * @param externalId your own id for the user
   */
  public UserCreate withExternalId(String externalId) {
    return new UserCreate(
        fields.with("external_id", Objects.requireNonNull(externalId, "externalId == null")));
  }

  /**
   * {@return a copy with {@code first_name} set}
   *
   * @param firstName first name
   */
  public UserCreate withFirstName(String firstName) {
    return new UserCreate(
        fields.with("first_name", Objects.requireNonNull(firstName, "firstName == null")));
  }

  /**
   * {@return a copy with {@code last_name} set}
   *
   * @param lastName last name
   */
  public UserCreate withLastName(String lastName) {
    return new UserCreate(
        fields.with("last_name", Objects.requireNonNull(lastName, "lastName == null")));
  }

  /**
   * {@return a copy with {@code email_address} set}
   *
   * @param emailAddresses email addresses; the first becomes primary
   */
  public UserCreate withEmailAddresses(String... emailAddresses) {
    return new UserCreate(fields.with("email_address", List.of(emailAddresses)));
  }

  /**
   * {@return a copy with {@code phone_number} set}
   *
   * @param phoneNumbers phone numbers in E.164 form; the first becomes primary
   */
  public UserCreate withPhoneNumbers(String... phoneNumbers) {
    return new UserCreate(fields.with("phone_number", List.of(phoneNumbers)));
  }

  /**
   * {@return a copy with {@code username} set}
   *
   * @param username the username
   */
  public UserCreate withUsername(String username) {
    return new UserCreate(
        fields.with("username", Objects.requireNonNull(username, "username == null")));
  }

  /**
   * {@return a copy with {@code password} set}
   *
   * @param password the password (never logged or printed)
   */
  public UserCreate withPassword(String password) {
    return new UserCreate(
        fields.with("password", Objects.requireNonNull(password, "password == null")));
  }

  /**
   * {@return a copy with {@code skip_password_checks} set}
   *
   * @param skipPasswordChecks skip password strength and breach checks
   */
  public UserCreate withSkipPasswordChecks(boolean skipPasswordChecks) {
    return new UserCreate(fields.with("skip_password_checks", skipPasswordChecks));
  }

  /**
   * {@return a copy with {@code skip_password_requirement} set}
   *
   * @param skipPasswordRequirement create the user without a password even if the instance requires
   *     one
   */
  public UserCreate withSkipPasswordRequirement(boolean skipPasswordRequirement) {
    return new UserCreate(fields.with("skip_password_requirement", skipPasswordRequirement));
  }

  /**
   * {@return a copy with {@code public_metadata} set}
   *
   * @param publicMetadata public metadata
   */
  public UserCreate withPublicMetadata(Map<String, ?> publicMetadata) {
    return new UserCreate(fields.with("public_metadata", JsonFields.copyMap(publicMetadata)));
  }

  /**
   * {@return a copy with {@code private_metadata} set}
   *
   * @param privateMetadata private metadata
   */
  public UserCreate withPrivateMetadata(Map<String, ?> privateMetadata) {
    return new UserCreate(fields.with("private_metadata", JsonFields.copyMap(privateMetadata)));
  }

  /**
   * {@return a copy with {@code unsafe_metadata} set}
   *
   * @param unsafeMetadata unsafe metadata
   */
  public UserCreate withUnsafeMetadata(Map<String, ?> unsafeMetadata) {
    return new UserCreate(fields.with("unsafe_metadata", JsonFields.copyMap(unsafeMetadata)));
  }

  /**
   * {@return a copy with any other body field set, for fields this class does not name}
   *
   * @param name Clerk's snake_case field name
   * @param value a JSON-B serialisable value; null sends JSON {@code null}
   */
  public UserCreate with(String name, @Nullable Object value) {
    return new UserCreate(fields.with(name, value));
  }

  /** {@return the fields as sent, in order} */
  public Map<String, @Nullable Object> fields() {
    return fields.map();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UserCreate other && other.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return "UserCreate" + fields;
  }
}
