package dev.clerk.jakarta.examples.security;

import dev.clerk.jakarta.examples.servlet.DeployedServer;
import dev.clerk.jakarta.examples.servlet.PayaraMicroServer;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code security-war.war} in Payara Micro 6 (Jakarta EE 10) on the build's Java, deployed at
 * {@code /} ({@link PayaraMicroServer}), its roles mapped in {@code WEB-INF/glassfish-web.xml}: the
 * contract of {@link SecurityWarContract}.
 */
class PayaraMicro6SecurityWarIT extends SecurityWarContract {
  @Override
  DeployedServer deploy(Path war, Map<String, String> env) throws Exception {
    return PayaraMicroServer.deploy(
        "Payara Micro 6",
        Path.of(System.getProperty("java.home"), "bin", "java"),
        existingFile("payara-micro6.jar"),
        war,
        "payara-micro6-security",
        env);
  }
}
