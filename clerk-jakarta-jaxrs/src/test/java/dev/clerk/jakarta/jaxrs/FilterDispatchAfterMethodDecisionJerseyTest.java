package dev.clerk.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.clerk.jakarta.core.auth.ClerkAuth;
import dev.clerk.jakarta.filter.ClerkFilter;
import dev.clerk.jakarta.testing.FakeClerk;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A resource method with its own {@code @AcceptsToken} forwards to a servlet the filter protects:
 * the filter judges the dispatch with its own decision (the application's token types), never with
 * the method's, and the target sees one identity. Jersey only: on Jetty 12 RESTEasy's injected
 * request cannot be forwarded.
 */
@Tag("jersey")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FilterDispatchAfterMethodDecisionJerseyTest {
  private static final String API_KEY = "ak_dispatch_secret";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  private FakeClerk fake;
  private TestApp.Running server;
  private URI base;
  private String session;

  /** The protected servlet: says who it sees, through every view. */
  public static final class SecretServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
      Object auth = req.getAttribute(ClerkAuth.ATTRIBUTE);
      resp.setContentType("text/plain");
      resp.getWriter()
          .print(
              "secret principal="
                  + (req.getUserPrincipal() == null ? "-" : req.getUserPrincipal().getName())
                  + " auth="
                  + (auth == null
                      ? "-"
                      : ClerkAuth.of((dev.clerk.jakarta.core.auth.Auth) auth)
                          .userId()
                          .orElse("-")));
    }
  }

  @BeforeAll
  void start() throws Exception {
    fake = FakeClerk.builder().production().start();
    fake.registerApiKey(API_KEY, "user_machine");
    session = fake.sessionToken().subject("user_session").expiresIn(Duration.ofMinutes(30)).sign();
    server =
        new TestApp()
            .filter(
                ClerkFilter.class,
                "/*",
                EnumSet.allOf(DispatcherType.class),
                Map.of(
                    ClerkFilter.SECRET_KEY_PARAM, fake.secretKey(),
                    ClerkFilter.PUBLISHABLE_KEY_PARAM, fake.publishableKey(),
                    ClerkFilter.API_URL_PARAM, fake.apiUrl(),
                    ClerkFilter.PROTECT_PARAM, "/servlet/*"))
            .asyncSupported()
            .servlet(ServletSpec.of(new SecretServlet()), "/servlet/*")
            .servlet(ServletSpec.jaxrs(ServletContainer.class, ChainResources.App.class), "/api/*")
            .start();
    base = server.base();
  }

  @AfterAll
  void stop() throws Exception {
    server.stop();
    fake.close();
  }

  private HttpResponse<String> get(String path, String authorization) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(base.resolve(path)).header("Authorization", authorization).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void forwardWhenMethodAcceptedApiKeyThenFilterStillRefusesItOnProtectedTarget() throws Exception {
    // Directly, the application (session tokens only) refuses the API key.
    assertEquals(401, get("servlet/secret", "Bearer " + API_KEY).statusCode());
    HttpResponse<String> r = get("api/forward/as-machine/servlet/secret", "Bearer " + API_KEY);
    assertEquals(401, r.statusCode(), r.body());
    assertFalse(r.body().contains("secret principal"), r.body());
  }

  @Test
  void forwardWhenMethodRefusedSessionThenTargetSeesTheFiltersOneIdentity() throws Exception {
    HttpResponse<String> r = get("api/forward/as-machine/servlet/secret", "Bearer " + session);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("secret principal=user_session auth=user_session", r.body());
  }
}
