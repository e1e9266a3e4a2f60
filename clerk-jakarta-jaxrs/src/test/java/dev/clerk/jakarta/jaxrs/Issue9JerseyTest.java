package dev.clerk.jakarta.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.Tag;

/** Issue 9 regression tests on Jersey. */
@Tag("jersey")
class Issue9JerseyTest extends AbstractIssue9Suite {
  @Override
  ServletHolder jaxrsServlet(Class<? extends Application> application) {
    ServletHolder holder = new ServletHolder(ServletContainer.class);
    holder.setInitParameter("jakarta.ws.rs.Application", application.getName());
    return holder;
  }
}
