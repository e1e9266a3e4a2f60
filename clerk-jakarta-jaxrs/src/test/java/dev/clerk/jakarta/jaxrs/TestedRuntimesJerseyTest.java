package dev.clerk.jakarta.jaxrs;

import static dev.clerk.jakarta.jaxrs.TestedRuntimes.assertServletVersionOfThisRun;
import static dev.clerk.jakarta.jaxrs.TestedRuntimes.jarOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.glassfish.jersey.server.ApplicationHandler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Jersey suites of this run run on the Jersey, Jakarta REST API and Jetty of its {@link
 * TestedEe}.
 */
@Tag("jersey")
class TestedRuntimesJerseyTest {
  @Test
  void jerseyWhenLoadedThenOfTheJakartaEeOfThisRun() {
    String jar = jarOf(ApplicationHandler.class);
    assertTrue(jar.startsWith("jersey-server-" + TestedEe.current().jerseyVersion()), jar);
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
