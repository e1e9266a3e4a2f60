package dev.clerk.jakarta.core.authn;

import dev.clerk.jakarta.core.events.EventPublisher;
import dev.clerk.jakarta.core.request.OutageReporter;
import java.util.Objects;

/**
 * The request flow's log: every seam logs to {@link RequestAuthenticator#LOGGER} through the Clerk
 * instance's {@link OutageReporter}, which decides the level by cause and logs each cause once (see
 * its table), and reports handshakes and refreshes to the Clerk's {@link EventPublisher}.
 * Thread-safe.
 */
final class FlowLog {
  private final OutageReporter reporter;
  private final EventPublisher events;

  FlowLog(OutageReporter reporter, EventPublisher events) {
    this.reporter = Objects.requireNonNull(reporter, "reporter == null");
    this.events = Objects.requireNonNull(events, "events == null");
  }

  /** {@return where the seams report handshakes and refreshes (listeners and JFR)} */
  EventPublisher events() {
    return events;
  }

  /** Something a client sent: WARNING once per key. */
  void client(String key, String message) {
    reporter.client(RequestAuthenticator.LOGGER, key, message);
  }

  /** The operator's configuration: ERROR once per key. */
  void operator(String key, String message) {
    reporter.operator(RequestAuthenticator.LOGGER, key, message);
  }

  /** Clerk unreachable or failing: ERROR once per key while it lasts. */
  void outage(String key, String message) {
    reporter.outage(RequestAuthenticator.LOGGER, key, message);
  }

  /** A defect: ERROR once per key. */
  void defect(String key, String message) {
    reporter.defect(RequestAuthenticator.LOGGER, key, message);
  }

  /** An exception nothing expected while doing {@code what}: ERROR once per type. */
  void unexpected(String what, RuntimeException e) {
    reporter.unexpected(RequestAuthenticator.LOGGER, what, e);
  }

  /** A request was signed in: the end of the outages reported, if any. */
  void recovered() {
    reporter.recovered(RequestAuthenticator.LOGGER);
  }
}
