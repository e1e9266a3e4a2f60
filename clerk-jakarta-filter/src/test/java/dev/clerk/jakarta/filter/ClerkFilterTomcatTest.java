package dev.clerk.jakarta.filter;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The filter in embedded Tomcat 10.1, raw requests over a loopback socket. */
class ClerkFilterTomcatTest extends ContainerTestBase {
  private static Tomcat tomcat;
  private static int port;

  @BeforeAll
  static void startTomcat() throws Exception {
    tomcat = new Tomcat();
    tomcat.setBaseDir(java.nio.file.Files.createTempDirectory(
        java.nio.file.Files.createDirectories(java.nio.file.Path.of("target", "test-apps").toAbsolutePath()), "tomcat").toString());
    tomcat.setPort(0);
    tomcat.setAddDefaultWebXmlToWebapp(false); // no JSP
    tomcat.getConnector().setProperty("address", InetAddress.getLoopbackAddress().getHostAddress());
    webapp("", rootApp.toString());
    webapp("/outage", outageApp.toString());
    webapp("/machines", machineApp.toString());
    webapp("/interstitial", interstitialApp.toString());
    tomcat.start();
    port = tomcat.getConnector().getLocalPort();
  }

  private static void webapp(String contextPath, String dir) {
    Context ctx = tomcat.addWebapp(contextPath, dir);
    Tomcat.addServlet(ctx, "default", "org.apache.catalina.servlets.DefaultServlet").setLoadOnStartup(1);
    ctx.addServletMappingDecoded("/", "default");
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
  RawResponse exchange(String rawRequest) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(rawRequest.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      return RawResponse.parse(in.readAllBytes());
    }
  }

  @Override
  Map<String, Integer> pathConfusionStatuses() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("/api;jsessionid=1/whoami", 401);
    m.put("/api/./whoami", 401);
    m.put("/api/public/../whoami", 401);
    m.put("/admin;x=y/", 401);
    m.put("/files/report.secret;x=1", 401);
    m.put("/x/%2e%2e/api/whoami", 400);
    m.put("/api%2fwhoami", 400);
    m.put("/api/%2e/whoami", 400);
    m.put("/api%5cwhoami", 400);
    // Tomcat removes path parameters before resolving dot segments, and merges slashes.
    m.put("/public/..;/api/whoami", 401);
    m.put("/whoami/..;/api/whoami", 401);
    m.put("//api//whoami", 401);
    return m;
  }
}
