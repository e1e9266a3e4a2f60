package dev.clerk.jakarta.examples.servlet;

import java.nio.file.Path;
import java.util.Map;

/**
 * The built WAR deployed as {@code ROOT.war} into a real standalone Tomcat 10.1 ({@code catalina.sh
 * run} as a process, free ports), configured through environment variables for a FakeClerk that
 * this test starts; checks the example's whole HTTP contract ({@link ServletWarContract}).
 */
class ServletWarIT extends ServletWarContract {
  @Override
  DeployedServer deploy(Map<String, String> env) throws Exception {
    return TomcatServer.deploy(
        Path.of(System.getProperty("tomcat.home")),
        "catalina-base",
        existingFile("example.war"),
        env);
  }
}
