package dev.clerk.jakarta.core.internal.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Parses an HTTP {@code Retry-After} value (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
 *
 * <p>Thread-safe (stateless).
 *
 * @since 0.1
 */
public final class RetryAfter {
  private RetryAfter() {}

  /**
   * {@return how long to wait, or empty when the value is absent or malformed} A date in the past
   * yields {@link Duration#ZERO}.
   *
   * @param value the header value
   * @param now the current time, for an HTTP-date
   */
  public static Optional<Duration> parse(@Nullable String value, Instant now) {
    if (value == null) {
      return Optional.empty();
    }
    String v = value.trim();
    if (v.isEmpty()) {
      return Optional.empty();
    }
    if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
      if (v.length() > 9) {
        // Absurdly large: treat as "longer than any budget" without overflowing.
        return Optional.of(Duration.ofSeconds(999_999_999L));
      }
      return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(now, at);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
