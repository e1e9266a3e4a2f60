package dev.clerk.jakarta.core.backend;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Copy helpers for model records: maps keep order and may hold any JSON value. */
final class Models {
  private Models() {}

  static Map<String, Object> copy(Map<String, Object> m) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
