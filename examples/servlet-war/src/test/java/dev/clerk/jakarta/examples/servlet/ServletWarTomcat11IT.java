package dev.clerk.jakarta.examples.servlet;

import java.nio.file.Path;
import java.util.Map;

/**
 * The built WAR deployed as {@code ROOT.war} into a real standalone Tomcat 11 (Jakarta EE 11,
 * Servlet 6.1), on the build's Java: the contract of {@link ServletWarContract}.
 */
class ServletWarTomcat11IT extends ServletWarContract {
  @Override
  DeployedServer deploy(Map<String, String> env) throws Exception {
    return TomcatServer.deploy(
        Path.of(System.getProperty("tomcat11.home")),
        "catalina-base-11",
        existingFile("example.war"),
        env);
  }
}
