package dev.clerk.jakarta.core.backend;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the {@code errors} array of a Backend API error body.
 *
 * @param code Clerk's machine-readable code, e.g. {@code resource_not_found}
 * @param message the short message
 * @param longMessage the long message, or null
 * @param meta extra details (empty when none)
 * @since 0.1
 */
public record ClerkError(
    String code, String message, @Nullable String longMessage, Map<String, Object> meta) {
  /**
   * Checks and copies.
   *
   * @param code code
   * @param message message
   * @param longMessage long message
   * @param meta meta
   */
  public ClerkError {
    Objects.requireNonNull(code, "code == null");
    Objects.requireNonNull(message, "message == null");
    meta = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(meta));
  }
}
