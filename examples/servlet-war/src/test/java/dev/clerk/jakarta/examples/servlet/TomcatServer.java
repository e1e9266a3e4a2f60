package dev.clerk.jakarta.examples.servlet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A {@link StandaloneTomcat} (10.1 or 11, whichever {@code home} holds) with one WAR deployed as
 * {@code ROOT.war}. Not thread-safe.
 */
final class TomcatServer implements DeployedServer {
  private final StandaloneTomcat tomcat;

  private TomcatServer(StandaloneTomcat tomcat) {
    this.tomcat = tomcat;
  }

  /**
   * Starts Tomcat in a fresh {@code CATALINA_BASE} {@code it.work.dir/<baseName>} with {@code war}
   * as its root application, and waits until {@code /health} answers 200.
   */
  static TomcatServer deploy(Path home, String baseName, Path war, Map<String, String> env)
      throws Exception {
    Path base = StandaloneTomcat.prepareBase(home, baseName);
    Files.copy(war, base.resolve("webapps/ROOT.war"));
    return new TomcatServer(StandaloneTomcat.start(home, base, env, "/health"));
  }

  @Override
  public String url() {
    return tomcat.url;
  }

  @Override
  public String console() throws IOException {
    return tomcat.console();
  }

  @Override
  public void stop() throws InterruptedException {
    tomcat.stop();
  }

  @Override
  public String toString() {
    return "Tomcat " + tomcat.home.getFileName() + " at " + tomcat.url;
  }
}
