package dev.clerk.jakarta.core.events;

import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import org.jspecify.annotations.Nullable;

/**
 * Tells one {@link EventPublisher} whether a flight recording runs, so that a request asks a plain
 * field instead of JFR: JFR calls {@link #recordingStateChanged} whenever a recording starts or
 * stops ({@code jcmd <pid> JFR.start}, {@code -XX:StartFlightRecording}, {@link
 * Recording#start()}). Registered with the JVM-wide {@link FlightRecorder} by {@link
 * EventPublisher#start} and removed by {@link EventPublisher#close()}, so that a stopped web
 * application's classes are not kept. Thread-safe: the callbacks are serialized on this watch and
 * never call JFR back, so they cannot deadlock with it.
 */
final class JfrWatch implements FlightRecorderListener {
  private final EventPublisher owner;

  /** The ids of the recordings that run; kept from the callbacks, so no callback asks JFR back. */
  private final Set<Long> running = ConcurrentHashMap.newKeySet();

  private JfrWatch(EventPublisher owner) {
    this.owner = owner;
  }

  /** {@return a watch registered for {@code owner}, or null where JFR cannot be used} */
  static @Nullable JfrWatch start(EventPublisher owner) {
    try {
      JfrWatch watch = new JfrWatch(owner);
      FlightRecorder.addListener(watch);
      if (FlightRecorder.isInitialized()) {
        // Recordings started before this Clerk (-XX:StartFlightRecording, jcmd). A recording that
        // stops right now may be seen as running until the next change: events are then only begun.
        for (Recording r : FlightRecorder.getFlightRecorder().getRecordings()) {
          watch.recordingStateChanged(r);
        }
      }
      return watch;
    } catch (LinkageError | SecurityException | IllegalStateException e) {
      // No jdk.jfr module in this runtime, or no permission: the listeners still work.
      EventPublisher.LOG.log(
          Level.DEBUG, "Clerk: JFR events are off ({0})", e.getClass().getName());
      return null;
    }
  }

  @Override
  public synchronized void recordingStateChanged(Recording recording) {
    if (recording.getState() == RecordingState.RUNNING) {
      running.add(recording.getId());
    } else {
      running.remove(recording.getId());
    }
    owner.recording = !running.isEmpty();
  }

  void close() {
    FlightRecorder.removeListener(this);
  }
}
