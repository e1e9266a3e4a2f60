package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.RequestState;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs a Clerk outage once per cause (a service-failure reason, or an exception type thrown by
 * core) rather than once per request, and once more when requests succeed again. Thread-safe.
 */
final class OutageLog {
  private static final System.Logger LOG = System.getLogger(ClerkFilter.class.getName());

  private final Set<String> active = ConcurrentHashMap.newKeySet();

  void record(RequestState state) {
    AuthReason reason = state.reason();
    if (reason != null && reason.isServiceFailure()) {
      if (active.add(reason.value())) {
        LOG.log(
            Level.WARNING,
            "Clerk could not authenticate requests ({0}): they are treated as signed out and"
                + " protected paths answer 503 until it recovers. Logged once per cause.",
            reason.value());
      } else {
        LOG.log(Level.DEBUG, "Clerk still failing: {0}", reason.value());
      }
    } else if (state.isSignedIn() && !active.isEmpty()) {
      active.clear();
      LOG.log(Level.INFO, "Clerk authenticates requests again.");
    }
  }

  void recordException(RuntimeException e) {
    String cause = e.getClass().getName();
    if (active.add(cause)) {
      // Core puts no token or secret in its messages; the stack trace helps find a misconfiguration.
      LOG.log(
          Level.WARNING,
          "Clerk failed to authenticate a request; it is treated as signed out and protected paths"
              + " answer 503. Logged once per cause.",
          e);
    } else {
      LOG.log(Level.DEBUG, "Clerk still failing: {0}", cause);
    }
  }
}
