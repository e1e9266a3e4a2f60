package dev.clerk.jakarta.filter;

import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.handler.ContextHandler;

/** Jetty 12 {@code ee10} (Servlet 6.0). */
final class JettyEe10 implements JettyEnvironment {
  @Override
  public ContextHandler webApp(String contextPath, Path directory, boolean failOnUnavailable) {
    WebAppContext ctx = new WebAppContext();
    ctx.setContextPath(contextPath);
    ctx.setWar(directory.toString());
    ctx.setParentLoaderPriority(true);
    ctx.setThrowUnavailableOnStartupException(failOnUnavailable);
    return ctx;
  }

  @Override
  public ContextHandler servletContext(
      String contextPath,
      ServletContainerInitializer initializer,
      Map<String, Class<? extends Servlet>> servlets) {
    ServletContextHandler context = new ServletContextHandler(contextPath);
    context.addServletContainerInitializer(initializer);
    servlets.forEach((pattern, servlet) -> context.addServlet(servlet, pattern));
    return context;
  }

  @Override
  public ServletContext servletContextOf(ContextHandler handler) {
    return ((ServletContextHandler) handler).getServletContext();
  }
}
