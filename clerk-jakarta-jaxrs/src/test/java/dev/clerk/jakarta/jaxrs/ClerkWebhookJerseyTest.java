package dev.clerk.jakarta.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.Tag;

/** The webhook suite on Jersey. */
@Tag("jersey")
class ClerkWebhookJerseyTest extends AbstractClerkWebhookSuite {
  @Override
  ServletHolder jaxrsServlet(Class<? extends Application> application) {
    ServletHolder holder = new ServletHolder(ServletContainer.class);
    holder.setInitParameter("jakarta.ws.rs.Application", application.getName());
    return holder;
  }
}
