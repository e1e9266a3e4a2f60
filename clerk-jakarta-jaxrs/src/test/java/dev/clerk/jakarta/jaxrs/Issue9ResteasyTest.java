package dev.clerk.jakarta.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;
import org.junit.jupiter.api.Tag;

/** Issue 9 regression tests on RESTEasy. */
@Tag("resteasy")
class Issue9ResteasyTest extends AbstractIssue9Suite {
  @Override
  ServletHolder jaxrsServlet(Class<? extends Application> application) {
    ServletHolder holder = new ServletHolder(HttpServlet30Dispatcher.class);
    holder.setInitParameter("jakarta.ws.rs.Application", application.getName());
    return holder;
  }
}
