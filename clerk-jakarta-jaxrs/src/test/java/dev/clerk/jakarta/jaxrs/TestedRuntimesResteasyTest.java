package dev.clerk.jakarta.jaxrs;

import static dev.clerk.jakarta.jaxrs.TestedRuntimes.assertServletVersionOfThisRun;
import static dev.clerk.jakarta.jaxrs.TestedRuntimes.jarOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jboss.resteasy.core.ResteasyDeploymentImpl;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The RESTEasy suites of this run run on the RESTEasy, Jakarta REST API and Jetty of its {@link
 * TestedEe}.
 */
@Tag("resteasy")
class TestedRuntimesResteasyTest {
  @Test
  void resteasyWhenLoadedThenOfTheJakartaEeOfThisRun() {
    String jar = jarOf(ResteasyDeploymentImpl.class);
    assertTrue(jar.startsWith("resteasy-core-" + TestedEe.current().resteasyVersion()), jar);
  }

  @Test
  void restApiWhenLoadedThenOfTheJakartaEeOfThisRun() {
    String jar = jarOf(jakarta.ws.rs.core.Application.class);
    assertTrue(jar.startsWith("jakarta.ws.rs-api-" + TestedEe.current().restApiVersion()), jar);
  }

  @Test
  void jettyWhenStartedThenImplementsTheServletVersionOfThisRun() throws Exception {
    assertServletVersionOfThisRun();
  }
}
