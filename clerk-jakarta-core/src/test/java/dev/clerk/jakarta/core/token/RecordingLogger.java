package dev.clerk.jakarta.core.token;

import java.text.MessageFormat;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link System.Logger} that keeps what was logged at INFO and above, formatted. Thread-safe. */
final class RecordingLogger implements System.Logger {
  record Entry(Level level, String message) {}

  private final List<Entry> entries = new CopyOnWriteArrayList<>();

  List<Entry> entries() {
    return List.copyOf(entries);
  }

  List<Entry> at(Level level) {
    return entries.stream().filter(e -> e.level() == level).toList();
  }

  @Override
  public String getName() {
    return "recording";
  }

  @Override
  public boolean isLoggable(Level level) {
    return level.getSeverity() >= Level.INFO.getSeverity();
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
    if (isLoggable(level)) {
      entries.add(new Entry(level, msg));
    }
  }

  @Override
  public void log(Level level, ResourceBundle bundle, String format, Object... params) {
    if (isLoggable(level)) {
      entries.add(
          new Entry(
              level,
              params == null || params.length == 0
                  ? format
                  : MessageFormat.format(format, params)));
    }
  }
}
