package dev.clerk.jakarta.filter;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link ClerkWebhookServlet} in embedded Tomcat ({@link TestedEe}: 10.1 or 11) on a loopback port.
 */
class ClerkWebhookServletTomcatTest extends WebhookEndpointTestBase {
  private static Tomcat tomcat;
  private static String base;

  @BeforeAll
  static void startTomcat() throws Exception {
    tomcat = new Tomcat();
    tomcat.setBaseDir(
        Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "test-apps").toAbsolutePath()), "tomcat")
            .toString());
    tomcat.setPort(0);
    tomcat.setAddDefaultWebXmlToWebapp(false);
    tomcat.getConnector().setProperty("address", InetAddress.getLoopbackAddress().getHostAddress());
    webapp("", app);
    webapp("/unconfigured", unconfiguredApp);
    tomcat.start();
    base = "http://127.0.0.1:" + tomcat.getConnector().getLocalPort();
  }

  private static void webapp(String contextPath, Path dir) {
    Context ctx = tomcat.addWebapp(contextPath, dir.toString());
    StandardJarScanner scanner = new StandardJarScanner();
    scanner.setScanClassPath(false);
    scanner.setScanManifest(false);
    ctx.setJarScanner(scanner);
  }

  @AfterAll
  static void stopTomcat() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }

  @Override
  int unavailableStatus() {
    // Tomcat answers a servlet that failed load-on-startup with 404.
    return 404;
  }

  @Override
  String base() {
    return base;
  }
}
