package dev.clerk.jakarta.jaxrs;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.filter.ClerkFilter;
import dev.clerk.jakarta.testing.FakeClerk;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * One embedded Jetty 12 ee10 server (ephemeral loopback port) with a JAX-RS servlet at {@code
 * /app/*}: alone, with the {@link Clerk} shared through the {@code ServletContext}, or behind the
 * real {@link ClerkFilter} (the README's combined setup: the filter creates and shares the Clerk,
 * protects no path, and JAX-RS reuses its decision).
 */
final class JaxrsServer {
  /** How the JAX-RS servlet is deployed. */
  enum Setup {
    /** ClerkAuthFeature alone. */
    ALONE,
    /** The servlet filter in front of the JAX-RS servlet. */
    BEHIND_CLERK_FILTER
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final Server server;
  private final URI base;

  private JaxrsServer(Server server, URI base) {
    this.server = server;
    this.base = base;
  }

  static JaxrsServer start(ServletHolder jaxrs, FakeClerk fake, Setup setup) throws Exception {
    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/app");
    if (setup == Setup.BEHIND_CLERK_FILTER) {
      FilterHolder filter = new FilterHolder(ClerkFilter.class);
      filter.setInitParameter(ClerkFilter.SECRET_KEY_PARAM, fake.secretKey());
      filter.setInitParameter(ClerkFilter.PUBLISHABLE_KEY_PARAM, fake.publishableKey());
      filter.setInitParameter(ClerkFilter.API_URL_PARAM, fake.apiUrl());
      context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
    } else {
      context.setAttribute(
          Clerk.CONTEXT_ATTRIBUTE,
          Clerk.builder()
              .secretKey(fake.secretKey())
              .publishableKey(fake.publishableKey())
              .apiUrl(fake.apiUrl())
              .build());
    }
    jaxrs.setInitOrder(1);
    context.addServlet(jaxrs, "/*");
    server.setHandler(context);
    server.start();
    return new JaxrsServer(server, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/app/"));
  }

  /**
   * Sends a request without a body.
   *
   * @param method the method
   * @param path the raw path below {@code /app/} (percent-encodings and {@code ;} kept as given)
   * @param headers name, value, name, value, …
   */
  HttpResponse<String> send(String method, String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  void stop() throws Exception {
    server.stop();
  }
}
