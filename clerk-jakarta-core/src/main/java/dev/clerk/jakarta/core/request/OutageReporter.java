package dev.clerk.jakarta.core.request;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs what goes wrong while a {@link dev.clerk.jakarta.core.Clerk} authenticates requests once per
 * cause, not once per request, at the level its cause deserves. One per Clerk instance ({@link
 * dev.clerk.jakarta.core.Clerk#outages()}), shared by core and by the servlet filter and the JAX-RS
 * feature that use that instance; two applications in one JVM have two instances and never silence
 * each other.
 *
 * <table class="striped">
 *   <caption>Causes and levels</caption>
 *   <thead><tr><th>method</th><th>cause</th><th>first time per key</th><th>afterwards</th></tr></thead>
 *   <tbody>
 *   <tr><td>{@link #client}, {@link #listenerFailed}</td><td>something a client sent (a stale handshake token, a redirect
 *       loop cookie), or an application's event listener that threw: it is never an error</td><td>WARNING</td><td>DEBUG</td></tr>
 *   <tr><td>{@link #operator}</td><td>the operator's configuration (a rejected secret key, a
 *       sign-in URL on a satellite's own origin)</td><td>ERROR</td><td>DEBUG</td></tr>
 *   <tr><td>{@link #outage}</td><td>Clerk unreachable or failing: requests that need it are signed
 *       out (protected paths answer 503)</td><td>ERROR, again after a recovery</td><td>DEBUG; one
 *       INFO line from {@link #recovered} when requests succeed again</td></tr>
 *   <tr><td>{@link #defect}, {@link #unexpected}</td><td>an exception where none was expected (a
 *       bug)</td><td>ERROR</td><td>DEBUG</td></tr>
 *   </tbody>
 * </table>
 *
 * <p>Each line goes to the logger of the component that reports it, so that operators can still
 * filter by component; only the memory of what was reported is shared. Callers build messages from
 * fixed texts, Clerk's reasons and messages, and class names: never from a token, a secret or an
 * exception's message. {@link #unexpected} logs only the exception's type (its stack trace at
 * DEBUG).
 *
 * <p>Bounded: at most {@value #MAX_CAUSES} keys are remembered per kind; once full, a new key is
 * logged at DEBUG only, so that a flood of distinct causes fills neither memory nor the log.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
public final class OutageReporter {
  /** The most keys remembered per kind (reported causes, outages in progress). */
  public static final int MAX_CAUSES = 512;

  private final Set<String> reported = ConcurrentHashMap.newKeySet();
  private final Set<String> outages = ConcurrentHashMap.newKeySet();

  /** Creates a reporter that has reported nothing yet. */
  public OutageReporter() {}

  /**
   * Reports something a client sent: WARNING the first time for {@code key}, DEBUG afterwards.
   *
   * @param logger the reporting component's logger
   * @param key the cause, e.g. {@code handshake:token-expired}
   * @param message the line; no token or secret
   */
  public void client(Logger logger, String key, String message) {
    once(logger, Level.WARNING, "client", key, message);
  }

  /**
   * Reports an operator's mistake: ERROR the first time for {@code key}, DEBUG afterwards.
   *
   * @param logger the reporting component's logger
   * @param key the cause
   * @param message the line; no token or secret
   */
  public void operator(Logger logger, String key, String message) {
    once(logger, Level.ERROR, "operator", key, message);
  }

  /**
   * Reports a defect: ERROR the first time for {@code key}, DEBUG afterwards.
   *
   * @param logger the reporting component's logger
   * @param key the cause, e.g. an exception's class name
   * @param message the line; no token or secret
   */
  public void defect(Logger logger, String key, String message) {
    once(logger, Level.ERROR, "defect", key, message);
  }

  /**
   * Reports an exception nothing expected while doing {@code what}: ERROR with its type, once per
   * type; the stack trace goes to DEBUG only (an exception's message is not the library's to show).
   *
   * @param logger the reporting component's logger
   * @param what what failed, e.g. {@code authenticating a request}
   * @param e the exception
   */
  public void unexpected(Logger logger, String what, RuntimeException e) {
    Objects.requireNonNull(e, "e == null");
    String type = e.getClass().getName();
    defect(logger, type, "Clerk: unexpected error while " + what + " (" + type + ")");
    logger.log(Level.DEBUG, "Clerk: unexpected error", e);
  }

  /**
   * Reports that an event listener threw: WARNING the first time for its class, DEBUG afterwards;
   * the stack trace goes to DEBUG only. The request it listened to goes on.
   *
   * @param logger the reporting component's logger
   * @param listenerClass the listener's class name
   * @param e what it threw
   */
  public void listenerFailed(Logger logger, String listenerClass, RuntimeException e) {
    Objects.requireNonNull(e, "e == null");
    once(
        logger,
        Level.WARNING,
        "listener",
        listenerClass,
        "Clerk: the event listener "
            + listenerClass
            + " threw "
            + e.getClass().getName()
            + "; the request goes on. Logged once per listener class.");
    logger.log(Level.DEBUG, "Clerk: event listener failure", e);
  }

  /**
   * Reports an outage: ERROR the first time for {@code key} while the outage lasts, DEBUG
   * afterwards; after {@link #recovered} the same key is reported again.
   *
   * @param logger the reporting component's logger
   * @param key the cause, e.g. {@code jwk-remote-failed-to-load}
   * @param message the line; no token or secret
   */
  public void outage(Logger logger, String key, String message) {
    Objects.requireNonNull(logger, "logger == null");
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(message, "message == null");
    if (outages.size() < MAX_CAUSES && outages.add(key)) {
      logger.log(Level.ERROR, message);
    } else {
      logger.log(Level.DEBUG, message);
    }
  }

  /**
   * Tells that a request was decided without an outage (it was signed in): if outages were
   * reported, logs once at INFO that requests are authenticated again, and forgets them.
   *
   * @param logger the reporting component's logger
   */
  public void recovered(Logger logger) {
    if (outages.isEmpty()) {
      return;
    }
    List<String> over = new ArrayList<>();
    // Over a snapshot: remove(key) tells whether this thread is the one that ends that outage.
    for (String key : List.copyOf(outages)) {
      if (outages.remove(key)) {
        over.add(key);
      }
    }
    if (!over.isEmpty()) {
      over.sort(null);
      logger.log(
          Level.INFO,
          "Clerk authenticates requests again (the outage reported as "
              + String.join(", ", over)
              + " is over).");
    }
  }

  /** {@return the outages reported and not recovered yet, sorted} */
  public List<String> outages() {
    List<String> keys = new ArrayList<>(outages);
    keys.sort(null);
    return List.copyOf(keys);
  }

  /**
   * {@return how many client, operator and defect causes were reported (at most {@value
   * #MAX_CAUSES})}
   */
  public int reportedCauses() {
    return reported.size();
  }

  private void once(Logger logger, Level level, String kind, String key, String message) {
    Objects.requireNonNull(logger, "logger == null");
    Objects.requireNonNull(key, "key == null");
    Objects.requireNonNull(message, "message == null");
    if (reported.size() < MAX_CAUSES && reported.add(kind + ":" + key)) {
      logger.log(level, message);
    } else {
      logger.log(Level.DEBUG, message);
    }
  }

  @Override
  public String toString() {
    return "OutageReporter{outages=" + outages() + ", reported=" + reported.size() + "}";
  }
}
