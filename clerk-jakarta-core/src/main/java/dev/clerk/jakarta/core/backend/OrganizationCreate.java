package dev.clerk.jakarta.core.backend;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The body of {@link Organizations#create}: {@code POST /v1/organizations}.
 *
 * <pre>
 * OrganizationCreate.named("Acme").withSlug("acme").withCreatedBy("user_1")
 * </pre>
 *
 * <p>Immutable and thread-safe: each {@code with…} returns a copy. {@link #toString()} shows field
 * names only.
 *
 * @since 0.1
 */
public final class OrganizationCreate {
  private final JsonFields fields;

  private OrganizationCreate(JsonFields fields) {
    this.fields = fields;
  }

  /**
   * {@return a body with the required {@code name}}
   *
   * @param name the organization's name
   */
  public static OrganizationCreate named(String name) {
    return new OrganizationCreate(
        JsonFields.EMPTY.with("name", Objects.requireNonNull(name, "name == null")));
  }

  /**
   * {@return a copy with {@code slug} set}
   *
   * @param slug the slug (lower case, digits, dashes)
   */
  public OrganizationCreate withSlug(String slug) {
    return new OrganizationCreate(
        fields.with("slug", Objects.requireNonNull(slug, "slug == null")));
  }

  /**
   * {@return a copy with {@code created_by} set}
   *
   * @param createdBy the user who becomes its first admin
   */
  public OrganizationCreate withCreatedBy(String createdBy) {
    return new OrganizationCreate(
        fields.with("created_by", Objects.requireNonNull(createdBy, "createdBy == null")));
  }

  /**
   * {@return a copy with {@code max_allowed_memberships} set}
   *
   * @param maxAllowedMemberships the membership cap (0 = unlimited)
   */
  public OrganizationCreate withMaxAllowedMemberships(int maxAllowedMemberships) {
    return new OrganizationCreate(fields.with("max_allowed_memberships", maxAllowedMemberships));
  }

  /**
   * {@return a copy with {@code public_metadata} set}
   *
   * @param publicMetadata public metadata
   */
  public OrganizationCreate withPublicMetadata(Map<String, ?> publicMetadata) {
    return new OrganizationCreate(
        fields.with("public_metadata", JsonFields.copyMap(publicMetadata)));
  }

  /**
   * {@return a copy with {@code private_metadata} set}
   *
   * @param privateMetadata private metadata
   */
  public OrganizationCreate withPrivateMetadata(Map<String, ?> privateMetadata) {
    return new OrganizationCreate(
        fields.with("private_metadata", JsonFields.copyMap(privateMetadata)));
  }

  /**
   * {@return a copy with any other body field set, for fields this class does not name}
   *
   * @param name Clerk's snake_case field name
   * @param value a JSON-B serialisable value; null sends JSON {@code null}
   */
  public OrganizationCreate with(String name, @Nullable Object value) {
    return new OrganizationCreate(fields.with(name, value));
  }

  /** {@return the fields as sent, in order} */
  public Map<String, @Nullable Object> fields() {
    return fields.map();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OrganizationCreate other && other.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return "OrganizationCreate" + fields;
  }
}
