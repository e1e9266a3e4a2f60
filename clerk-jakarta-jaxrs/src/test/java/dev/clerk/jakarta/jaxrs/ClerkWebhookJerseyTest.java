package dev.clerk.jakarta.jaxrs;

import jakarta.ws.rs.core.Application;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.Tag;

/** The webhook suite on Jersey. */
@Tag("jersey")
class ClerkWebhookJerseyTest extends AbstractClerkWebhookSuite {
  @Override
  ServletSpec jaxrsServlet(Class<? extends Application> application) {
    return ServletSpec.jaxrs(ServletContainer.class, application);
  }
}
