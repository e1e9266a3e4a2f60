package dev.clerk.jakarta.core.internal.http;

import java.net.http.HttpRequest;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The one deadline of the calls to Clerk a request waits on (issue 10): while a request is
 * authenticated, every call it causes (a JWKS fetch, a handshake payload, a machine-token
 * verification, a session refresh) and every wait for a call another request started share the time
 * left of one budget, {@code http-timeout-ms} from the request's start, so that two calls in a row
 * (a handshake payload, then the JWKS fetch its token needs) cannot hold the request thread twice
 * as long.
 *
 * <p>The deadline belongs to the thread that runs {@link #within}: the request authentication is
 * synchronous on the request thread, and the waits that consult {@link #boundNanos} run there too.
 * It is removed when {@code within} returns, so no value stays on a container's pooled thread.
 * Without a deadline (an application calling {@code verifyToken} or the Backend API client itself,
 * a background refresh on a Clerk's worker) {@link #boundNanos} returns the call's own limit.
 *
 * <p>Thread-safe: each thread sees only its own deadline.
 *
 * @since 0.1
 */
public final class Deadline {
  private static final ThreadLocal<@Nullable Deadline> CURRENT = new ThreadLocal<>();

  private final long endNanos;
  private final Duration budget;

  private Deadline(long endNanos, Duration budget) {
    this.endNanos = endNanos;
    this.budget = budget;
  }

  /**
   * {@return {@code work}'s result, computed with a deadline {@code budget} from now on this
   * thread} A deadline already running on this thread that ends sooner stays in force.
   *
   * @param budget the time the calls {@code work} causes may take together (positive)
   * @param work the work, e.g. a request's authentication
   * @param <T> the result type
   */
  public static <T> T within(Duration budget, Supplier<T> work) {
    Objects.requireNonNull(budget, "budget == null");
    Objects.requireNonNull(work, "work == null");
    Deadline outer = CURRENT.get();
    Deadline mine = new Deadline(System.nanoTime() + budget.toNanos(), budget);
    if (outer != null && outer.endNanos - mine.endNanos <= 0) {
      return work.get();
    }
    CURRENT.set(mine);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  /**
   * {@return how long a wait of at most {@code limitNanos} may last on this thread: {@code
   * limitNanos}, or the time left of this thread's deadline when that is shorter; never negative}
   *
   * @param limitNanos the wait's own limit
   */
  public static long boundNanos(long limitNanos) {
    Deadline d = CURRENT.get();
    if (d == null) {
      return Math.max(0, limitNanos);
    }
    return Math.max(0, Math.min(limitNanos, d.endNanos - System.nanoTime()));
  }

  /**
   * {@return whether this thread's deadline, if any, ends before {@code limitNanos} from now}
   *
   * @param limitNanos a wait's own limit
   */
  public static boolean cuts(long limitNanos) {
    Deadline d = CURRENT.get();
    return d != null && d.endNanos - System.nanoTime() < limitNanos;
  }

  /**
   * {@return {@code request}, or a copy timed to this thread's deadline when that ends before the
   * request's own timeout} The one timeout then bounds connect, the JDK client's own retry of a
   * GET, every attempt of the transport's retry rule and the body.
   *
   * @param request the request
   * @param what the call, for the message
   * @throws Deadline.Exceeded when the deadline has passed: the call is not sent
   */
  static HttpRequest timed(HttpRequest request, String what) throws Deadline.Exceeded {
    long limit = request.timeout().map(Duration::toNanos).orElse(Long.MAX_VALUE);
    if (!Deadline.cuts(limit)) {
      return request;
    }
    long left = Deadline.boundNanos(limit);
    if (left <= 0) {
      throw new Deadline.Exceeded(
          what + " not sent: the request's time for calls to Clerk is spent");
    }
    return HttpRequest.newBuilder(request, (name, value) -> true)
        .timeout(Duration.ofNanos(left))
        .build();
  }

  /**
   * {@return whether the deadline left {@code bounded} less than half of {@code request}'s own
   * timeout} A call that had at least half of its time and still did not answer counts as Clerk
   * being slow (its caller backs off); one starved by the calls before it in the same request does
   * not.
   *
   * @param request the request as built, with its own timeout
   * @param bounded what {@link #timed} made of it
   */
  static boolean starved(HttpRequest request, HttpRequest bounded) {
    // A request timed() left as it was has its own timeout (positive): never less than half of it.
    long own = request.timeout().map(Duration::toNanos).orElse(Long.MAX_VALUE);
    long given = bounded.timeout().map(Duration::toNanos).orElse(Long.MAX_VALUE);
    return given < own / 2;
  }

  /**
   * A wait for Clerk ended, or a call was not sent, because the deadline of the request that waited
   * ran out ({@link #within}) while the call had less than half of its own timeout (earlier calls
   * of the request spent the rest): Clerk was not necessarily slow, so callers do not count it as
   * Clerk failing (no back-off).
   */
  public static final class Exceeded extends HttpTimeoutException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what ran out
     */
    public Exceeded(String message) {
      super(message);
    }

    /**
     * {@return whether {@code t} or one of its causes is an {@code Exceeded}}
     *
     * @param t a failure
     */
    public static boolean in(@Nullable Throwable t) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        if (c instanceof Exceeded) {
          return true;
        }
      }
      return false;
    }
  }

  @Override
  public String toString() {
    return "Deadline{budget=" + budget + "}";
  }
}
