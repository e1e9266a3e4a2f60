package dev.clerk.jakarta.core.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that keeps every event, in arrival order. Thread-safe. */
public class RecordingEvents implements ClerkEvents {
  final List<Object> events = new CopyOnWriteArrayList<>();

  /** For {@link java.util.ServiceLoader}. */
  public RecordingEvents() {}

  @Override
  public void requestAuthenticated(RequestOutcome outcome) {
    events.add(outcome);
  }

  @Override
  public void jwksFetched(JwksFetch fetch) {
    events.add(fetch);
  }

  @Override
  public void handshake(Handshake handshake) {
    events.add(handshake);
  }

  @Override
  public void sessionRefreshed(SessionRefresh refresh) {
    events.add(refresh);
  }

  @Override
  public void backendCalled(BackendCall call) {
    events.add(call);
  }

  /** {@return the events, each with its time set to 0 so that they compare with expected ones} */
  List<Object> untimed() {
    return events.stream().map(RecordingEvents::untimed).toList();
  }

  static Object untimed(Object e) {
    if (e instanceof RequestOutcome o) {
      return new RequestOutcome(o.status(), o.reason(), o.tokenType(), 0);
    } else if (e instanceof JwksFetch f) {
      return new JwksFetch(f.keyCount(), f.failure(), f.causeClass(), 0);
    } else if (e instanceof Handshake h) {
      return new Handshake(h.phase(), h.reason(), 0);
    } else if (e instanceof SessionRefresh r) {
      return new SessionRefresh(r.failure(), 0);
    } else if (e instanceof BackendCall c) {
      return new BackendCall(c.method(), c.pathTemplate(), c.status(), c.causeClass(), 0);
    }
    throw new IllegalArgumentException(String.valueOf(e));
  }
}
