package dev.clerk.jakarta.core.webhooks;

import dev.clerk.jakarta.core.backend.DeletedObject;
import dev.clerk.jakarta.core.backend.Email;
import dev.clerk.jakarta.core.backend.Organization;
import dev.clerk.jakarta.core.backend.OrganizationInvitation;
import dev.clerk.jakarta.core.backend.OrganizationMembership;
import dev.clerk.jakarta.core.backend.Session;
import dev.clerk.jakarta.core.backend.SmsMessage;
import dev.clerk.jakarta.core.backend.User;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A verified Clerk webhook event: Clerk's envelope ({@code type}, {@code object}, {@code
 * instance_id}, {@code timestamp}, {@code event_attributes}), its {@code data} as JSON-P, and, for
 * the event types Clerk documents, {@code data} as a typed record of {@code
 * dev.clerk.jakarta.core.backend}:
 *
 * <table class="striped">
 *   <caption>Typed data by event type</caption>
 *   <thead><tr><th>type</th><th>accessor</th></tr></thead>
 *   <tbody>
 *   <tr><td>{@code user.created}, {@code user.updated}</td><td>{@link #user()}</td></tr>
 *   <tr><td>{@code user.deleted}, {@code organization.deleted}, {@code organizationDomain.deleted}</td><td>{@link #deletedObject()}</td></tr>
 *   <tr><td>{@code session.*} ({@code created}, {@code ended}, {@code pending}, {@code removed}, {@code revoked})</td><td>{@link #session()}</td></tr>
 *   <tr><td>{@code organization.created}, {@code organization.updated}</td><td>{@link #organization()}</td></tr>
 *   <tr><td>{@code organizationMembership.*}</td><td>{@link #organizationMembership()}</td></tr>
 *   <tr><td>{@code organizationInvitation.*}</td><td>{@link #organizationInvitation()}</td></tr>
 *   <tr><td>{@code email.created}</td><td>{@link #email()}</td></tr>
 *   <tr><td>{@code sms.created}</td><td>{@link #sms()}</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>Any other type (roles, permissions, waitlist, billing, types Clerk adds later) verifies the
 * same way and is read through {@link #data()}; its typed accessors are empty.
 *
 * <pre>
 * WebhookEvent event = webhooks.verify(headers, body);
 * switch (event.type()) {
 *   case "user.created", "user.updated" -&gt; users.save(event.user().orElseThrow());
 *   case "user.deleted" -&gt; users.delete(event.deletedObject().orElseThrow().id());
 *   default -&gt; { }
 * }
 * </pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class WebhookEvent {
  private final String id;
  private final Instant sentAt;
  private final JsonObject json;
  private final String type;
  private final @Nullable String object;
  private final @Nullable String instanceId;
  private final @Nullable Instant timestamp;
  private final WebhookEventAttributes eventAttributes;
  private final JsonObject data;
  private final @Nullable Object typed;

  WebhookEvent(
      String id,
      Instant sentAt,
      JsonObject json,
      String type,
      @Nullable String object,
      @Nullable String instanceId,
      @Nullable Instant timestamp,
      WebhookEventAttributes eventAttributes,
      JsonObject data,
      @Nullable Object typed) {
    this.id = id;
    this.sentAt = sentAt;
    this.json = json;
    this.type = type;
    this.object = object;
    this.instanceId = instanceId;
    this.timestamp = timestamp;
    this.eventAttributes = eventAttributes;
    this.data = data;
    this.typed = typed;
  }

  /**
   * {@return the message id ({@code svix-id}): the same for every retry of one event, so use it as
   * an idempotency key}
   */
  public String id() {
    return id;
  }

  /** {@return when this delivery attempt was signed ({@code svix-timestamp})} */
  public Instant sentAt() {
    return sentAt;
  }

  /** {@return the event type, e.g. {@code user.created}} */
  public String type() {
    return type;
  }

  /** {@return Clerk's {@code object} field ({@code event}), or null when absent} */
  public @Nullable String object() {
    return object;
  }

  /** {@return the Clerk instance ({@code instance_id}, {@code ins_…}), or null when absent} */
  public @Nullable String instanceId() {
    return instanceId;
  }

  /**
   * {@return when the event happened ({@code timestamp}, epoch milliseconds), or null when absent}
   */
  public @Nullable Instant timestamp() {
    return timestamp;
  }

  /** {@return the {@code event_attributes}; their fields are null when Clerk sent none} */
  public WebhookEventAttributes eventAttributes() {
    return eventAttributes;
  }

  /** {@return the event's {@code data} object, for any event type} */
  public JsonObject data() {
    return data;
  }

  /** {@return the whole verified body as a JSON object} */
  public JsonObject json() {
    return json;
  }

  /** {@return the user of {@code user.created} and {@code user.updated}; empty for other types} */
  public Optional<User> user() {
    return typed(User.class);
  }

  /**
   * {@return what was deleted in {@code user.deleted}, {@code organization.deleted} and {@code
   * organizationDomain.deleted}; empty for other types}
   */
  public Optional<DeletedObject> deletedObject() {
    return typed(DeletedObject.class);
  }

  /** {@return the session of {@code session.*} events; empty for other types} */
  public Optional<Session> session() {
    return typed(Session.class);
  }

  /**
   * {@return the organization of {@code organization.created} and {@code .updated}; empty
   * otherwise}
   */
  public Optional<Organization> organization() {
    return typed(Organization.class);
  }

  /** {@return the membership of {@code organizationMembership.*} events; empty for other types} */
  public Optional<OrganizationMembership> organizationMembership() {
    return typed(OrganizationMembership.class);
  }

  /** {@return the invitation of {@code organizationInvitation.*} events; empty for other types} */
  public Optional<OrganizationInvitation> organizationInvitation() {
    return typed(OrganizationInvitation.class);
  }

  /** {@return the email of {@code email.created}; empty for other types} */
  public Optional<Email> email() {
    return typed(Email.class);
  }

  /** {@return the text message of {@code sms.created}; empty for other types} */
  public Optional<SmsMessage> sms() {
    return typed(SmsMessage.class);
  }

  private <T> Optional<T> typed(Class<T> type) {
    return type.isInstance(typed) ? Optional.of(type.cast(typed)) : Optional.empty();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof WebhookEvent e
        && e.id.equals(id)
        && e.sentAt.equals(sentAt)
        && e.json.equals(json);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, sentAt, json);
  }

  /** Id and type only: the data may hold personal details. */
  @Override
  public String toString() {
    return "WebhookEvent{id=" + id + ", type=" + type + "}";
  }
}
