package dev.clerk.jakarta.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.testing.FakeClerk;
import dev.clerk.jakarta.testing.FakeFrontendApi;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The cookies of a resolved handshake survive an application (or a JAX-RS runtime, which replaces
 * the headers its response carries) that sets a cookie of its own with {@code setHeader}.
 */
@Tag(TestedEe.CONTAINER_TAG)
class CookieKeepingResponseTest {
  /** Sets its own cookie the way Jersey writes a response's headers. */
  public static final class SetsCookieServlet extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      if (resp.containsHeader("Set-Cookie")) {
        resp.setHeader("Set-Cookie", "app=1; Path=/");
      } else {
        resp.addHeader("Set-Cookie", "app=1; Path=/");
      }
      resp.setContentType("text/plain");
      resp.getWriter().print("user=" + req.getRemoteUser());
    }
  }

  @Test
  void setHeaderWhenHandshakeResolvedInProductionThenClerkCookiesKeptBesideTheApplications()
      throws Exception {
    try (FakeClerk fake =
        FakeClerk.builder().production().frontendApi("clerk.example.com").start()) {
      Clerk clerk =
          Clerk.builder()
              .secretKey(fake.secretKey())
              .publishableKey(fake.publishableKey())
              .apiUrl(fake.apiUrl())
              .build();
      Server server = new Server();
      LocalConnector connector = new LocalConnector(server);
      server.addConnector(connector);
      ContextHandler context =
          JettyEnvironment.current()
              .servletContext(
                  "/",
                  (classes, ctx) -> ClerkFilter.register(ctx, clerk),
                  Map.of("/page", SetsCookieServlet.class));
      server.setHandler(context);
      server.start();
      try {
        var t = fake.sessionToken().subject("user_cookies");
        List<String> directives =
            FakeFrontendApi.signedInDirectives(t.sign(), t.now().getEpochSecond(), null);
        String handshake = FakeFrontendApi.handshakeToken(fake, directives);
        String response =
            connector.getResponse(
                "GET /page?__clerk_handshake="
                    + handshake
                    + " HTTP/1.1\r\n"
                    + "Host: localhost\r\nSec-Fetch-Dest: document\r\nAccept: text/html\r\nConnection: close\r\n\r\n",
                10,
                TimeUnit.SECONDS);
        assertTrue(response.startsWith("HTTP/1.1 200 "), response);
        assertTrue(response.endsWith("user=user_cookies"), response);
        List<String> cookies = new ArrayList<>();
        for (String line : response.split("\r\n")) {
          if (line.regionMatches(true, 0, "Set-Cookie: ", 0, 12)) {
            cookies.add(line.substring(12));
          }
        }
        List<String> expected = new ArrayList<>(directives);
        expected.add("app=1; Path=/");
        assertEquals(
            expected.stream().sorted().toList(), cookies.stream().sorted().toList(), response);
      } finally {
        server.stop();
      }
    }
  }
}
