package dev.clerk.jakarta.examples.servlet;

import java.nio.file.Path;
import java.util.Map;

/**
 * The WAR for full Jakarta EE servers ({@code clerk-servlet-example-ee.war}: no JSON-B/JSON-P of
 * its own, Payara's Yasson serves) deployed into Payara Micro 6 (Jakarta EE 10) on the build's
 * Java: the contract of {@link ServletWarContract}.
 */
class ServletWarPayaraMicro6IT extends ServletWarContract {
  @Override
  DeployedServer deploy(Map<String, String> env) throws Exception {
    return PayaraMicroServer.deploy(
        "Payara Micro 6",
        Path.of(System.getProperty("java.home"), "bin", "java"),
        existingFile("payara-micro6.jar"),
        existingFile("example.ee.war"),
        "payara-micro6",
        env);
  }
}
