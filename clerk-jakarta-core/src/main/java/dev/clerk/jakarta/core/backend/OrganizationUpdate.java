package dev.clerk.jakarta.core.backend;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@link Organizations#update}: {@code PATCH /v1/organizations/{id}}; only the fields
 * set are changed (metadata given here replaces the stored metadata).
 *
 * <pre>
 * OrganizationUpdate.empty().withName("Acme Inc.")
 * </pre>
 *
 * <p>Immutable and thread-safe: each {@code with…} returns a copy. {@link #toString()} shows field
 * names only.
 *
 * @since 0.1
 */
public final class OrganizationUpdate {
  private static final OrganizationUpdate EMPTY = new OrganizationUpdate(JsonFields.EMPTY);

  private final JsonFields fields;

  private OrganizationUpdate(JsonFields fields) {
    this.fields = fields;
  }

  /** {@return no field set} */
  public static OrganizationUpdate empty() {
    return EMPTY;
  }

  /**
   * {@return a copy with {@code name} set}
   *
   * @param name the name
   */
  public OrganizationUpdate withName(String name) {
    return new OrganizationUpdate(
        fields.with("name", Objects.requireNonNull(name, "name == null")));
  }

  /**
   * {@return a copy with {@code slug} set}
   *
   * @param slug the slug
   */
  public OrganizationUpdate withSlug(String slug) {
    return new OrganizationUpdate(
        fields.with("slug", Objects.requireNonNull(slug, "slug == null")));
  }

  /**
   * {@return a copy with {@code max_allowed_memberships} set}
   *
   * @param maxAllowedMemberships the membership cap (0 = unlimited)
   */
  public OrganizationUpdate withMaxAllowedMemberships(int maxAllowedMemberships) {
    return new OrganizationUpdate(fields.with("max_allowed_memberships", maxAllowedMemberships));
  }

  /**
   * {@return a copy with {@code admin_delete_enabled} set}
   *
   * @param adminDeleteEnabled whether admins may delete it
   */
  public OrganizationUpdate withAdminDeleteEnabled(boolean adminDeleteEnabled) {
    return new OrganizationUpdate(fields.with("admin_delete_enabled", adminDeleteEnabled));
  }

  /**
   * {@return a copy with {@code public_metadata} set}
   *
   * @param publicMetadata public metadata (replaces)
   */
  public OrganizationUpdate withPublicMetadata(Map<String, ?> publicMetadata) {
    return new OrganizationUpdate(
        fields.with("public_metadata", JsonFields.copyMap(publicMetadata)));
  }

  /**
   * {@return a copy with {@code private_metadata} set}
   *
   * @param privateMetadata private metadata (replaces)
   */
  public OrganizationUpdate withPrivateMetadata(Map<String, ?> privateMetadata) {
    return new OrganizationUpdate(
        fields.with("private_metadata", JsonFields.copyMap(privateMetadata)));
  }

  /**
   * {@return a copy with any other body field set, for fields this class does not name}
   *
   * @param name Clerk's snake_case field name
   * @param value a JSON-B serialisable value; null sends JSON {@code null}
   */
  public OrganizationUpdate with(String name, @Nullable Object value) {
    return new OrganizationUpdate(fields.with(name, value));
  }

  /** {@return the fields as sent, in order} */
  public Map<String, @Nullable Object> fields() {
    return fields.map();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OrganizationUpdate other && other.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return "OrganizationUpdate" + fields;
  }
}
