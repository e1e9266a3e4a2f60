package dev.clerk.jakarta.core.backend;

import dev.clerk.jakarta.core.internal.http.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that only moves when something "sleeps" on it; records every sleep. Thread-safe. */
final class FakeTime extends Clock implements Sleeper {
  private volatile Instant now = Instant.parse("2026-11-23T12:00:00Z");
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration delay) {
    sleeps.add(delay);
    advance(delay);
  }

  @Override
  public CompletableFuture<Void> delay(Duration delay) {
    sleep(delay);
    return CompletableFuture.completedFuture(null);
  }

  synchronized void advance(Duration d) {
    now = now.plus(d);
  }

  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  @Override
  public ZoneOffset getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(java.time.ZoneId zone) {
    throw new UnsupportedOperationException("not needed");
  }

  @Override
  public Instant instant() {
    return now;
  }
}
