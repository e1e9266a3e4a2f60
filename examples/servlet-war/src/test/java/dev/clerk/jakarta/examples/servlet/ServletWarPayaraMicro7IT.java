package dev.clerk.jakarta.examples.servlet;

import java.util.Map;

/**
 * The WAR for full Jakarta EE servers ({@code clerk-servlet-example-ee.war}) deployed into Payara
 * Micro 7 (Jakarta EE 11, Servlet 6.1), which needs Java 21 or later: it runs on the JDK of system
 * property {@code ee11.java.home} (Temurin 25) when the build's Java is older. The contract of
 * {@link ServletWarContract}.
 */
class ServletWarPayaraMicro7IT extends ServletWarContract {
  @Override
  DeployedServer deploy(Map<String, String> env) throws Exception {
    return PayaraMicroServer.deploy(
        "Payara Micro 7",
        PayaraMicroServer.javaAtLeast(21, "ee11.java.home"),
        existingFile("payara-micro7.jar"),
        existingFile("example.ee.war"),
        "payara-micro7",
        env);
  }
}
