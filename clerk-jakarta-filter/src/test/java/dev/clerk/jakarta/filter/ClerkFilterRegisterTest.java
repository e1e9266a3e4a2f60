package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.testing.FakeClerk;
import jakarta.servlet.FilterRegistration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Programmatic registration: {@link ClerkFilter#register} from a ServletContainerInitializer. */
@Tag(TestedEe.CONTAINER_TAG)
class ClerkFilterRegisterTest {
  @Test
  void registerWhenCalledFromInitializerThenProtectsAndSharesClerk() throws Exception {
    try (FakeClerk fake = FakeClerk.start()) {
      Clerk clerk =
          Clerk.builder()
              .secretKey(fake.secretKey())
              .publishableKey(fake.publishableKey())
              .apiUrl(fake.apiUrl())
              .build();
      Server server = new Server();
      LocalConnector connector = new LocalConnector(server);
      server.addConnector(connector);
      FilterRegistration[] registration = new FilterRegistration[1];
      JettyEnvironment jetty = JettyEnvironment.current();
      ContextHandler context =
          jetty.servletContext(
              "/",
              (classes, ctx) -> {
                FilterRegistration.Dynamic reg = ClerkFilter.register(ctx, clerk);
                reg.setInitParameter(ClerkFilter.PROTECT_PARAM, "/api/*");
                registration[0] = reg;
              },
              Map.of("/api/*", WhoAmIServlet.class));
      server.setHandler(context);
      server.start();
      try {
        assertSame(clerk, jetty.servletContextOf(context).getAttribute(Clerk.CONTEXT_ATTRIBUTE));
        assertEquals("/*", String.join(",", registration[0].getUrlPatternMappings()));
        String response =
            connector.getResponse(
                "GET /api/x HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
                10,
                TimeUnit.SECONDS);
        assertTrue(response.startsWith("HTTP/1.1 401 "), response);
      } finally {
        server.stop();
      }
    }
  }
}
