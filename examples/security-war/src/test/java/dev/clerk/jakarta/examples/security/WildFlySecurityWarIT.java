package dev.clerk.jakarta.examples.security;

import dev.clerk.jakarta.examples.jaxrs.WildFlyServer;
import dev.clerk.jakarta.examples.servlet.DeployedServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code security-war.war} in a real standalone WildFly 37 ({@link WildFlyServer}), configured
 * first with {@code src/main/wildfly/clerk-security.cli} ({@code integrated-jaspi=false}): the
 * contract of {@link SecurityWarContract}.
 */
class WildFlySecurityWarIT extends SecurityWarContract {
  @Override
  DeployedServer deploy(Path war, Map<String, String> env) throws Exception {
    WildFlyServer wildfly = WildFlyServer.start(env, List.of(existingFile("wildfly.cli")));
    try {
      wildfly.deployFile(war, "security-war.war");
    } catch (Exception | AssertionError e) {
      wildfly.stop();
      throw e;
    }
    return new DeployedServer() {
      @Override
      public String url() {
        return wildfly.url() + "/security-war";
      }

      @Override
      public String console() {
        return wildfly.tail();
      }

      @Override
      public void stop() throws InterruptedException {
        wildfly.stop();
      }
    };
  }
}
