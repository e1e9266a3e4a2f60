package dev.clerk.jakarta.core.backend;

import dev.clerk.jakarta.core.internal.json.JsonValues.MalformedJsonException;
import jakarta.json.JsonObject;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads Clerk's JSON objects into the records of this package with the very mapping the Backend API
 * client uses, for JSON that reached you another way: a webhook's {@code data} (see {@code
 * dev.clerk.jakarta.core.webhooks.WebhookEvent}, which uses this class), or the answer of a raw
 * {@link BackendApi#request} call.
 *
 * <p>Lenient where Clerk documents a field as optional (absent or {@code null} reads as null, false
 * or empty; unknown fields are ignored), strict where a value of the wrong kind shows the object is
 * not what Clerk sends. Thread-safe (stateless).
 *
 * @since 0.1
 */
public final class ClerkObjects {
  private ClerkObjects() {}

  /**
   * {@return a {@code user} object as a {@link User}}
   *
   * @param json the object
   * @throws IllegalArgumentException naming the field when the object is not a user
   */
  public static User user(JsonObject json) {
    return read(json, Mappers.USER);
  }

  /**
   * {@return a {@code session} object as a {@link Session}}
   *
   * @param json the object
   * @throws IllegalArgumentException naming the field when the object is not a session
   */
  public static Session session(JsonObject json) {
    return read(json, Mappers.SESSION);
  }

  /**
   * {@return an {@code organization} object as an {@link Organization}}
   *
   * @param json the object
   * @throws IllegalArgumentException naming the field when the object is not an organization
   */
  public static Organization organization(JsonObject json) {
    return read(json, Mappers.ORGANIZATION);
  }

  /**
   * {@return an {@code organization_membership} object as an {@link OrganizationMembership}}
   *
   * @param json the object
   * @throws IllegalArgumentException naming the field when the object is not a membership
   */
  public static OrganizationMembership organizationMembership(JsonObject json) {
    return read(json, Mappers.ORGANIZATION_MEMBERSHIP);
  }

  /**
   * {@return an {@code organization_invitation} object as an {@link OrganizationInvitation}}
   *
   * @param json the object
   * @throws IllegalArgumentException naming the field when the object is not an invitation
   */
  public static OrganizationInvitation organizationInvitation(JsonObject json) {
    return read(json, Mappers.ORGANIZATION_INVITATION);
  }

  /**
   * {@return an {@code email} object as an {@link Email}}
   *
   * @param json the object
   * @throws IllegalArgumentException naming the field when the object is not an email
   */
  public static Email email(JsonObject json) {
    return read(json, Mappers.EMAIL);
  }

  /**
   * {@return an {@code sms_message} object as an {@link SmsMessage}}
   *
   * @param json the object
   * @throws IllegalArgumentException naming the field when the object is not a text message
   */
  public static SmsMessage smsMessage(JsonObject json) {
    return read(json, Mappers.SMS_MESSAGE);
  }

  /**
   * {@return a deleted-object answer ({@code {"object":"user","id":…,"deleted":true}}) as a {@link
   * DeletedObject}}
   *
   * @param json the object
   * @throws IllegalArgumentException naming the field when a field has the wrong kind
   */
  public static DeletedObject deletedObject(JsonObject json) {
    return read(json, Mappers.DELETED_OBJECT);
  }

  private static <T> T read(JsonObject json, Function<JsonObject, T> mapper) {
    Objects.requireNonNull(json, "json == null");
    try {
      return mapper.apply(json);
    } catch (MalformedJsonException e) {
      // The message names the field, never its value.
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }
}
