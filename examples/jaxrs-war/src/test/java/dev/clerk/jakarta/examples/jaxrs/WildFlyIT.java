package dev.clerk.jakarta.examples.jaxrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.clerk.jakarta.testing.FakeClerk;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deploys {@code target/clerk-jaxrs-example.war} into a real standalone WildFly ({@link
 * WildFlyServer}), configured through {@code CLERK_*} environment variables for a {@link FakeClerk}
 * started here, and checks the example's HTTP contract.
 */
class WildFlyIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static FakeClerk fake;
  private static WildFlyServer wildfly;
  private static URI base;

  @BeforeAll
  static void deploy() throws Exception {
    Path war = Path.of(System.getProperty("example.war"));
    assertTrue(Files.isRegularFile(war), "no WAR at " + war);
    fake = FakeClerk.start();
    wildfly =
        WildFlyServer.start(
            Map.of(
                "CLERK_SECRET_KEY", fake.secretKey(),
                "CLERK_PUBLISHABLE_KEY", fake.publishableKey(),
                "CLERK_API_URL", fake.apiUrl()));
    base = URI.create(wildfly.url() + "/clerk-jaxrs-example/api/");
    wildfly.deployFile(war, "clerk-jaxrs-example.war");
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (wildfly != null) {
      wildfly.stop();
    }
    if (fake != null) {
      fake.close();
    }
  }

  @Test
  void publicWhenAnonymousThen200() throws Exception {
    HttpResponse<String> r = get("public");
    assertEquals(200, r.statusCode(), r::body);
    assertEquals("public", r.body());
    assertEquals("signed-out", r.headers().firstValue("x-clerk-auth-status").orElseThrow());
  }

  @Test
  void meWhenSignedOutThen401WithBearerChallenge() throws Exception {
    HttpResponse<String> r = get("me");
    assertEquals(401, r.statusCode(), r::body);
    assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElseThrow());
  }

  @Test
  void meWhenSessionTokenThenJsonFromContextClerkAuth() throws Exception {
    String token =
        fake.sessionToken()
            .subject("user_wildfly")
            .sessionId("sess_wildfly")
            .organizationV1("org_1", "acme", "org:member", "org:invoices:read")
            .sign();
    HttpResponse<String> r = get("me", "Authorization", "Bearer " + token);
    assertEquals(200, r.statusCode(), r::body);
    assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/json"));
    assertEquals(
        "{\"userId\":\"user_wildfly\",\"sessionId\":\"sess_wildfly\",\"orgId\":\"org_1\","
            + "\"orgRole\":\"org:member\",\"orgPermissions\":[\"org:invoices:read\"],"
            + "\"tokenType\":\"session_token\"}",
        r.body());
  }

  @Test
  void meWhenNoOrganizationThenNullOrgFields() throws Exception {
    String token = fake.sessionToken().subject("user_solo").sessionId("sess_solo").sign();
    HttpResponse<String> r = get("me", "Authorization", "Bearer " + token);
    assertEquals(200, r.statusCode(), r::body);
    assertEquals(
        "{\"userId\":\"user_solo\",\"sessionId\":\"sess_solo\",\"orgId\":null,\"orgRole\":null,"
            + "\"orgPermissions\":[],\"tokenType\":\"session_token\"}",
        r.body());
  }

  @Test
  void adminWhenSignedOutThen401MemberThen403AdminThen200() throws Exception {
    assertEquals(401, get("admin").statusCode());
    String member =
        fake.sessionToken().subject("user_m").organizationV1("org_1", "acme", "org:member").sign();
    HttpResponse<String> forbidden = get("admin", "Authorization", "Bearer " + member);
    assertEquals(403, forbidden.statusCode(), forbidden::body);
    assertTrue(
        forbidden
            .headers()
            .firstValue("WWW-Authenticate")
            .orElseThrow()
            .contains("error=\"insufficient_scope\""));
    String admin =
        fake.sessionToken().subject("user_a").organizationV1("org_1", "acme", "org:admin").sign();
    HttpResponse<String> ok = get("admin", "Authorization", "Bearer " + admin);
    assertEquals(200, ok.statusCode(), ok::body);
    assertEquals("admin user_a", ok.body());
  }

  private static HttpResponse<String> get(String path, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
