package dev.clerk.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.clerk.jakarta.core.Clerk;
import org.jboss.resteasy.plugins.server.servlet.HttpServlet30Dispatcher;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The lifecycle suite on RESTEasy, which has no shutdown callback. */
@Tag("resteasy")
class ClerkAuthFeatureLifecycleResteasyTest extends AbstractLifecycleSuite {
  @Override
  Class<? extends jakarta.servlet.Servlet> servlet() {
    return HttpServlet30Dispatcher.class;
  }

  @Test
  void configureWhenFeatureCreatedTheClerkOnResteasyThenLeftOpenAsDocumented() throws Exception {
    fromEnvironment();
    deploy(TestApplication.class, false, null);
    useClerk();
    Clerk created = shared();

    server.stop();

    // RESTEasy has no shutdown callback (see ClerkAuthFeature, "Lifecycle").
    assertFalse(created.isClosed());
    created.close();
  }
}
