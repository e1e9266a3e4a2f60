package dev.clerk.jakarta.core.backend;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An email Clerk sent, or was asked to let you send (Clerk's {@code email} object, as the {@code
 * email.created} webhook carries it). When {@code deliveredByClerk} is false, your application
 * delivers it. Immutable and thread-safe.
 *
 * @param id {@code ema_…}
 * @param slug the template, e.g. {@code verification_code}, or null
 * @param fromEmailName the sender's local part, or null
 * @param toEmailAddress the recipient, or null
 * @param emailAddressId the recipient's email address id ({@code idn_…}), or null
 * @param userId the recipient user, or null
 * @param subject the subject, or null
 * @param body the HTML body, or null
 * @param bodyPlain the plain-text body, or null
 * @param status e.g. {@code queued}, or null
 * @param data the template's variables (empty when none)
 * @param deliveredByClerk whether Clerk delivers it
 * @since 0.1
 */
public record Email(
    String id,
    @Nullable String slug,
    @Nullable String fromEmailName,
    @Nullable String toEmailAddress,
    @Nullable String emailAddressId,
    @Nullable String userId,
    @Nullable String subject,
    @Nullable String body,
    @Nullable String bodyPlain,
    @Nullable String status,
    Map<String, Object> data,
    boolean deliveredByClerk) {
  /**
   * Checks and copies.
   *
   * @param id id
   * @param slug slug
   * @param fromEmailName sender
   * @param toEmailAddress recipient
   * @param emailAddressId recipient address id
   * @param userId user
   * @param subject subject
   * @param body HTML body
   * @param bodyPlain plain body
   * @param status status
   * @param data template data
   * @param deliveredByClerk delivered by Clerk
   */
  public Email {
    Objects.requireNonNull(id, "id == null");
    data = Models.copy(data);
  }
}
