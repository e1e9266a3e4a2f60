package dev.clerk.jakarta.testing;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A fault FakeClerk injects instead of (or before) the normal answer of a route.
 *
 * @since 0.1
 */
public final class Fault {
  enum Kind {
    RESPONSE,
    DELAY,
    GARBAGE,
    DISCONNECT,
    TRUNCATE
  }

  final Kind kind;
  final @Nullable FakeResponse response;
  final Duration delay;

  private Fault(Kind kind, @Nullable FakeResponse response, Duration delay) {
    this.kind = kind;
    this.response = response;
    this.delay = delay;
  }

  /**
   * {@return a fault that answers with this status and a Clerk error body}
   *
   * @param status e.g. 503
   */
  public static Fault status(int status) {
    return new Fault(
        Kind.RESPONSE,
        FakeResponse.clerkError(status, "fake_fault", "Injected fault"),
        Duration.ZERO);
  }

  /**
   * {@return a fault that answers with this response}
   *
   * @param response the response
   */
  public static Fault respond(FakeResponse response) {
    return new Fault(
        Kind.RESPONSE, Objects.requireNonNull(response, "response == null"), Duration.ZERO);
  }

  /**
   * {@return a fault that waits, then answers normally}
   *
   * @param delay how long
   */
  public static Fault delay(Duration delay) {
    return new Fault(Kind.DELAY, null, Objects.requireNonNull(delay, "delay == null"));
  }

  /** {@return a fault that answers 200 with a body that is not JSON} */
  public static Fault garbage() {
    return new Fault(
        Kind.GARBAGE,
        new FakeResponse(
            200,
            java.util.List.of(java.util.Map.entry("Content-Type", "application/json")),
            "<html>\u0000not json{{".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
        Duration.ZERO);
  }

  /**
   * {@return a fault that answers normally but closes the connection after half of the body (its
   * {@code Content-Length} announces the whole), as a connection dropped mid-answer}
   */
  public static Fault truncate() {
    return new Fault(Kind.TRUNCATE, null, Duration.ZERO);
  }

  /** {@return a fault that closes the connection without answering} */
  public static Fault disconnect() {
    return new Fault(Kind.DISCONNECT, null, Duration.ZERO);
  }
}
