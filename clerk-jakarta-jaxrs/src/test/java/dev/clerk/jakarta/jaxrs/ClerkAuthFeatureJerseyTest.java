package dev.clerk.jakarta.jaxrs;

import jakarta.ws.rs.core.Application;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.Tag;

/** The suite on Jersey ({@code jersey-container-servlet-core}). */
@Tag("jersey")
class ClerkAuthFeatureJerseyTest extends AbstractClerkAuthFeatureSuite {
  @Override
  ServletSpec jaxrsServlet(Class<? extends Application> application) {
    return ServletSpec.jaxrs(ServletContainer.class, application);
  }
}
