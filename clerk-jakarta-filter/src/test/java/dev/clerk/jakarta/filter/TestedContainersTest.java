package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContext;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The containers the suites of this run start are those of its Jakarta EE generation ({@link
 * TestedEe}): what each surefire execution claims to prove is what ran.
 */
@Tag(TestedEe.CONTAINER_TAG)
class TestedContainersTest {
  @Test
  void jettyWhenStartedThenImplementsTheServletVersionOfThisRun() throws Exception {
    JettyEnvironment jetty = JettyEnvironment.current();
    ContextHandler context = jetty.servletContext("/", (classes, ctx) -> {}, Map.of());
    Server server = new Server();
    server.setHandler(context);
    server.start();
    try {
      ServletContext sc = jetty.servletContextOf(context);
      assertEquals(
          TestedEe.current().servletVersion(), sc.getMajorVersion() + "." + sc.getMinorVersion());
      assertTrue(sc.getServerInfo().startsWith("jetty/12."), sc.getServerInfo());
    } finally {
      server.stop();
    }
  }

  @Test
  void tomcatWhenStartedThenImplementsTheServletVersionOfThisRun() throws Exception {
    Path base =
        Files.createTempDirectory(
            Files.createDirectories(Path.of("target", "test-apps").toAbsolutePath()), "tomcat");
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    tomcat.setPort(0);
    tomcat.getConnector().setProperty("address", InetAddress.getLoopbackAddress().getHostAddress());
    Context context =
        tomcat.addContext("", Files.createDirectories(base.resolve("root")).toString());
    tomcat.start();
    try {
      ServletContext sc = context.getServletContext();
      assertEquals(
          TestedEe.current().servletVersion(), sc.getMajorVersion() + "." + sc.getMinorVersion());
      assertTrue(
          sc.getServerInfo().startsWith(TestedEe.current().tomcatServerInfo()), sc.getServerInfo());
    } finally {
      tomcat.stop();
      tomcat.destroy();
    }
  }
}
