package dev.clerk.jakarta.core.backend;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A text message Clerk sent, or was asked to let you send (Clerk's {@code sms_message} object, as
 * the {@code sms.created} webhook carries it). When {@code deliveredByClerk} is false, your
 * application delivers it. Immutable and thread-safe.
 *
 * @param id {@code sms_…}
 * @param fromPhoneNumber the sender, or null
 * @param toPhoneNumber the recipient, or null
 * @param phoneNumberId the recipient's phone number id ({@code idn_…}), or null
 * @param userId the recipient user, or null
 * @param message the text, or null
 * @param status e.g. {@code queued}, or null
 * @param slug the template, e.g. {@code verification_code}, or null
 * @param data the template's variables (empty when none)
 * @param deliveredByClerk whether Clerk delivers it
 * @since 0.1
 */
public record SmsMessage(
    String id,
    @Nullable String fromPhoneNumber,
    @Nullable String toPhoneNumber,
    @Nullable String phoneNumberId,
    @Nullable String userId,
    @Nullable String message,
    @Nullable String status,
    @Nullable String slug,
    Map<String, Object> data,
    boolean deliveredByClerk) {
  /**
   * Checks and copies.
   *
   * @param id id
   * @param fromPhoneNumber sender
   * @param toPhoneNumber recipient
   * @param phoneNumberId recipient number id
   * @param userId user
   * @param message text
   * @param status status
   * @param slug slug
   * @param data template data
   * @param deliveredByClerk delivered by Clerk
   */
  public SmsMessage {
    Objects.requireNonNull(id, "id == null");
    data = Models.copy(data);
  }
}
