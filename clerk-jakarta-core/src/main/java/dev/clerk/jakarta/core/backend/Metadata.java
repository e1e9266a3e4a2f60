package dev.clerk.jakarta.core.backend;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Metadata changes for {@link Users#updateMetadata} (deep merge: keys set to {@code null} are
 * removed), {@link Users#replaceMetadata}, {@link Organizations#updateMetadata} and {@link
 * OrganizationMemberships#updateMetadata}. Organizations and memberships have no unsafe metadata.
 *
 * <pre>
 * Metadata.empty().withPublicMetadata(Map.of("plan", "pro")).withPrivateMetadata(Map.of("stripe_id", "cus_1"))
 * </pre>
 *
 * <p>Immutable and thread-safe: each {@code with…} returns a copy. {@link #toString()} shows field
 * names only.
 *
 * @since 0.1
 */
public final class Metadata {
  private static final Metadata EMPTY = new Metadata(JsonFields.EMPTY);

  private final JsonFields fields;

  private Metadata(JsonFields fields) {
    this.fields = fields;
  }

  /** {@return no field set} */
  public static Metadata empty() {
    return EMPTY;
  }

  /**
   * {@return a copy with {@code public_metadata} set}
   *
   * @param publicMetadata public metadata
   */
  public Metadata withPublicMetadata(Map<String, ?> publicMetadata) {
    return new Metadata(fields.with("public_metadata", JsonFields.copyMap(publicMetadata)));
  }

  /**
   * {@return a copy with {@code private_metadata} set}
   *
   * @param privateMetadata private metadata
   */
  public Metadata withPrivateMetadata(Map<String, ?> privateMetadata) {
    return new Metadata(fields.with("private_metadata", JsonFields.copyMap(privateMetadata)));
  }

  /**
   * {@return a copy with {@code unsafe_metadata} set}
   *
   * @param unsafeMetadata unsafe metadata
   */
  public Metadata withUnsafeMetadata(Map<String, ?> unsafeMetadata) {
    return new Metadata(fields.with("unsafe_metadata", JsonFields.copyMap(unsafeMetadata)));
  }

  /**
   * {@return a copy with any other body field set, for fields this class does not name}
   *
   * @param name Clerk's snake_case field name
   * @param value a JSON-B serialisable value; null sends JSON {@code null}
   */
  public Metadata with(String name, @Nullable Object value) {
    return new Metadata(fields.with(name, value));
  }

  /** {@return the fields as sent, in order} */
  public Map<String, @Nullable Object> fields() {
    return fields.map();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Metadata other && other.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  @Override
  public String toString() {
    return "Metadata" + fields;
  }
}
