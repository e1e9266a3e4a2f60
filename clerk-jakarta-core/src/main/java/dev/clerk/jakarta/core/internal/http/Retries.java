package dev.clerk.jakarta.core.internal.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * When {@link HttpTransport} tries a call again, how long it waits first, and what bounds the whole
 * call. Two rules serve every call to Clerk:
 *
 * <ul>
 *   <li>{@link #backoff}, the Backend API client's ({@code RetryPolicy}): up to a number of
 *       attempts after a connection failure (refused, reset, closed without an answer, connect
 *       timeout) or a {@code 429}, {@code 502}, {@code 503} or {@code 504}; exponential delays with
 *       jitter, replaced by a {@code Retry-After} answer; no retry starts whose delay would end
 *       after the budget. Each attempt is bounded by the request timeout;
 *   <li>{@link #onceWithinTimeout}, the JWKS fetch's (issue 10): one immediate retry at most, and
 *       the whole call, both attempts, within the request timeout (the second attempt gets what the
 *       first left).
 * </ul>
 *
 * <p>A call refused before it was sent ({@link HttpTransport.Refused}), a timeout after connecting
 * and a body over the cap are never retried. Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Retries {
  private static final Retries NONE =
      new Retries(1, a -> false, e -> false, n -> Duration.ZERO, false, null, false);

  private final int maxAttempts;
  private final Predicate<HttpTransport.Answer> answer;
  private final Predicate<IOException> failure;
  private final IntFunction<Duration> backoff;
  private final boolean retryAfter;
  private final @Nullable Duration budget;
  private final boolean withinTimeout;

  private Retries(
      int maxAttempts,
      Predicate<HttpTransport.Answer> answer,
      Predicate<IOException> failure,
      IntFunction<Duration> backoff,
      boolean retryAfter,
      @Nullable Duration budget,
      boolean withinTimeout) {
    this.maxAttempts = maxAttempts;
    this.answer = answer;
    this.failure = failure;
    this.backoff = backoff;
    this.retryAfter = retryAfter;
    this.budget = budget;
    this.withinTimeout = withinTimeout;
  }

  /** {@return one attempt, no retry} */
  public static Retries none() {
    return NONE;
  }

  /**
   * {@return the Backend API's rule} See the class description.
   *
   * @param maxAttempts the most attempts, the first included (1 = no retry)
   * @param backoff the delay before retry number {@code n} (1 = the first retry), jitter included
   * @param budget no retry starts whose delay would end later than this after the first attempt
   */
  public static Retries backoff(int maxAttempts, IntFunction<Duration> backoff, Duration budget) {
    Objects.requireNonNull(backoff, "backoff == null");
    Objects.requireNonNull(budget, "budget == null");
    return new Retries(
        maxAttempts,
        a -> retryableStatus(a.status()),
        Retries::connectionFailure,
        backoff,
        true,
        budget,
        false);
  }

  /**
   * {@return the JWKS fetch's rule: one immediate retry after an answer {@code answer} accepts or a
   * failure {@code failure} accepts, the whole call within the request timeout}
   *
   * @param answer which answers are worth a second attempt
   * @param failure which failures are worth a second attempt (a body over the cap never is)
   */
  public static Retries onceWithinTimeout(
      Predicate<HttpTransport.Answer> answer, Predicate<IOException> failure) {
    Objects.requireNonNull(answer, "answer == null");
    Objects.requireNonNull(failure, "failure == null");
    return new Retries(2, answer, failure, n -> Duration.ZERO, false, null, true);
  }

  /** {@return whether the Backend API rule retries an answer with this status} */
  static boolean retryableStatus(int status) {
    return status == 429 || status == 502 || status == 503 || status == 504;
  }

  /**
   * {@return whether a failure is a connection failure, which the Backend API rule retries:
   * anything but a timeout after connecting, an interruption or a body over the cap}
   *
   * @param e the failure of one attempt
   */
  static boolean connectionFailure(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return true;
    }
    return !(e instanceof HttpTimeoutException) && !(e instanceof InterruptedIOException);
  }

  /** {@return the most attempts, the first included} */
  int maxAttempts() {
    return maxAttempts;
  }

  boolean retries(HttpTransport.Answer a) {
    return answer.test(a);
  }

  boolean retries(IOException e) {
    return !(e instanceof HttpTransport.Refused)
        && LimitedBody.TooLargeException.find(e) == null
        && failure.test(e);
  }

  Duration backoff(int retry) {
    return backoff.apply(retry);
  }

  /** {@return whether a {@code Retry-After} answer replaces the computed delay} */
  boolean honoursRetryAfter() {
    return retryAfter;
  }

  /** {@return the budget of retries from the first attempt (by the transport's clock), or null} */
  @Nullable Duration budget() {
    return budget;
  }

  /** {@return whether all attempts together end within the request timeout} */
  boolean withinTimeout() {
    return withinTimeout;
  }

  @Override
  public String toString() {
    return "Retries{maxAttempts="
        + maxAttempts
        + (withinTimeout ? ", within the request timeout" : "")
        + (budget != null ? ", budget=" + budget : "")
        + "}";
  }
}
