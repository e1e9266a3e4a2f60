package dev.clerk.jakarta.core.events;

import dev.clerk.jakarta.core.auth.TokenType;
import dev.clerk.jakarta.core.internal.Telemetry;
import dev.clerk.jakarta.core.request.AuthReason;
import dev.clerk.jakarta.core.request.AuthStatus;
import dev.clerk.jakarta.core.request.OutageReporter;
import dev.clerk.jakarta.core.request.RequestState;
import dev.clerk.jakarta.core.token.TokenVerificationException;
import dev.clerk.jakarta.core.token.TokenVerificationReason;
import java.lang.System.Logger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * The bridge from a {@code Clerk} to its {@link ClerkEvents} listeners and to JFR: one per {@code
 * Clerk}, built by it, handed to the request flow and (as {@link Telemetry}) to the JWKS source and
 * the Backend API client. Applications register listeners on {@code Clerk.builder()} and never need
 * this class.
 *
 * <p>Every {@code *Started} method returns {@code null}, reading no clock and allocating nothing,
 * when there is no listener and no flight recording runs; the state it asks is two fields of this
 * instance, not a lookup. Otherwise it returns a {@link Timing} that the matching {@code *Ended}
 * method (or {@link Timing#done}/{@link Timing#failed}) ends: the records go to every listener in
 * order, each call guarded (see {@link ClerkEvents}), and the JFR event is committed when the
 * recording enables it.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
// Telemetry (the JWKS source's and Backend API's side of this bridge) is not exported: other
// modules
// see this class's own methods only.
@SuppressWarnings("exports")
public final class EventPublisher implements Telemetry, AutoCloseable {
  static final Logger LOG = System.getLogger(EventPublisher.class.getName());

  /** The kinds of work a {@link Timing} measures. */
  enum Kind {
    REQUEST,
    JWKS,
    BACKEND,
    HANDSHAKE,
    REFRESH
  }

  private static final EventPublisher NONE =
      new EventPublisher(List.of(), new OutageReporter(), false);

  private final ClerkEvents[] listeners;
  private final OutageReporter outages;
  private final @Nullable JfrWatch watch;

  /** Whether a flight recording runs; written by {@link JfrWatch}. */
  volatile boolean recording;

  private EventPublisher(List<ClerkEvents> listeners, OutageReporter outages, boolean watchJfr) {
    this.listeners = listeners.toArray(new ClerkEvents[0]);
    this.outages = outages;
    this.watch = watchJfr ? watchJfr(this) : null;
  }

  /**
   * JFR's watch, or null where the {@code jdk.jfr} classes cannot be seen: a runtime without the
   * module, or a class loader that hides it (WildFly's JBoss Modules, unless the deployment adds a
   * dependency on {@code jdk.jfr}). Loading {@link JfrWatch} itself fails there, hence the catch
   * here; the listeners work either way.
   */
  private static @Nullable JfrWatch watchJfr(EventPublisher publisher) {
    try {
      return JfrWatch.start(publisher);
    } catch (LinkageError e) {
      LOG.log(System.Logger.Level.DEBUG, "Clerk: JFR events are off ({0})", e.getClass().getName());
      return null;
    }
  }

  /**
   * Starts a publisher for these listeners, the ones {@link ServiceLoader} finds with the current
   * thread's context class loader (see "Registration" in {@link ClerkEvents}), and JFR.
   *
   * @param listeners the listeners given in code, in order
   * @param outages the {@code Clerk}'s reporter, which logs a throwing listener once per class
   * @return the publisher; {@link #close()} it with its {@code Clerk}
   * @throws NullPointerException when an argument or a listener is null
   */
  public static EventPublisher start(List<ClerkEvents> listeners, OutageReporter outages) {
    Objects.requireNonNull(outages, "outages == null");
    List<ClerkEvents> all =
        new ArrayList<>(List.copyOf(Objects.requireNonNull(listeners, "listeners == null")));
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    all.addAll(discover(loader != null ? loader : ClerkEvents.class.getClassLoader(), outages));
    return new EventPublisher(all, outages, true);
  }

  /** {@return a publisher that observes nothing (no listener, no JFR)} */
  public static EventPublisher none() {
    return NONE;
  }

  /**
   * The {@link ClerkEvents} named in {@code META-INF/services} of {@code loader}; a broken one is
   * skipped.
   */
  static List<ClerkEvents> discover(ClassLoader loader, OutageReporter outages) {
    List<ClerkEvents> found = new ArrayList<>();
    Iterator<ClerkEvents> it = ServiceLoader.load(ClerkEvents.class, loader).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          return found;
        }
        found.add(it.next());
      } catch (ServiceConfigurationError e) {
        outages.operator(
            LOG,
            "events-service:" + e.getMessage(),
            "Clerk: a ClerkEvents listener named in META-INF/services cannot be used and is skipped: "
                + e.getMessage());
      }
    }
  }

  /** {@return the listeners, in the order they are called} */
  public List<ClerkEvents> listeners() {
    return List.of(listeners);
  }

  /** {@return whether anything observes now: a listener, or a running flight recording} */
  public boolean active() {
    return listeners.length > 0 || recording;
  }

  private @Nullable Timing start(Kind kind, String method, String path) {
    boolean jfr = recording;
    if (listeners.length == 0 && !jfr) {
      return null;
    }
    return new Timing(this, kind, jfr ? JfrEvents.begin(kind) : null, method, path);
  }

  // ---- requests --------------------------------------------------------------------------

  /** {@return a started request, or {@code null} when nothing observes} */
  public @Nullable Timing requestStarted() {
    return start(Kind.REQUEST, "", "");
  }

  /**
   * Ends a request: a handshake redirect (when the state is one), then the outcome.
   *
   * @param timing what {@link #requestStarted()} returned
   * @param state the decision
   * @return {@code state}
   */
  public RequestState requestEnded(@Nullable Timing timing, RequestState state) {
    if (timing == null) {
      return state;
    }
    long nanos = timing.elapsed();
    AuthReason reason = state.reason();
    String reasonValue = reason == null ? "" : reason.value();
    if (state.status() == AuthStatus.HANDSHAKE) {
      Timing redirect = start(Kind.HANDSHAKE, "", "");
      if (redirect != null) {
        handshakeEnded(redirect, Handshake.Phase.REDIRECTED, reasonValue, 0);
      }
    }
    TokenType type = state.tokenType();
    if (timing.jfr != null) {
      JfrEvents.request(
          timing.jfr, state.status().value(), reasonValue, type == null ? "" : type.value());
    }
    if (listeners.length > 0) {
      deliver(new RequestOutcome(state.status(), reason, type, nanos));
    }
    return state;
  }

  // ---- handshakes and refreshes (the request flow) -----------------------------------------

  /** {@return a started handshake resolution, or {@code null} when nothing observes} */
  public @Nullable Timing handshakeStarted() {
    return start(Kind.HANDSHAKE, "", "");
  }

  /**
   * Ends a handshake resolution.
   *
   * @param timing what {@link #handshakeStarted()} returned
   * @param resolved whether it was resolved (else it failed)
   * @param reason the resolved state's reason (empty when signed in) or the failure's cause
   */
  public void handshakeEnded(@Nullable Timing timing, boolean resolved, String reason) {
    if (timing != null) {
      handshakeEnded(
          timing,
          resolved ? Handshake.Phase.RESOLVED : Handshake.Phase.FAILED,
          reason,
          timing.elapsed());
    }
  }

  private void handshakeEnded(Timing timing, Handshake.Phase phase, String reason, long nanos) {
    if (timing.jfr != null) {
      JfrEvents.handshake(timing.jfr, phase.name(), reason);
    }
    if (listeners.length > 0) {
      deliver(new Handshake(phase, reason, nanos));
    }
  }

  /** {@return a started session refresh, or {@code null} when nothing observes} */
  public @Nullable Timing refreshStarted() {
    return start(Kind.REFRESH, "", "");
  }

  /**
   * Ends a session refresh.
   *
   * @param timing what {@link #refreshStarted()} returned
   * @param failure Clerk's refresh error, or {@code null} when refreshed
   */
  public void refreshEnded(@Nullable Timing timing, @Nullable String failure) {
    if (timing == null) {
      return;
    }
    long nanos = timing.elapsed();
    if (timing.jfr != null) {
      JfrEvents.refresh(timing.jfr, failure == null, failure == null ? "" : failure);
    }
    if (listeners.length > 0) {
      deliver(new SessionRefresh(failure, nanos));
    }
  }

  // ---- Telemetry (the JWKS source and the Backend API client) -------------------------------

  @Override
  public @Nullable Timing jwksFetch() {
    return start(Kind.JWKS, "", "");
  }

  @Override
  public @Nullable Timing backendCall(String method, String pathTemplate) {
    return start(Kind.BACKEND, method, pathTemplate);
  }

  private void callEnded(Timing timing, int value, @Nullable Throwable error) {
    long nanos = timing.elapsed();
    if (timing.kind == Kind.JWKS) {
      TokenVerificationReason failure = null;
      String cause = null;
      if (error != null) {
        failure =
            error instanceof TokenVerificationException t
                ? t.reason()
                : TokenVerificationReason.JWK_REMOTE_FAILED_TO_LOAD;
        Throwable under =
            error instanceof TokenVerificationException && error.getCause() != null
                ? error.getCause()
                : error;
        cause = under.getClass().getName();
      }
      int keys = error == null ? value : 0;
      if (timing.jfr != null) {
        JfrEvents.jwks(
            timing.jfr, keys, failure == null ? "" : failure.value(), cause == null ? "" : cause);
      }
      if (listeners.length > 0) {
        deliver(new JwksFetch(keys, failure, cause, nanos));
      }
    } else {
      String cause = error == null ? null : error.getClass().getName();
      int status = error == null ? value : 0;
      if (timing.jfr != null) {
        JfrEvents.backend(
            timing.jfr, timing.method, timing.path, status, cause == null ? "" : cause);
      }
      if (listeners.length > 0) {
        deliver(new BackendCall(timing.method, timing.path, status, cause, nanos));
      }
    }
  }

  // ---- delivery ----------------------------------------------------------------------------

  private void deliver(Object event) {
    for (ClerkEvents l : listeners) {
      try {
        if (event instanceof RequestOutcome e) {
          l.requestAuthenticated(e);
        } else if (event instanceof JwksFetch e) {
          l.jwksFetched(e);
        } else if (event instanceof Handshake e) {
          l.handshake(e);
        } else if (event instanceof SessionRefresh e) {
          l.sessionRefreshed(e);
        } else if (event instanceof BackendCall e) {
          l.backendCalled(e);
        }
      } catch (RuntimeException e) {
        outages.listenerFailed(LOG, l.getClass().getName(), e);
      }
    }
  }

  /** Stops watching JFR (the JVM-wide registration); the listeners are kept. Idempotent. */
  @Override
  public void close() {
    JfrWatch w = watch;
    if (w != null) {
      w.close();
    }
  }

  @Override
  public String toString() {
    return "EventPublisher{listeners="
        + listeners.length
        + ", jfr="
        + (watch != null)
        + ", recording="
        + recording
        + "}";
  }

  /**
   * One piece of work being observed: its start and, while a recording runs, its begun JFR event.
   * Ended once, by the matching {@code *Ended} method of its publisher or, for the calls of {@link
   * Telemetry}, by {@link #done} or {@link #failed}. Used by one caller at a time.
   *
   * @since 0.1
   */
  @SuppressWarnings("exports") // Telemetry.Span is not exported (see EventPublisher)
  public static final class Timing implements Telemetry.Span {
    private final EventPublisher owner;
    private final Kind kind;
    private final long startNanos;
    // Typed Object so that this class never names a jdk.jfr type (see JfrEvents).
    private final @Nullable Object jfr;
    private final String method;
    private final String path;

    private Timing(
        EventPublisher owner, Kind kind, @Nullable Object jfr, String method, String path) {
      this.owner = owner;
      this.kind = kind;
      this.jfr = jfr;
      this.method = method;
      this.path = path;
      this.startNanos = System.nanoTime();
    }

    long elapsed() {
      return Math.max(0, System.nanoTime() - startNanos);
    }

    @Override
    public void done(int value) {
      owner.callEnded(this, value, null);
    }

    @Override
    public void failed(Throwable error) {
      owner.callEnded(this, 0, Objects.requireNonNull(error, "error == null"));
    }

    @Override
    public String toString() {
      return "Timing{" + kind + "}";
    }
  }
}
