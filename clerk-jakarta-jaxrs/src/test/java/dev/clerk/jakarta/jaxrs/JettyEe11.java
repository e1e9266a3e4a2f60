package dev.clerk.jakarta.jaxrs;

import jakarta.servlet.ServletContext;
import java.net.URI;
import org.eclipse.jetty.ee11.servlet.FilterHolder;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.ee11.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Starts a {@link TestApp} in Jetty 12 {@code ee11} (Servlet 6.1); loaded only in runs of that
 * generation.
 */
final class JettyEe11 {
  private JettyEe11() {}

  static TestApp.Running start(TestApp app) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/app");
    app.attributes.forEach(context::setAttribute);
    for (TestApp.FilterMapping f : app.filters) {
      FilterHolder holder = new FilterHolder(f.type());
      holder.setInitParameters(f.initParameters());
      holder.setAsyncSupported(f.asyncSupported());
      context.addFilter(holder, f.pattern(), f.dispatches());
    }
    for (TestApp.ServletMapping s : app.servlets) {
      ServletSpec spec = s.servlet();
      ServletHolder holder =
          spec.instance() != null
              ? new ServletHolder(spec.instance())
              : new ServletHolder(spec.type());
      holder.setInitParameters(spec.initParameters());
      if (spec.loadOnStartup()) {
        holder.setInitOrder(1);
      }
      context.addServlet(holder, s.pattern());
    }
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception | Error e) {
      server.stop();
      throw e;
    }
    URI base = URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/app/");
    return new TestApp.Running() {
      @Override
      public URI base() {
        return base;
      }

      @Override
      public ServletContext servletContext() {
        return context.getServletContext();
      }

      @Override
      public void stop() throws Exception {
        server.stop();
      }
    };
  }
}
