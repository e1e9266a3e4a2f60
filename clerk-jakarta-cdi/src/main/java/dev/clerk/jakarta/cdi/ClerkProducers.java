package dev.clerk.jakarta.cdi;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.SharedClerk;
import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.core.backend.BackendApi;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The CDI beans of Clerk: {@link Clerk} and its {@link BackendApi} (one per application,
 * {@code @Singleton}), and the request's {@link ClerkAuth} ({@code @RequestScoped}).
 *
 * <p><b>Which Clerk.</b> In a web application, the one the application shares through the {@code
 * ServletContext} attribute {@link Clerk#CONTEXT_ATTRIBUTE} ({@link SharedClerk}), so that {@code
 * ClerkFilter}, {@code ClerkAuthFeature}, the Jakarta Security mechanism and these beans hold one
 * Clerk and one key cache; when none shares one yet, it is built here from the same sources as the
 * filter's: the init-params of the application's {@code ClerkFilter} registration, then environment
 * variables, then system properties, then MicroProfile Config when the application has it (under
 * the system property names, e.g. {@code clerk.secretKey}). Outside a web application (Weld SE, a
 * batch job) it is built from environment variables, system properties and MicroProfile Config. A
 * missing or invalid setting fails the first injection with an {@link IllegalStateException} naming
 * the setting. The disposer (and, where a container does not dispose of {@code @Singleton} beans,
 * the producers' {@code @PreDestroy}) lets go when the container stops: a Clerk built here is
 * closed once its last holder (filter, feature, these beans) lets go; one the application built is
 * never closed here.
 *
 * <p>{@code Clerk} and {@code BackendApi} are {@code @Singleton}, not {@code @ApplicationScoped}:
 * they are final (immutable, thread-safe) and so cannot have a client proxy; the lifetime is the
 * same, one instance until the container stops.
 *
 * <p><b>Which {@code ClerkAuth}.</b> When {@code ClerkFilter}, {@code ClerkAuthFeature} or the
 * Jakarta Security mechanism already decided the current HTTP request (request attributes {@link
 * ClerkAuth#ATTRIBUTE} and {@link ClerkAuth#STATE_ATTRIBUTE}), that decision, never a second
 * verification; else the current {@code HttpServletRequest} (CDI's built-in bean) is authenticated
 * with the application's Clerk and token types, and the decision stored in those attributes for
 * every later layer; a CORS preflight is signed out. Without an HTTP request (no Servlet API, or a
 * request context that is not an HTTP request's), signed out. The instance is fixed for the request
 * at its first use.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
@ApplicationScoped
public class ClerkProducers {
  /** The name this adapter gives in the log line that tells a Clerk was built. */
  static final String ADAPTER = "clerk-jakarta-cdi";

  private final Object lock = new Object();

  /** Outside a web application: the attributes SharedClerk keeps its Clerk in. */
  private final Map<String, Object> ownAttributes = new ConcurrentHashMap<>();

  private SharedClerk.@Nullable Lease lease;

  /**
   * The application's {@code ServletContext}, from the
   * {@code @Initialized(ApplicationScoped.class)} event.
   */
  private volatile @Nullable Object servletContext;

  @Inject Instance<Object> beans;

  /** Creates the producers (CDI does). */
  public ClerkProducers() {}

  /**
   * {@return the application's Clerk}
   *
   * @throws IllegalStateException naming the setting when no Clerk is shared and the configuration
   *     does not make one
   */
  @Produces
  @Singleton
  public Clerk clerk() {
    synchronized (lock) {
      SharedClerk.Lease l = lease;
      if (l == null) {
        try {
          Object web = servletContext;
          if (web == null && ServletApi.PRESENT) {
            web = WebApplication.servletContext(beans);
          }
          l =
              web != null
                  ? WebApplication.acquire(web)
                  : SharedClerk.acquire(
                      SharedClerk.Attributes.of(
                          ownAttributes::get, ownAttributes::put, ownAttributes::remove),
                      ADAPTER,
                      Map.of());
        } catch (IllegalArgumentException e) {
          // The message names the setting and never carries a key's value.
          throw new IllegalStateException(
              ADAPTER + ": Clerk is not configured: " + e.getMessage(), e);
        }
        lease = l;
      }
      return l.clerk();
    }
  }

  /**
   * Remembers the web application the container started: in a servlet container the event's payload
   * is its {@code ServletContext} (CDI's built-in {@code ServletContext} bean cannot be used
   * outside a request everywhere). Elsewhere the payload is another object and nothing is
   * remembered.
   *
   * @param payload the event's payload
   */
  void started(@Observes @Initialized(ApplicationScoped.class) Object payload) {
    if (ServletApi.PRESENT && WebApplication.isServletContext(payload)) {
      servletContext = payload;
    }
  }

  /**
   * Lets go of the application's Clerk when the container disposes of it; closes it only when it
   * was built for the application and no other adapter holds it. Idempotent.
   *
   * @param clerk the Clerk
   */
  public void release(@Disposes Clerk clerk) {
    letGo();
  }

  /**
   * Lets go of the application's Clerk when these producers are destroyed (the container stops),
   * also where a container does not dispose of {@code @Singleton} beans. Idempotent.
   */
  @PreDestroy
  void letGo() {
    SharedClerk.Lease l;
    synchronized (lock) {
      l = lease;
      lease = null;
    }
    if (l != null) {
      l.release();
    }
  }

  /**
   * {@return the Backend API client of the application's Clerk (closed with it)}
   *
   * @param clerk the application's Clerk
   */
  @Produces
  @Singleton
  public BackendApi backendApi(Clerk clerk) {
    return clerk.backendApi();
  }

  /**
   * {@return the current request's authentication (see the class comment)}
   *
   * @param clerk the application's Clerk, looked up only when the request must be authenticated
   *     here
   */
  @Produces
  @RequestScoped
  public ClerkAuth clerkAuth(Instance<Clerk> clerk) {
    return ClerkAuth.of(ServletApi.PRESENT ? WebApplication.auth(beans, clerk::get) : null);
  }

  @Override
  public String toString() {
    synchronized (lock) {
      return "ClerkProducers{" + (lease == null ? "no Clerk yet" : lease) + "}";
    }
  }
}
