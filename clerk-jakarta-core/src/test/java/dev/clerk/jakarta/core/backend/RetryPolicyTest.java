package dev.clerk.jakarta.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void defaultsWhenReadThenDocumentedValues() {
    RetryPolicy p = RetryPolicy.defaults();

    assertEquals(3, p.maxAttempts());
    assertEquals(Duration.ofMillis(200), p.initialBackoff());
    assertEquals(Duration.ofSeconds(2), p.maxBackoff());
    assertEquals(Duration.ofSeconds(5), p.maxTotalTime());
    assertEquals(1, RetryPolicy.none().maxAttempts());
  }

  @Test
  void backoffWhenRandomExtremesThenBetweenHalfAndFullStep() {
    RetryPolicy p =
        RetryPolicy.builder()
            .initialBackoff(Duration.ofMillis(100))
            .maxBackoff(Duration.ofMillis(350))
            .build();

    assertEquals(Duration.ofMillis(50), p.backoff(1, () -> 0.0));
    assertEquals(Duration.ofMillis(200), p.backoff(2, () -> 1.0));
    // 400 ms is capped at 350 ms.
    assertEquals(Duration.ofMillis(175), p.backoff(3, () -> 0.0));
    assertEquals(Duration.ofMillis(350), p.backoff(19, () -> 1.0));
  }

  @Test
  void builderWhenMaxAttemptsOutOfRangeThenMessage() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.builder().maxAttempts(0));

    assertEquals("maxAttempts must be between 1 and 20, got 0", e.getMessage());
  }

  @Test
  void builderWhenInitialAboveMaxThenMessage() {
    RetryPolicy.Builder b = RetryPolicy.builder().initialBackoff(Duration.ofSeconds(3));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);

    assertEquals("initialBackoff (PT3S) must not exceed maxBackoff (PT2S)", e.getMessage());
  }

  @Test
  void builderWhenNegativeBudgetThenMessage() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RetryPolicy.builder().maxTotalTime(Duration.ofMillis(-1)));

    assertEquals("maxTotalTime must not be negative, got PT-0.001S", e.getMessage());
  }

  @Test
  void toBuilderWhenUnchangedThenEqual() {
    RetryPolicy p = RetryPolicy.builder().maxAttempts(5).build();

    assertEquals(p, p.toBuilder().build());
    assertEquals(p.hashCode(), p.toBuilder().build().hashCode());
    assertEquals(
        "RetryPolicy{maxAttempts=5, initialBackoff=PT0.2S, maxBackoff=PT2S, maxTotalTime=PT5S}",
        p.toString());
  }
}
