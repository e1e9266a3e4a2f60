package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.core.events.ClerkEvents;
import dev.clerk.jakarta.core.events.RequestOutcome;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A listener that a test web application names in {@code
 * WEB-INF/classes/META-INF/services/dev.clerk.jakarta.core.events.ClerkEvents}; the container
 * instantiates it through {@link java.util.ServiceLoader}, so what it receives is kept statically.
 */
public final class CountingClerkEvents implements ClerkEvents {
  static final List<RequestOutcome> OUTCOMES = new CopyOnWriteArrayList<>();

  /** For {@link java.util.ServiceLoader}. */
  public CountingClerkEvents() {}

  @Override
  public void requestAuthenticated(RequestOutcome outcome) {
    OUTCOMES.add(outcome);
  }
}
