package dev.clerk.jakarta.core.events;

/** The one rule of the events' times. */
final class Durations {
  private Durations() {}

  static void check(long nanos) {
    if (nanos < 0) {
      throw new IllegalArgumentException("nanos must not be negative, got " + nanos);
    }
  }
}
