package dev.clerk.jakarta.jaxrs;

import jakarta.ws.rs.core.Application;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.Tag;

/** The authorization matrix on Jersey. */
@Tag("jersey")
class AuthorizationMatrixJerseyTest extends AbstractAuthorizationMatrixSuite {
  @Override
  ServletHolder jaxrsServlet(Class<? extends Application> application) {
    ServletHolder holder = new ServletHolder(ServletContainer.class);
    holder.setInitParameter("jakarta.ws.rs.Application", application.getName());
    return holder;
  }
}
