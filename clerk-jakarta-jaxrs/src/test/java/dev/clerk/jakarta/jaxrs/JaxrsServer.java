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
import java.util.Map;

/**
 * One embedded Jetty 12 server ({@link TestedEe}: ee10 or ee11; ephemeral loopback port) with a
 * JAX-RS servlet at {@code /app/*}: alone, with the {@link Clerk} shared through the {@code
 * ServletContext}, or behind the real {@link ClerkFilter} (the README's combined setup: the filter
 * creates and shares the Clerk, protects no path, and JAX-RS reuses its decision).
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

  private final TestApp.Running app;
  private final URI base;

  private JaxrsServer(TestApp.Running app) {
    this.app = app;
    this.base = app.base();
  }

  static JaxrsServer start(ServletSpec jaxrs, FakeClerk fake, Setup setup) throws Exception {
    TestApp app = new TestApp();
    if (setup == Setup.BEHIND_CLERK_FILTER) {
      app.filter(
          ClerkFilter.class,
          "/*",
          EnumSet.of(DispatcherType.REQUEST),
          Map.of(
              ClerkFilter.SECRET_KEY_PARAM, fake.secretKey(),
              ClerkFilter.PUBLISHABLE_KEY_PARAM, fake.publishableKey(),
              ClerkFilter.API_URL_PARAM, fake.apiUrl()));
    } else {
      app.attribute(
          Clerk.CONTEXT_ATTRIBUTE,
          Clerk.builder()
              .secretKey(fake.secretKey())
              .publishableKey(fake.publishableKey())
              .apiUrl(fake.apiUrl())
              .build());
    }
    return new JaxrsServer(app.servlet(jaxrs, "/*").start());
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
    app.stop();
  }
}
