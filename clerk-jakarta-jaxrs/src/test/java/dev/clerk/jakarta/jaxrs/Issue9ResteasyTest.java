package dev.clerk.jakarta.jaxrs;

import jakarta.ws.rs.core.Application;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;
import org.junit.jupiter.api.Tag;

/** Issue 9 regression tests on RESTEasy. */
@Tag("resteasy")
class Issue9ResteasyTest extends AbstractIssue9Suite {
  @Override
  ServletSpec jaxrsServlet(Class<? extends Application> application) {
    return ServletSpec.jaxrs(HttpServlet30Dispatcher.class, application);
  }
}
