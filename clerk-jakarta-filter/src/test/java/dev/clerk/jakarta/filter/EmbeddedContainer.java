package dev.clerk.jakarta.filter;

import jakarta.servlet.ServletContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.BufferUtil;

/**
 * Embedded Jetty 12 (ee10) and Tomcat 10.1, each with one web application deployed from a directory
 * with a real {@code web.xml}, for tests that undeploy it or send raw requests to it. Not
 * thread-safe.
 */
public enum EmbeddedContainer {
  JETTY {
    @Override
    Deployment deploy(String contextPath, Path dir) throws Exception {
      Server server = new Server();
      LocalConnector connector = new LocalConnector(server);
      server.addConnector(connector);
      ContextHandlerCollection contexts = new ContextHandlerCollection();
      server.setHandler(contexts);
      server.start();
      WebAppContext ctx = new WebAppContext();
      ctx.setContextPath(contextPath);
      ctx.setWar(dir.toString());
      ctx.setParentLoaderPriority(true);
      ctx.setThrowUnavailableOnStartupException(true);
      contexts.addHandler(ctx);
      ctx.start();
      return new Deployment() {
        @Override
        public ServletContext servletContext() {
          return ctx.getServletContext();
        }

        @Override
        public String get(String path, String... headers) throws Exception {
          ByteBuffer response =
              connector.getResponse(
                  BufferUtil.toBuffer(request(path, headers)), 10, TimeUnit.SECONDS);
          return BufferUtil.toString(response);
        }

        @Override
        public void undeploy() throws Exception {
          ctx.stop();
          contexts.removeHandler(ctx);
        }

        @Override
        public void close() {
          try {
            server.stop();
          } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
          }
        }
      };
    }
  },
  TOMCAT {
    @Override
    Deployment deploy(String contextPath, Path dir) throws Exception {
      Tomcat tomcat = new Tomcat();
      tomcat.setBaseDir(
          Files.createTempDirectory(
                  Files.createDirectories(Path.of("target", "test-apps").toAbsolutePath()),
                  "tomcat")
              .toString());
      tomcat.setPort(0);
      tomcat.setAddDefaultWebXmlToWebapp(false);
      tomcat
          .getConnector()
          .setProperty("address", InetAddress.getLoopbackAddress().getHostAddress());
      tomcat.start();
      Context ctx = tomcat.addWebapp(contextPath, dir.toString());
      StandardJarScanner scanner = new StandardJarScanner();
      scanner.setScanClassPath(false);
      scanner.setScanManifest(false);
      ctx.setJarScanner(scanner);
      int port = tomcat.getConnector().getLocalPort();
      return new Deployment() {
        @Override
        public ServletContext servletContext() {
          return ctx.getServletContext();
        }

        @Override
        public String get(String path, String... headers) throws Exception {
          try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request(path, headers).getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
          }
        }

        @Override
        public void undeploy() {
          tomcat.getHost().removeChild(ctx); // stops and destroys the context
        }

        @Override
        public void close() {
          try {
            tomcat.stop();
            tomcat.destroy();
          } catch (Exception e) {
            throw new IllegalStateException("Tomcat did not stop", e);
          }
        }
      };
    }
  };

  abstract Deployment deploy(String contextPath, Path dir) throws Exception;

  static String request(String path, String... headers) {
    StringBuilder sb =
        new StringBuilder("GET ")
            .append(path)
            .append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
    for (String h : headers) {
      sb.append(h).append("\r\n");
    }
    return sb.append("\r\n").toString();
  }

  /** One application deployed from a directory. */
  interface Deployment extends AutoCloseable {
    ServletContext servletContext();

    /** Sends {@code GET path} with the headers ({@code Name: value}); returns the raw response. */
    String get(String path, String... headers) throws Exception;

    /** {@link #get}, parsed. */
    default RawResponse send(String path, String... headers) throws Exception {
      return RawResponse.parse(get(path, headers).getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Stops and removes the application, as an undeploy does. */
    void undeploy() throws Exception;

    /** Stops the container. */
    @Override
    void close();
  }
}
