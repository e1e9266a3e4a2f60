package dev.clerk.jakarta.jaxrs;

import static dev.clerk.jakarta.jaxrs.AbstractIssue9Suite.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.clerk.jakarta.jaxrs.JaxrsServer.Setup;
import jakarta.ws.rs.core.Application;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Issue 9 regression tests on Jersey. */
@Tag("jersey")
class Issue9JerseyTest extends AbstractIssue9Suite {
  @Override
  ServletSpec jaxrsServlet(Class<? extends Application> application) {
    return ServletSpec.jaxrs(ServletContainer.class, application);
  }

  // A forward from a resource method back into the application: Jersey only, because on Jetty 12
  // RESTEasy's injected request cannot be forwarded ("could not find ServletContextRequest").
  @ParameterizedTest
  @EnumSource(Setup.class)
  void forwardWhenDispatchedToAnotherResourceThenItsOwnRulesAndDecisionApply(Setup setup)
      throws Exception {
    assertRefused(401, get(setup, "forward/locked/sub"));
    assertRefused(401, get(setup, "forward/machine/admin", "Authorization", bearer(admin)));
    // The forwarding method accepted the API key; its target accepts sessions only.
    assertRefused(401, get(setup, "forward/as-machine/gate/in", "Authorization", bearer(API_KEY)));
    assertEquals(
        "sub body",
        get(setup, "forward/as-machine/gate/in", "Authorization", bearer(member)).body());
    assertEquals(
        "auth=- principal=- admin=false scheme=null attribute=- servlet=- servletAdmin=false remoteUser=null",
        get(setup, "forward/as-machine/machine/whoami", "Authorization", bearer(admin)).body());
  }
}
