package dev.clerk.jakarta.core.events;

/**
 * Listens to what a {@code Clerk} does: the outcome of each authenticated request, each fetch of
 * the JWKS, each handshake redirect and resolution, each session refresh and each Backend API call.
 * Every method has a no-op default: override the ones you need.
 *
 * <pre>
 * Clerk clerk = Clerk.builder()
 *     .secretKey(System.getenv("CLERK_SECRET_KEY"))
 *     .events(new ClerkEvents() {
 *       &#64;Override
 *       public void requestAuthenticated(RequestOutcome outcome) {
 *         // count outcome.status(), time outcome.nanos()
 *       }
 *     })
 *     .build();
 * </pre>
 *
 * <h2>Registration</h2>
 *
 * <p>In code with {@code Clerk.Builder.events(ClerkEvents)} (call it once per listener), and, for a
 * {@code Clerk} that the servlet filter or the JAX-RS feature build from {@code web.xml} or the
 * environment, through {@link java.util.ServiceLoader}: a class named in the application's {@code
 * META-INF/services/dev.clerk.jakarta.core.events.ClerkEvents}, with a public no-argument
 * constructor, is found with the thread context class loader of the thread that builds the {@code
 * Clerk} (in a servlet container, the web application's own class loader), so each web application
 * sees its own listeners only, also where the library sits in the server's shared libraries. A
 * listener is code, so there is no setting for it. Listeners in code come first, in the order
 * given, then the discovered ones.
 *
 * <h2>Threads and order</h2>
 *
 * <ul>
 *   <li>Each method is called synchronously, on the thread that did the work, after it: the request
 *       thread for {@link #requestAuthenticated}, {@link #handshake} and {@link #sessionRefreshed};
 *       the request thread or one of the {@code Clerk}'s worker threads (a background refresh) for
 *       {@link #jwksFetched}; the calling thread or the HTTP client's thread (an asynchronous call)
 *       for {@link #backendCalled}. Listeners are therefore called concurrently and must be
 *       thread-safe, and quick: the request waits for them.
 *   <li>Within one request, the events of the work it caused (a JWKS fetch, a Backend API call, a
 *       refresh, a handshake resolution) come before its {@link #requestAuthenticated}. Across
 *       requests and threads there is no order.
 *   <li>Each event goes to every listener, in registration order.
 *   <li>A listener that throws a {@link RuntimeException} does not break the request: the exception
 *       is caught, logged at WARNING once per listener class (its stack trace at DEBUG) through the
 *       {@code Clerk}'s {@code outages()} reporter, and the other listeners and the request go on.
 * </ul>
 *
 * <p>With no listener and no flight recording running, a request reads no clock and allocates
 * nothing for events. Where the {@code jdk.jfr} module cannot be seen (a runtime without it;
 * WildFly's JBoss Modules, unless the deployment declares a dependency on {@code jdk.jfr}), there
 * are no JFR events and the listeners work as ever.
 *
 * <p>Implementations must be thread-safe.
 *
 * @since 0.1
 */
public interface ClerkEvents {
  /**
   * A request was authenticated ({@code Clerk.authenticateRequest}), by either adapter or directly.
   *
   * @param outcome its status, reason, token type and the time taken
   */
  default void requestAuthenticated(RequestOutcome outcome) {}

  /**
   * The JWKS was fetched from the Backend API, or the fetch failed.
   *
   * @param fetch the key count or the failure, and the time taken
   */
  default void jwksFetched(JwksFetch fetch) {}

  /**
   * A handshake redirect was issued, or a handshake was resolved or failed to resolve.
   *
   * @param handshake what happened and why
   */
  default void handshake(Handshake handshake) {}

  /**
   * An expired session token was refreshed through the Backend API, or the refresh failed.
   *
   * @param refresh the outcome and the time taken
   */
  default void sessionRefreshed(SessionRefresh refresh) {}

  /**
   * A Backend API call ended (its retries included).
   *
   * @param call the method, the path template, the status and the time taken
   */
  default void backendCalled(BackendCall call) {}
}
