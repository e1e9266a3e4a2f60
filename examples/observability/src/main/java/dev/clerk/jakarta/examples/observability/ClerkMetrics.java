package dev.clerk.jakarta.examples.observability;

import dev.clerk.jakarta.core.events.BackendCall;
import dev.clerk.jakarta.core.events.ClerkEvents;
import dev.clerk.jakarta.core.events.Handshake;
import dev.clerk.jakarta.core.events.JwksFetch;
import dev.clerk.jakarta.core.events.RequestOutcome;
import dev.clerk.jakarta.core.events.SessionRefresh;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Clerk's events as Micrometer meters: a timer per request outcome, Backend API call and refresh,
 * counters of JWKS fetches and handshakes. Every tag has few values (a path template, never an id).
 * Thread-safe, as Micrometer's registries are.
 */
public final class ClerkMetrics implements ClerkEvents {
  private final MeterRegistry registry;

  /**
   * Creates the listener.
   *
   * @param registry where the meters go
   */
  public ClerkMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void requestAuthenticated(RequestOutcome outcome) {
    Timer.builder("clerk.requests")
        .tag("status", outcome.status().value())
        .tag("reason", outcome.reason() == null ? "none" : outcome.reason().value())
        .tag("token.type", outcome.tokenType() == null ? "none" : outcome.tokenType().value())
        .register(registry)
        .record(outcome.nanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void jwksFetched(JwksFetch fetch) {
    String outcome = fetch.failure() == null ? "success" : fetch.failure().value();
    registry.counter("clerk.jwks.fetches", "outcome", outcome).increment();
  }

  @Override
  public void handshake(Handshake handshake) {
    registry
        .counter("clerk.handshakes", "phase", handshake.phase().name().toLowerCase(Locale.ROOT))
        .increment();
  }

  @Override
  public void sessionRefreshed(SessionRefresh refresh) {
    Timer.builder("clerk.refreshes")
        .tag("outcome", refresh.failure() == null ? "refreshed" : refresh.failure())
        .register(registry)
        .record(refresh.nanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void backendCalled(BackendCall call) {
    Timer.builder("clerk.backend.calls")
        .tag("method", call.method())
        .tag("path", call.pathTemplate())
        .tag("status", String.valueOf(call.status()))
        .register(registry)
        .record(call.nanos(), TimeUnit.NANOSECONDS);
  }
}
