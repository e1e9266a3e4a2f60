package dev.clerk.jakarta.examples.servlet;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The WAR for full Jakarta EE servers ({@code clerk-servlet-example-ee.war}) deployed into Open
 * Liberty with the Jakarta EE 10 features it needs, {@code servlet-6.0} and {@code jsonb-3.0} (the
 * server's JSON-B, Yasson, serves the library), on the build's Java: the contract of {@link
 * ServletWarContract}.
 */
class ServletWarOpenLibertyIT extends ServletWarContract {
  @Override
  DeployedServer deploy(Map<String, String> env) throws Exception {
    return OpenLibertyServer.deploy(Path.of(System.getProperty("openliberty.home")), existingFile("example.ee.war"),
        List.of("servlet-6.0", "jsonb-3.0"), "openliberty", env);
  }
}
