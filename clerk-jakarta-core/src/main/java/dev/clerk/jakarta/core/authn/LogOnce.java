package dev.clerk.jakarta.core.authn;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logs a message once per cause key (Clerk outages are logged once, not per request). Bounded: after
 * {@value #MAX_KEYS} distinct keys, further new keys are logged at DEBUG only. Thread-safe.
 */
final class LogOnce {
  static final int MAX_KEYS = 512;
  private final Logger logger;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  LogOnce(Logger logger) {
    this.logger = logger;
  }

  /** Logs {@code message} at {@code level} the first time {@code key} is seen. */
  void log(Level level, String key, String message) {
    if (seen.size() >= MAX_KEYS && !seen.contains(key)) {
      logger.log(Level.DEBUG, message);
      return;
    }
    if (seen.add(key)) {
      logger.log(level, message);
    } else {
      logger.log(Level.DEBUG, message);
    }
  }

  /** {@return the causes remembered (at most {@value #MAX_KEYS})} */
  int size() {
    return seen.size();
  }
}
