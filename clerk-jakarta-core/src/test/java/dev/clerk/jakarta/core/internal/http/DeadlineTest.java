package dev.clerk.jakarta.core.internal.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The thread's deadline of the calls one request waits on. */
class DeadlineTest {
  private static final long HOUR = Duration.ofHours(1).toNanos();

  @Test
  void boundNanosWhenNoDeadlineThenTheCallsOwnLimit() {
    assertEquals(HOUR, Deadline.boundNanos(HOUR));
    assertFalse(Deadline.cuts(HOUR));
  }

  @Test
  void withinWhenReturnedThenNothingStaysOnTheThread() {
    long inside = Deadline.within(Duration.ofSeconds(1), () -> Deadline.boundNanos(HOUR));

    assertTrue(inside > 0 && inside <= Duration.ofSeconds(1).toNanos(), "inside " + inside);
    assertEquals(HOUR, Deadline.boundNanos(HOUR));
  }

  @Test
  void withinWhenThrowsThenNothingStaysOnTheThread() {
    assertThrows(
        IllegalStateException.class,
        () ->
            Deadline.within(
                Duration.ofSeconds(1),
                () -> {
                  throw new IllegalStateException("work failed");
                }));

    assertEquals(HOUR, Deadline.boundNanos(HOUR));
  }

  @Test
  void withinWhenNestedThenTheEarlierDeadlineWins() {
    long longerInside =
        Deadline.within(
            Duration.ofSeconds(1),
            () -> Deadline.within(Duration.ofHours(2), () -> Deadline.boundNanos(HOUR)));
    long shorterInside =
        Deadline.within(
            Duration.ofHours(2),
            () -> Deadline.within(Duration.ofSeconds(1), () -> Deadline.boundNanos(HOUR)));

    assertTrue(longerInside <= Duration.ofSeconds(1).toNanos(), "longer inside " + longerInside);
    assertTrue(shorterInside <= Duration.ofSeconds(1).toNanos(), "shorter inside " + shorterInside);
  }

  @Test
  void timedWhenTheDeadlineIsSpentThenNotSent() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:9/v1/jwks"))
            .timeout(Duration.ofSeconds(1))
            .build();

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () ->
                Deadline.within(
                    Duration.ZERO,
                    () -> {
                      try {
                        return Deadline.timed(request, "the JWKS fetch");
                      } catch (Deadline.Exceeded x) {
                        throw new IllegalStateException(x);
                      }
                    }));

    assertTrue(Deadline.Exceeded.in(e));
    assertEquals(
        "the JWKS fetch not sent: the request's time for calls to Clerk is spent",
        e.getCause().getMessage());
  }

  @Test
  void timedWhenTheDeadlineEndsFirstThenTimedToItAndStarvedOnlyBelowHalf() {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:9/v1/jwks"))
            .timeout(Duration.ofSeconds(10))
            .build();

    HttpRequest quarter = Deadline.within(Duration.ofMillis(2500), () -> timed(request));
    HttpRequest most = Deadline.within(Duration.ofSeconds(9), () -> timed(request));
    HttpRequest longer = Deadline.within(Duration.ofSeconds(20), () -> timed(request));

    assertTrue(quarter.timeout().orElseThrow().compareTo(Duration.ofMillis(2500)) <= 0);
    assertTrue(Deadline.starved(request, quarter));
    assertFalse(Deadline.starved(request, most));
    assertEquals(request, longer);
    assertFalse(Deadline.starved(request, longer));
  }

  private static HttpRequest timed(HttpRequest request) {
    try {
      return Deadline.timed(request, "a call");
    } catch (Deadline.Exceeded e) {
      throw new IllegalStateException(e);
    }
  }
}
