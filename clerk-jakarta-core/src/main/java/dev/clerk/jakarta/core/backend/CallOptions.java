package dev.clerk.jakarta.core.backend;

import java.time.Duration;
import java.util.Objects;

/** The per-client (or per-view) timeout and retry policy. Immutable. */
record CallOptions(Duration timeout, RetryPolicy retry) {
  CallOptions {
    Objects.requireNonNull(timeout, "timeout == null");
    Objects.requireNonNull(retry, "retryPolicy == null");
  }
}
