package dev.clerk.jakarta.jaxrs;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What a class logs through {@code System.Logger} (backed by {@code java.util.logging} in tests)
 * while open, at WARNING and above. Thread-safe.
 */
final class CapturedLog implements AutoCloseable {
  private final Logger logger;
  private final List<String> records = new ArrayList<>();
  private final Handler handler =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            synchronized (records) {
              records.add(record.getLevel() + " " + record.getMessage());
            }
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  private CapturedLog(Class<?> type) {
    logger = Logger.getLogger(type.getName());
    logger.addHandler(handler);
  }

  /** {@return a capture of what {@code type} logs} @param type the logging class */
  static CapturedLog of(Class<?> type) {
    return new CapturedLog(type);
  }

  /** {@return the records so far, each as "LEVEL message"} */
  List<String> warnings() {
    synchronized (records) {
      return List.copyOf(records);
    }
  }

  @Override
  public void close() {
    logger.removeHandler(handler);
  }
}
