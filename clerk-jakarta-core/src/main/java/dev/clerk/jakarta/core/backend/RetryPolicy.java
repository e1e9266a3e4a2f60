package dev.clerk.jakarta.core.backend;

import dev.clerk.jakarta.core.internal.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * When and how a Backend API call is retried. Only safe calls are retried: {@code GET}, {@code
 * HEAD}, {@code PUT}, {@code DELETE} and the read-only {@code POST}s this client marks idempotent
 * (token and client verification), and only after a connection failure (refused, reset, closed
 * without an answer, connect timeout) or a {@code 429}, {@code 502}, {@code 503} or {@code 504}. A
 * request that timed out after connecting is not retried: a slow server is not helped by more load.
 *
 * <p>Delays grow exponentially from {@link #initialBackoff()} to at most {@link #maxBackoff()},
 * with "equal jitter" (a random point in the upper half of the step). A {@code Retry-After} header
 * replaces the computed delay. No retry starts if its delay would end after {@link #maxTotalTime()}
 * from the first attempt; the last answer (or failure) is then returned.
 *
 * <pre>
 * BackendApi api = clerk.backendApi().withRetryPolicy(RetryPolicy.none());   // this call only
 * RetryPolicy patient = RetryPolicy.builder().maxAttempts(5).maxTotalTime(Duration.ofSeconds(30)).build();
 * </pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class RetryPolicy {
  /** Default attempts, including the first. */
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** Default first delay. */
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(200);

  /** Default cap on one delay. */
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(2);

  /** Default budget from the first attempt to the start of the last. */
  public static final Duration DEFAULT_MAX_TOTAL_TIME = Duration.ofSeconds(5);

  private static final RetryPolicy DEFAULTS = builder().build();
  private static final RetryPolicy NONE = builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration maxTotalTime;

  private RetryPolicy(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.maxTotalTime = b.maxTotalTime;
  }

  /** {@return the default policy: 3 attempts, 200 ms doubling to 2 s, within 5 s} */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** {@return the off switch: one attempt, no retry} */
  public static RetryPolicy none() {
    return NONE;
  }

  /** {@return a builder starting from the defaults} */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder starting from this policy} */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxAttempts = maxAttempts;
    b.initialBackoff = initialBackoff;
    b.maxBackoff = maxBackoff;
    b.maxTotalTime = maxTotalTime;
    return b;
  }

  /** {@return the most attempts, counting the first; 1 means no retry} */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** {@return the delay before the first retry (before jitter)} */
  public Duration initialBackoff() {
    return initialBackoff;
  }

  /** {@return the cap on one computed delay} */
  public Duration maxBackoff() {
    return maxBackoff;
  }

  /** {@return the budget: no retry starts later than this after the first attempt} */
  public Duration maxTotalTime() {
    return maxTotalTime;
  }

  /**
   * {@return the jittered delay before retry number {@code retry} (1 = the first retry)}
   *
   * @param retry the retry number, at least 1
   * @param random uniform values in [0, 1)
   */
  Duration backoff(int retry, DoubleSupplier random) {
    long base = initialBackoff.toNanos();
    for (int i = 1; i < retry && base < maxBackoff.toNanos(); i++) {
      base = base > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : base * 2;
    }
    base = Math.min(base, maxBackoff.toNanos());
    long half = base / 2;
    return Duration.ofNanos(half + (long) (random.getAsDouble() * (base - half)));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RetryPolicy p
        && p.maxAttempts == maxAttempts
        && p.initialBackoff.equals(initialBackoff)
        && p.maxBackoff.equals(maxBackoff)
        && p.maxTotalTime.equals(maxTotalTime);
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, initialBackoff, maxBackoff, maxTotalTime);
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts="
        + maxAttempts
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + ", maxTotalTime="
        + maxTotalTime
        + "}";
  }

  /** Builds a {@link RetryPolicy}. Not thread-safe. */
  public static final class Builder {
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration maxTotalTime = DEFAULT_MAX_TOTAL_TIME;

    private Builder() {}

    /**
     * Sets the most attempts, counting the first (1 disables retries).
     *
     * @param maxAttempts 1 to 20
     * @return this builder
     * @throws IllegalArgumentException when out of range
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > 20) {
        throw new IllegalArgumentException(
            "maxAttempts must be between 1 and 20, got " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Sets the delay before the first retry.
     *
     * @param delay zero or positive
     * @return this builder
     */
    public Builder initialBackoff(Duration delay) {
      this.initialBackoff = Checks.nonNegative(delay, "initialBackoff");
      return this;
    }

    /**
     * Sets the cap on one computed delay.
     *
     * @param delay zero or positive
     * @return this builder
     */
    public Builder maxBackoff(Duration delay) {
      this.maxBackoff = Checks.nonNegative(delay, "maxBackoff");
      return this;
    }

    /**
     * Sets the budget from the first attempt within which retries may start.
     *
     * @param budget zero or positive
     * @return this builder
     */
    public Builder maxTotalTime(Duration budget) {
      this.maxTotalTime = Checks.nonNegative(budget, "maxTotalTime");
      return this;
    }

    /**
     * {@return the policy}
     *
     * @throws IllegalArgumentException when initialBackoff exceeds maxBackoff
     */
    public RetryPolicy build() {
      if (initialBackoff.compareTo(maxBackoff) > 0) {
        throw new IllegalArgumentException(
            "initialBackoff ("
                + initialBackoff
                + ") must not exceed maxBackoff ("
                + maxBackoff
                + ")");
      }
      return new RetryPolicy(this);
    }
  }
}
