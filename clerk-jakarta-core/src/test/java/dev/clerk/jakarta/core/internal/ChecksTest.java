package dev.clerk.jakarta.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ChecksTest {
  @Test
  void apiBaseUrlWhenTrailingSlashesThenStripped() {
    assertEquals(
        "https://api.clerk.com", Checks.apiBaseUrl(" https://api.clerk.com// ", "api url"));
  }

  @Test
  void apiBaseUrlWhenQueryOrFragmentThenRefusedNamingTheSetting() {
    IllegalArgumentException q =
        assertThrows(
            IllegalArgumentException.class,
            () -> Checks.apiBaseUrl("https://a.example/?x=1", "api url"));
    assertEquals(
        "api url must not have a query or fragment, got \"https://a.example/?x=1\"",
        q.getMessage());
    assertThrows(
        IllegalArgumentException.class, () -> Checks.apiBaseUrl("https://a.example/#f", "api url"));
  }

  @Test
  void apiBaseUrlWhenNotHttpThenRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Checks.apiBaseUrl("ftp://x", "api url"));
    assertEquals("api url must be an absolute http(s) URL, got \"ftp://x\"", e.getMessage());
  }

  @Test
  void apiVersionWhenSeveralSegmentsThenRefused() {
    assertEquals("v1", Checks.apiVersion(" v1 "));
    assertThrows(IllegalArgumentException.class, () -> Checks.apiVersion("v1/x"));
  }

  @Test
  void durationsWhenOutOfRangeThenRefusedNamingTheSetting() {
    assertEquals(Duration.ZERO, Checks.nonNegative(Duration.ZERO, "skew"));
    assertEquals(
        "skew must not be negative, got PT-1S",
        assertThrows(
                IllegalArgumentException.class,
                () -> Checks.nonNegative(Duration.ofSeconds(-1), "skew"))
            .getMessage());
    assertEquals(
        "ttl must be positive, got PT0S",
        assertThrows(IllegalArgumentException.class, () -> Checks.positive(Duration.ZERO, "ttl"))
            .getMessage());
  }
}
