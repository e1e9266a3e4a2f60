package dev.clerk.jakarta.core.events;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * The JFR events of category {@code Clerk}, one per {@link ClerkEvents} method. Only {@link
 * EventPublisher} touches this class, and only while a flight recording runs ({@link JfrWatch}), so
 * that a runtime without the {@code jdk.jfr} module never loads it. An event is begun when the work
 * starts (its JFR duration is the work's) and committed only when {@link Event#shouldCommit()} (the
 * recording enables it and its threshold is met). Not thread-safe per event; each is used by one
 * {@link EventPublisher.Timing}.
 */
final class JfrEvents {
  private JfrEvents() {}

  /** {@code dev.clerk.RequestAuthenticated}. */
  @Name("dev.clerk.RequestAuthenticated")
  @Label("Clerk Request Authenticated")
  @Category("Clerk")
  @Description("Clerk.authenticateRequest decided a request")
  @StackTrace(false)
  static final class RequestAuthenticated extends Event {
    @Label("Status")
    String status = "";

    @Label("Reason")
    String reason = "";

    @Label("Token Type")
    String tokenType = "";
  }

  /** {@code dev.clerk.JwksFetch}. */
  @Name("dev.clerk.JwksFetch")
  @Label("Clerk JWKS Fetch")
  @Category("Clerk")
  @Description("A fetch of the Backend API's JWKS")
  @StackTrace(false)
  static final class JwksFetched extends Event {
    @Label("Keys")
    int keyCount;

    @Label("Failure")
    String failure = "";

    @Label("Cause")
    String cause = "";
  }

  /** {@code dev.clerk.BackendCall}. */
  @Name("dev.clerk.BackendCall")
  @Label("Clerk Backend API Call")
  @Category("Clerk")
  @Description("A Backend API call, its retries included")
  @StackTrace(false)
  static final class BackendCalled extends Event {
    @Label("Method")
    String method = "";

    @Label("Path Template")
    String path = "";

    @Label("Status")
    int status;

    @Label("Cause")
    String cause = "";
  }

  /** {@code dev.clerk.Handshake}. */
  @Name("dev.clerk.Handshake")
  @Label("Clerk Handshake")
  @Category("Clerk")
  @Description("A handshake redirect, resolution or failed resolution")
  @StackTrace(false)
  static final class HandshakeStep extends Event {
    @Label("Phase")
    String phase = "";

    @Label("Reason")
    String reason = "";
  }

  /** {@code dev.clerk.Refresh}. */
  @Name("dev.clerk.Refresh")
  @Label("Clerk Session Refresh")
  @Category("Clerk")
  @Description("A refresh of an expired session token through the Backend API")
  @StackTrace(false)
  static final class Refreshed extends Event {
    @Label("Refreshed")
    boolean refreshed;

    @Label("Failure")
    String failure = "";
  }

  /** {@return a begun event of this kind} */
  static Object begin(EventPublisher.Kind kind) {
    Event e =
        switch (kind) {
          case REQUEST -> new RequestAuthenticated();
          case JWKS -> new JwksFetched();
          case BACKEND -> new BackendCalled();
          case HANDSHAKE -> new HandshakeStep();
          case REFRESH -> new Refreshed();
        };
    e.begin();
    return e;
  }

  static void request(Object event, String status, String reason, String tokenType) {
    RequestAuthenticated e = (RequestAuthenticated) event;
    if (e.shouldCommit()) {
      e.status = status;
      e.reason = reason;
      e.tokenType = tokenType;
      e.commit();
    }
  }

  static void jwks(Object event, int keyCount, String failure, String cause) {
    JwksFetched e = (JwksFetched) event;
    if (e.shouldCommit()) {
      e.keyCount = keyCount;
      e.failure = failure;
      e.cause = cause;
      e.commit();
    }
  }

  static void backend(Object event, String method, String path, int status, String cause) {
    BackendCalled e = (BackendCalled) event;
    if (e.shouldCommit()) {
      e.method = method;
      e.path = path;
      e.status = status;
      e.cause = cause;
      e.commit();
    }
  }

  static void handshake(Object event, String phase, String reason) {
    HandshakeStep e = (HandshakeStep) event;
    if (e.shouldCommit()) {
      e.phase = phase;
      e.reason = reason;
      e.commit();
    }
  }

  static void refresh(Object event, boolean refreshed, String failure) {
    Refreshed e = (Refreshed) event;
    if (e.shouldCommit()) {
      e.refreshed = refreshed;
      e.failure = failure;
      e.commit();
    }
  }
}
