package dev.clerk.jakarta.core.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand, shared by the code under test and FakeClerk. Thread-safe. */
public final class MutableClock extends Clock {
  /** Thursday, 15 January 2026, 10:00:00 UTC. */
  public static final Instant START = Instant.parse("2026-01-15T10:00:00Z");

  private final AtomicReference<Instant> now;

  public MutableClock() {
    this(START);
  }

  public MutableClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** Moves the clock forward (or back, with a negative duration). */
  public void advance(Duration by) {
    now.updateAndGet(i -> i.plus(by));
  }

  /** Sets the clock. */
  public void set(Instant instant) {
    now.set(instant);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return now.get();
  }
}
