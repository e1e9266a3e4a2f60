package dev.clerk.jakarta.core.backend;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@link Invitations#create}: {@code POST /v1/invitations}.
 *
 * <pre>
 * InvitationCreate.to("ada&#64;example.com").withRedirectUrl("https://app.example.com/welcome").withNotify(true)
 * </pre>
 *
 * <p>Immutable and thread-safe: each {@code with…} returns a copy. {@link #toString()} shows field
 * names only.
 *
 * @since 0.1
 */
public final class InvitationCreate {
  private final JsonFields fields;

  private InvitationCreate(JsonFields fields) {
    this.fields = fields;
  }

  /**
   * {@return a body with the required {@code email_address}}
   *
   * @param emailAddress who to invite
   */
  public static InvitationCreate to(String emailAddress) {
    return new InvitationCreate(
        JsonFields.EMPTY.with(
            "email_address", Objects.requireNonNull(emailAddress, "emailAddress == null")));
  }

  /**
   * {@return a copy with {@code redirect_url} set}
   *
   * @param redirectUrl where the invitation link leads after sign-up
   */
  public InvitationCreate withRedirectUrl(String redirectUrl) {
    return new InvitationCreate(
        fields.with("redirect_url", Objects.requireNonNull(redirectUrl, "redirectUrl == null")));
  }

  /**
   * {@return a copy with {@code public_metadata} set}
   *
   * @param publicMetadata metadata copied to the user on sign-up
   */
  public InvitationCreate withPublicMetadata(Map<String, ?> publicMetadata) {
    return new InvitationCreate(fields.with("public_metadata", JsonFields.copyMap(publicMetadata)));
  }

  /**
   * {@return a copy with {@code notify} set}
   *
   * @param notify whether Clerk emails the invitation (Clerk's default: true)
   */
  public InvitationCreate withNotify(boolean notify) {
    return new InvitationCreate(fields.with("notify", notify));
  }

  /**
   * {@return a copy with {@code ignore_existing} set}
   *
   * @param ignoreExisting succeed even if a pending invitation exists
   */
  public InvitationCreate withIgnoreExisting(boolean ignoreExisting) {
    return new InvitationCreate(fields.with("ignore_existing", ignoreExisting));
  }

  /**
   * {@return a copy with {@code expires_in_days} set}
   *
   * @param expiresInDays days until it expires
   */
  public InvitationCreate withExpiresInDays(int expiresInDays) {
    return new InvitationCreate(fields.with("expires_in_days", expiresInDays));
  }

  /**
   * {@return a copy with any other body field set, for fields this class does not name}
   *
   * @param name Clerk's snake_case field name
   * @param value a JSON-B serialisable value; null sends JSON {@code null}
   */
  public InvitationCreate with(String name, @Nullable Object value) {
    return new InvitationCreate(fields.with(name, value));
  }

  /** {@return the fields as sent, in order} */
  public Map<String, @Nullable Object> fields() {
    return fields.map();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof InvitationCreate other && other.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return "InvitationCreate" + fields;
  }
}
