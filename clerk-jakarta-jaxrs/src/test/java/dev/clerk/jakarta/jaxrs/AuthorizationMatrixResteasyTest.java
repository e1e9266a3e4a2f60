package dev.clerk.jakarta.jaxrs;

import jakarta.ws.rs.core.Application;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;
import org.junit.jupiter.api.Tag;

/** The authorization matrix on RESTEasy. */
@Tag("resteasy")
class AuthorizationMatrixResteasyTest extends AbstractAuthorizationMatrixSuite {
  @Override
  ServletSpec jaxrsServlet(Class<? extends Application> application) {
    return ServletSpec.jaxrs(HttpServlet30Dispatcher.class, application);
  }
}
