package dev.clerk.jakarta.core.backend;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** An immutable, ordered set of body fields; the request-body classes wrap one. */
final class JsonFields {
  static final JsonFields EMPTY = new JsonFields(Map.of());

  private final Map<String, @Nullable Object> fields;

  private JsonFields(Map<String, @Nullable Object> fields) {
    this.fields = fields;
  }

  JsonFields with(String name, @Nullable Object value) {
    Objects.requireNonNull(name, "name == null");
    Map<String, @Nullable Object> m = new LinkedHashMap<>(fields);
    m.put(name, value);
    return new JsonFields(Collections.unmodifiableMap(m));
  }

  static Map<String, @Nullable Object> copyMap(Map<String, ?> m) {
    Objects.requireNonNull(m, "metadata == null");
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  Map<String, @Nullable Object> map() {
    return fields;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof JsonFields f && f.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return fields.hashCode();
  }

  /** Names only: values may be passwords. */
  @Override
  public String toString() {
    return fields.keySet().toString();
  }
}
