package dev.clerk.jakarta.core.internal.http;

import java.time.Duration;
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
  /** Really waits, with {@link Thread#sleep} and {@link CompletableFuture#delayedExecutor}. */
  Sleeper SYSTEM =
      new Sleeper() {
        @Override
        public void sleep(Duration delay) throws InterruptedException {
          TimeUnit.NANOSECONDS.sleep(delay.toNanos());
        }

        @Override
        public CompletableFuture<Void> delay(Duration delay) {
          return CompletableFuture.runAsync(
              () -> {}, CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS));
        }
      };

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
