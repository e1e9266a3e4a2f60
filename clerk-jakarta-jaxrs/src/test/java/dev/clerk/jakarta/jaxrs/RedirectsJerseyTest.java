package dev.clerk.jakarta.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.core.Clerk;
import dev.clerk.jakarta.core.ForwardedHeaders;
import dev.clerk.jakarta.testing.FakeClerk;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.glassfish.jersey.servlet.ServletContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, defects 6–8 through the JAX-RS feature on Jersey (embedded Jetty 12, {@link TestedEe}:
 * ee10 or ee11): the adapter passes the container's request URI, so {@code
 * forwarded-headers=ignore} redirects to the origin the container saw; the development redirect
 * goes only to allowed origins, in ASCII; a nonce alone adds no CORS header to the resource's
 * response.
 */
@Tag("jersey")
class RedirectsJerseyTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final FakeClerk prod = FakeClerk.builder().production().start();
  private final FakeClerk dev = FakeClerk.start();
  private TestApp.Running server;
  private URI base;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop();
    }
    prod.close();
    dev.close();
  }

  private void deploy(FakeClerk fake, ForwardedHeaders mode) throws Exception {
    Clerk clerk =
        Clerk.builder()
            .secretKey(fake.secretKey())
            .publishableKey(fake.publishableKey())
            .apiUrl(fake.apiUrl())
            .configure(o -> o.forwardedHeaders(mode))
            .build();
    server =
        new TestApp()
            .attribute(Clerk.CONTEXT_ATTRIBUTE, clerk)
            .servlet(ServletSpec.jaxrs(ServletContainer.class, TestApplication.class), "/*")
            .start();
    base = server.base();
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String locationParam(HttpResponse<String> r, String name) {
    String location = r.headers().firstValue("Location").orElseThrow();
    for (String pair : URI.create(location).getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      if (pair.substring(0, eq).equals(name)) {
        return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError(name + " not in " + location);
  }

  private static final String[] FORWARDED_PAGE = {
    "Accept", "text/html,text/plain;q=0.9", "Cookie", "__client_uat=1700000000",
    "X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https"
  };

  @Test
  void filterWhenForwardedHeadersTrustedThenHandshakeReturnsToForwardedOrigin() throws Exception {
    deploy(prod, ForwardedHeaders.TRUST);

    HttpResponse<String> r = get("public?x=1", FORWARDED_PAGE);

    assertEquals(307, r.statusCode(), r.body());
    assertEquals("https://evil.example/app/public?x=1", locationParam(r, "redirect_url"));
  }

  @Test
  void filterWhenForwardedHeadersIgnoredThenHandshakeReturnsToContainerOrigin() throws Exception {
    deploy(prod, ForwardedHeaders.IGNORE);

    HttpResponse<String> r = get("public?x=1", FORWARDED_PAGE);

    assertEquals(307, r.statusCode(), r.body());
    assertEquals(base + "public?x=1", locationParam(r, "redirect_url"));
  }

  @Test
  void filterWhenDevRedirectUrlForeignThenResourceAnswersWithoutRedirect() throws Exception {
    deploy(dev, ForwardedHeaders.TRUST);

    HttpResponse<String> r =
        get(
            "public?__clerk_redirect_url=https%3A%2F%2Fevil.example%2Fc",
            "Accept", "text/html,text/plain;q=0.9", "Cookie", "__clerk_db_jwt=dvb_victim");

    assertEquals(200, r.statusCode(), r.body());
    assertEquals("public anonymous", r.body());
    assertTrue(r.headers().firstValue("Location").isEmpty(), r.headers().map()::toString);
  }

  @Test
  void filterWhenDevRedirectUrlOwnOriginWithNonAsciiPathThenAsciiLocation() throws Exception {
    deploy(dev, ForwardedHeaders.IGNORE);
    String target = base + "über?q=€";

    HttpResponse<String> r =
        get(
            "public?__clerk_redirect_url=" + URLEncoder.encode(target, StandardCharsets.UTF_8),
            "Accept",
            "text/html,text/plain;q=0.9",
            "Cookie",
            "__clerk_db_jwt=dvb_own");

    assertEquals(307, r.statusCode(), r.body());
    assertEquals(
        base + "%C3%BCber?q=%E2%82%AC&__clerk_db_jwt=dvb_own&__clerk_synced=true",
        r.headers().firstValue("Location").orElseThrow());
  }

  @Test
  void filterWhenHandshakeNonceWithoutDirectivesThenResourceResponseHasNoCorsHeaders()
      throws Exception {
    deploy(prod, ForwardedHeaders.TRUST);

    HttpResponse<String> r =
        get("public?__clerk_handshake_nonce=made_up", "Accept", "text/html,text/plain;q=0.9");

    assertEquals(200, r.statusCode(), r.body());
    assertEquals(List.of(), r.headers().allValues("Access-Control-Allow-Origin"));
    assertEquals(List.of(), r.headers().allValues("Access-Control-Allow-Credentials"));
  }
}
