package dev.clerk.jakarta.jaxrs;

import jakarta.ws.rs.core.Application;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;
import org.junit.jupiter.api.Tag;

/** The webhook suite on RESTEasy. */
@Tag("resteasy")
class ClerkWebhookResteasyTest extends AbstractClerkWebhookSuite {
  @Override
  ServletSpec jaxrsServlet(Class<? extends Application> application) {
    return ServletSpec.jaxrs(HttpServlet30Dispatcher.class, application);
  }
}
