package dev.clerk.jakarta.jaxrs;

import jakarta.ws.rs.core.Application;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;
import org.junit.jupiter.api.Tag;

/** The suite on RESTEasy ({@code resteasy-core}'s servlet dispatcher). */
@Tag("resteasy")
class ClerkAuthFeatureResteasyTest extends AbstractClerkAuthFeatureSuite {
  @Override
  ServletSpec jaxrsServlet(Class<? extends Application> application) {
    return ServletSpec.jaxrs(HttpServlet30Dispatcher.class, application);
  }
}
