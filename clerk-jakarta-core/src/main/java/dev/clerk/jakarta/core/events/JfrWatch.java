package dev.clerk.jakarta.core.events;

import java.lang.System.Logger.Level;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import org.jspecify.annotations.Nullable;

/**
 * Tells one {@link EventPublisher} whether a flight recording runs, so that a request asks a plain
 * field instead of JFR: JFR calls {@link #recordingStateChanged} whenever a recording starts or stops
 * ({@code jcmd <pid> JFR.start}, {@code -XX:StartFlightRecording}, {@link Recording#start()}).
 * Registered with the JVM-wide {@link FlightRecorder} by {@link EventPublisher#start} and removed by
 * {@link EventPublisher#close()}, so that a stopped web application's classes are not kept. Thread-safe.
 */
final class JfrWatch implements FlightRecorderListener {
  private final EventPublisher owner;

  private JfrWatch(EventPublisher owner) {
    this.owner = owner;
  }

  /** {@return a watch registered for {@code owner}, or null where JFR cannot be used} */
  static @Nullable JfrWatch start(EventPublisher owner) {
    try {
      JfrWatch watch = new JfrWatch(owner);
      FlightRecorder.addListener(watch);
      watch.update();
      return watch;
    } catch (LinkageError | SecurityException | IllegalStateException e) {
      // No jdk.jfr module in this runtime, or no permission: the listeners still work.
      EventPublisher.LOG.log(Level.DEBUG, "Clerk: JFR events are off ({0})", e.getClass().getName());
      return null;
    }
  }

  @Override
  public void recordingStateChanged(Recording recording) {
    update();
  }

  /** Whether any recording runs now; JFR itself decides per event whether it is enabled. */
  private synchronized void update() {
    boolean running = false;
    if (FlightRecorder.isInitialized()) {
      for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
        running |= r.getState() == RecordingState.RUNNING;
      }
    }
    owner.recording = running;
  }

  void close() {
    FlightRecorder.removeListener(this);
  }
}
