package dev.clerk.jakarta.filter;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.server.handler.ContextHandler;

/**
 * Jetty 12's servlet environment of this run ({@link TestedEe}): {@code ee10} or {@code ee11},
 * whose classes live in different packages, behind one API. Only the implementation of this run is
 * loaded, so the other one's jars need not be on the class path.
 */
interface JettyEnvironment {
  /**
   * {@return a web application from an exploded directory with its {@code WEB-INF/web.xml}, loading
   * classes parent-first (the test class path)}
   *
   * @param contextPath the context path ({@code /} for the root)
   * @param directory the application's directory
   * @param failOnUnavailable whether a filter or servlet that cannot start fails the server's start
   */
  ContextHandler webApp(String contextPath, Path directory, boolean failOnUnavailable);

  /**
   * {@return a servlet context without {@code web.xml}, set up by {@code initializer}}
   *
   * @param contextPath the context path
   * @param initializer called when the context starts
   * @param servlets URL pattern to servlet class
   */
  ContextHandler servletContext(
      String contextPath,
      ServletContainerInitializer initializer,
      Map<String, Class<? extends Servlet>> servlets);

  /**
   * {@return the {@code ServletContext} of a handler made by this environment} @param handler the
   * handler
   */
  ServletContext servletContextOf(ContextHandler handler);

  /** {@return the environment of this run} */
  static JettyEnvironment current() {
    return TestedEe.current() == TestedEe.EE11 ? new JettyEe11() : new JettyEe10();
  }
}
