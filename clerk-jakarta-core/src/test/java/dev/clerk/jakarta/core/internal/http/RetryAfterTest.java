package dev.clerk.jakarta.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryAfterTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

  @Test
  void parseWhenSecondsThenDuration() {
    assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse(" 7 ", NOW));
    assertEquals(Optional.of(Duration.ZERO), RetryAfter.parse("0", NOW));
  }

  @Test
  void parseWhenHttpDateThenUntilThen() {
    assertEquals(
        Optional.of(Duration.ofSeconds(90)),
        RetryAfter.parse("Mon, 23 Nov 2026 12:01:30 GMT", NOW));
  }

  @Test
  void parseWhenDateInPastThenZero() {
    assertEquals(
        Optional.of(Duration.ZERO), RetryAfter.parse("Mon, 23 Nov 2026 11:00:00 GMT", NOW));
  }

  @Test
  void parseWhenAbsentOrMalformedThenEmpty() {
    assertEquals(Optional.empty(), RetryAfter.parse(null, NOW));
    assertEquals(Optional.empty(), RetryAfter.parse("", NOW));
    assertEquals(Optional.empty(), RetryAfter.parse("-1", NOW));
    assertEquals(Optional.empty(), RetryAfter.parse("soon", NOW));
  }

  @Test
  void parseWhenHugeThenLongButNoOverflow() {
    assertEquals(
        Optional.of(Duration.ofSeconds(999_999_999L)),
        RetryAfter.parse("99999999999999999999", NOW));
  }
}
