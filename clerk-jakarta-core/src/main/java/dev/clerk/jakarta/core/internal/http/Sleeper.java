package dev.clerk.jakarta.core.internal.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Waits between retries; tests substitute one that records the delays and returns at once.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1
 */
public interface Sleeper {
  /**
   * {@return a sleeper that blocks the calling thread for {@link #sleep} and uses the timer of
   * {@code executors} (never a JDK-global one) for {@link #delay}}
   *
   * @param executors the owner of the timer
   */
  static Sleeper using(ClerkExecutors executors) {
    Objects.requireNonNull(executors, "executors == null");
    return new Sleeper() {
      @Override
      public void sleep(Duration delay) throws InterruptedException {
        TimeUnit.NANOSECONDS.sleep(delay.toNanos());
      }

      @Override
      public CompletableFuture<Void> delay(Duration delay) {
        return executors.delay(delay);
      }
    };
  }

  /**
   * Blocks the calling thread.
   *
   * @param delay how long
   * @throws InterruptedException when interrupted
   */
  void sleep(Duration delay) throws InterruptedException;

  /**
   * {@return a future completed after the delay, without blocking the caller}
   *
   * @param delay how long
   */
  CompletableFuture<Void> delay(Duration delay);
}
