package dev.clerk.jakarta.filter;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.auth.AcceptedTokens;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test listener: an application that builds its own {@link Clerk} (from context-params and {@link
 * #clock}), shares it through {@link Clerk#CONTEXT_ATTRIBUTE} and closes it itself. It records, per
 * context path, whether the Clerk was still open when the application stopped, i.e. after the
 * filter's {@code destroy()}.
 */
public class ApplicationClerkListener implements ServletContextListener {
  /** The clock of the next application's Clerk (tests move it by hand). */
  static volatile Clock clock = Clock.systemUTC();

  /** Context path to "the Clerk was open when the context was destroyed". */
  static final Map<String, Boolean> OPEN_AT_DESTROY = new ConcurrentHashMap<>();

  private Clerk clerk;

  @Override
  public void contextInitialized(ServletContextEvent event) {
    ServletContext sc = event.getServletContext();
    Clock c = clock;
    Duration timeout =
        Duration.ofMillis(Long.parseLong(sc.getInitParameter("test-http-timeout-ms")));
    clerk =
        Clerk.builder()
            .secretKey(sc.getInitParameter("test-secret-key"))
            .publishableKey(sc.getInitParameter("test-publishable-key"))
            .apiUrl(sc.getInitParameter("test-api-url"))
            .configure(o -> o.clock(c).requestTimeout(timeout).acceptsToken(AcceptedTokens.any()))
            .build();
    sc.setAttribute(Clerk.CONTEXT_ATTRIBUTE, clerk);
  }

  @Override
  public void contextDestroyed(ServletContextEvent event) {
    OPEN_AT_DESTROY.put(event.getServletContext().getContextPath(), !clerk.isClosed());
    clerk.close();
  }
}
