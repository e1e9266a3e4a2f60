package dev.clerk.jakarta.core.internal.http;

import dev.clerk.jakarta.core.internal.http.HttpTransport.Answer;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The attempts of one call of an {@link HttpTransport}: the time they may take and the delays
 * between them, by the call's {@link Retries} rule.
 *
 * <p>Immutable and thread-safe: an asynchronous call's attempts run on the owner's threads.
 */
final class Attempts {
  final HttpRequest request;
  final Retries retries;
  private final long startNanos = System.nanoTime();
  private final @Nullable Instant budgetEnd;
  private final Clock clock;

  /**
   * Starts the attempts of a call now.
   *
   * @param request the call's request; its timeout bounds an attempt, or with {@link
   *     Retries#withinTimeout} all of them
   * @param retries the retry rule
   * @param clock the clock of the retry budget and of {@code Retry-After} dates
   */
  Attempts(HttpRequest request, Retries retries, Clock clock) {
    this.request = request;
    this.retries = retries;
    this.clock = clock;
    Duration budget = retries.budget();
    this.budgetEnd = budget == null ? null : clock.instant().plus(budget);
  }

  /**
   * The request of attempt {@code n}: with {@link Retries#withinTimeout}, timed to what is left.
   */
  HttpRequest request(int n) {
    Duration timeout = request.timeout().orElse(null);
    if (n == 1 || !retries.withinTimeout() || timeout == null) {
      return request;
    }
    return HttpRequest.newBuilder(request, (name, value) -> true)
        .timeout(Duration.ofNanos(Math.max(1, left(timeout))))
        .build();
  }

  private long left(Duration timeout) {
    return timeout.toNanos() - (System.nanoTime() - startNanos);
  }

  /** The delay before the attempt after {@code attempt}, or null when none fits the rule. */
  @Nullable Duration nextDelay(int attempt, @Nullable Answer answer) {
    if (attempt >= retries.maxAttempts()) {
      return null;
    }
    Duration d = null;
    if (answer != null && retries.honoursRetryAfter()) {
      d =
          RetryAfter.parse(answer.headers().firstValue("Retry-After").orElse(null), clock.instant())
              .orElse(null);
    }
    if (d == null) {
      d = retries.backoff(attempt);
    }
    Instant end = budgetEnd;
    if (end != null && clock.instant().plus(d).isAfter(end)) {
      return null;
    }
    Duration timeout = request.timeout().orElse(null);
    if (retries.withinTimeout() && timeout != null && d.toNanos() >= left(timeout)) {
      return null;
    }
    return d;
  }
}
