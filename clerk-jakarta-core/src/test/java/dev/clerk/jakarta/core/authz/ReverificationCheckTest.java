package dev.clerk.jakarta.core.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.clerk.jakarta.core.auth.Reverification;
import org.junit.jupiter.api.Test;

class ReverificationCheckTest {
  @Test
  void ofWhenNothingGivenThenStrict() {
    assertEquals(
        new ReverificationCheck(Reverification.STRICT, "strict"),
        ReverificationCheck.of("", Reverification.Level.SECOND_FACTOR, 0));
  }

  @Test
  void ofWhenPresetInAnyCaseThenLowerCaseName() {
    assertEquals(
        new ReverificationCheck(Reverification.STRICT_MFA, "strict_mfa"),
        ReverificationCheck.of(" Strict_MFA ", Reverification.Level.SECOND_FACTOR, 0));
  }

  @Test
  void ofWhenLevelAndMinutesThenNoPreset() {
    assertEquals(
        new ReverificationCheck(new Reverification(Reverification.Level.FIRST_FACTOR, 3), null),
        ReverificationCheck.of("", Reverification.Level.FIRST_FACTOR, 3));
  }

  @Test
  void ofWhenPresetAndMinutesThenFails() {
    assertEquals(
        "give a preset or afterMinutes, not both",
        assertThrows(
                IllegalArgumentException.class,
                () -> ReverificationCheck.of("lax", Reverification.Level.SECOND_FACTOR, 5))
            .getMessage());
  }

  @Test
  void ofWhenUnknownPresetThenFailsNamingIt() {
    assertEquals(
        "unknown preset \"paranoid\" (expected strict_mfa, strict, moderate or lax)",
        assertThrows(
                IllegalArgumentException.class,
                () -> ReverificationCheck.of("paranoid", Reverification.Level.SECOND_FACTOR, 0))
            .getMessage());
  }

  @Test
  void ofWhenNegativeMinutesThenFails() {
    assertEquals(
        "afterMinutes must be positive, got -1",
        assertThrows(
                IllegalArgumentException.class,
                () -> ReverificationCheck.of("", Reverification.Level.SECOND_FACTOR, -1))
            .getMessage());
  }

  @Test
  void constructorWhenPresetNamesAnotherCheckThenFails() {
    assertEquals(
        "not the preset of Reverification[level=SECOND_FACTOR, afterMinutes=10]: \"lax\"",
        assertThrows(
                IllegalArgumentException.class,
                () -> new ReverificationCheck(Reverification.STRICT, "lax"))
            .getMessage());
  }
}
