package dev.clerk.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle suite on Jersey, whose {@code ContainerLifecycleListener} tells the feature of a
 * shutdown.
 */
@Tag("jersey")
class ClerkAuthFeatureLifecycleJerseyTest extends AbstractLifecycleSuite {
  @Override
  Class<? extends jakarta.servlet.Servlet> servlet() {
    return ServletContainer.class;
  }

  @Test
  void configureWhenFeatureCreatedTheClerkOnJerseyThenShutdownClosesItOnceAndUnsharesIt()
      throws Exception {
    fromEnvironment();
    deploy(TestApplication.class, false, null);
    useClerk();
    Clerk created = shared();
    assertFalse(created.isClosed());

    server.stop();

    assertTrue(created.isClosed());
    assertEquals(1, closes.size());
    assertNull(server.servletContext().getAttribute(Clerk.CONTEXT_ATTRIBUTE));
  }
}
