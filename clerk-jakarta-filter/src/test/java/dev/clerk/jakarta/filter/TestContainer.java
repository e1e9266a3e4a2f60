package dev.clerk.jakarta.filter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.BufferUtil;

/**
 * An embedded container serving exploded web applications (each with a real {@code web.xml}), one
 * start for all of them, and raw HTTP/1.1 exchanges with it.
 */
interface TestContainer {
  /** Sends a raw HTTP/1.1 request (ending with an empty line) and parses the response. */
  RawResponse exchange(String rawRequest) throws Exception;

  /** Stops the container. */
  void stop() throws Exception;

  /**
   * {@return Jetty 12 ({@code ee10}, or {@code ee11} when {@link TestedEe} says so) with a {@link
   * LocalConnector}}
   *
   * @param apps context path to directory
   */
  static TestContainer jetty(Map<String, Path> apps) throws Exception {
    Server server = new Server();
    LocalConnector connector = new LocalConnector(server);
    server.addConnector(connector);
    JettyEnvironment jetty = JettyEnvironment.current();
    ContextHandler[] contexts =
        apps.entrySet().stream()
            .map(e -> jetty.webApp(e.getKey().isEmpty() ? "/" : e.getKey(), e.getValue(), true))
            .toArray(ContextHandler[]::new);
    server.setHandler(new ContextHandlerCollection(contexts));
    server.start();
    return new TestContainer() {
      @Override
      public RawResponse exchange(String rawRequest) throws Exception {
        ByteBuffer response =
            connector.getResponse(BufferUtil.toBuffer(rawRequest), 10, TimeUnit.SECONDS);
        if (response == null) {
          throw new IOException("no response from Jetty within 10 s");
        }
        return RawResponse.parse(BufferUtil.toArray(response));
      }

      @Override
      public void stop() throws Exception {
        server.stop();
      }
    };
  }

  /**
   * {@return Tomcat (10.1, or 11 when {@link TestedEe} says so) on an ephemeral loopback port, with
   * the default servlet mapped to {@code /} in each application (no global {@code conf/web.xml}, so
   * no JSP)}
   *
   * @param apps context path ({@code ""} for the root) to directory
   */
  static TestContainer tomcat(Map<String, Path> apps) throws Exception {
    Tomcat tomcat = new Tomcat();
    tomcat.setBaseDir(
        Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "test-apps").toAbsolutePath()), "tomcat")
            .toString());
    tomcat.setPort(0);
    tomcat.setAddDefaultWebXmlToWebapp(false);
    tomcat.getConnector().setProperty("address", InetAddress.getLoopbackAddress().getHostAddress());
    for (Map.Entry<String, Path> e : apps.entrySet()) {
      Context ctx = tomcat.addWebapp(e.getKey(), e.getValue().toString());
      Tomcat.addServlet(ctx, "default", "org.apache.catalina.servlets.DefaultServlet")
          .setLoadOnStartup(1);
      ctx.addServletMappingDecoded("/", "default");
      StandardJarScanner scanner = new StandardJarScanner();
      scanner.setScanClassPath(false);
      scanner.setScanManifest(false);
      ctx.setJarScanner(scanner);
    }
    tomcat.start();
    int port = tomcat.getConnector().getLocalPort();
    return new TestContainer() {
      @Override
      public RawResponse exchange(String rawRequest) throws Exception {
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
      public void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
      }
    };
  }
}
