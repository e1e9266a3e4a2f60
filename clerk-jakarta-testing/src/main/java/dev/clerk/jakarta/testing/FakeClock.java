package dev.clerk.jakarta.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves by hand, to share between a {@link FakeClerk} ({@link
 * FakeClerk.Builder#clock}) and the code under test ({@code Clerk.builder().clock(…)}): advancing
 * it expires the session tokens the application holds, without waiting, and FakeClerk then mints
 * fresh ones at the new time.
 *
 * <pre>
 * FakeClock clock = FakeClock.now();
 * try (FakeClerk fake = FakeClerk.builder().clock(clock).start()) {
 *   Clerk clerk = Clerk.builder().secretKey(fake.secretKey()).publishableKey(fake.publishableKey())
 *       .apiUrl(fake.apiUrl()).clock(clock).build();
 *   String jwt = fake.sessionToken().sign();
 *   clock.advance(Duration.ofMinutes(2)); // jwt has expired for clerk
 * }
 * </pre>
 *
 * <p>Thread-safe. Always in UTC.
 *
 * @since 0.1
 */
public final class FakeClock extends Clock {
  private final AtomicReference<Instant> now;

  private FakeClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /** {@return a clock standing at the current time, to the second} */
  public static FakeClock now() {
    return at(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  }

  /**
   * {@return a clock standing at {@code start}}
   *
   * @param start the instant
   */
  public static FakeClock at(Instant start) {
    return new FakeClock(Objects.requireNonNull(start, "start == null"));
  }

  /**
   * Moves the clock.
   *
   * @param by how far (negative: back)
   */
  public void advance(Duration by) {
    Objects.requireNonNull(by, "by == null");
    now.updateAndGet(i -> i.plus(by));
  }

  /**
   * Sets the clock.
   *
   * @param instant the new time
   */
  public void set(Instant instant) {
    now.set(Objects.requireNonNull(instant, "instant == null"));
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
    return Objects.requireNonNull(now.get(), "now"); // set only from a non-null instant
  }

  @Override
  public String toString() {
    return "FakeClock[" + now.get() + "]";
  }
}
